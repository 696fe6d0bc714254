import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from '../../src/features/auth/login-form';

export const metadata: Metadata = { title: 'Sign in · Switchboard' };

export default function LoginPage() {
  return (
    <main className="center-page">
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
