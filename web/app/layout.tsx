import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { GraphqlProvider } from '../src/graphql/graphql-provider';
import './globals.css';

export const metadata: Metadata = {
  title: 'Switchboard',
  description: 'Users, teams, roles and live agent presence for contact centers',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <GraphqlProvider>{children}</GraphqlProvider>
      </body>
    </html>
  );
}
