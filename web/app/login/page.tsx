import type { Metadata } from 'next';
import { LoginForm } from '../../src/features/auth/login-form';

export const metadata: Metadata = { title: 'Sign in · Switchboard' };

export default function LoginPage() {
  return <LoginForm />;
}
