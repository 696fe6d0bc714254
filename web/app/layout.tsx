import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SessionProvider } from '../src/features/auth/session-provider';
import './globals.css';

export const metadata: Metadata = {
  title: 'Switchboard',
  description: 'Users, teams, roles and live agent presence for contact centers',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SessionProvider>
          <main className="page">{children}</main>
        </SessionProvider>
      </body>
    </html>
  );
}
