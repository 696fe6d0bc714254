'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation } from 'urql';
import { errorMessage } from '../../graphql/error-message';
import { LoginMutation } from './auth.operations';
import { saveToken, useSessionToken } from './token-store';

/** The sign-in form: tenant, email and password; a signed-in visitor goes on to the home page. */
export function LoginForm() {
  const router = useRouter();
  const token = useSessionToken();
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [error, setError] = useState<string | null>(null);

  // One place decides where a session leads, whether it was just made here or already existed.
  useEffect(() => {
    if (token) router.replace('/');
  }, [token, router]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    setError(null);
    const result = await login({ tenant: field('tenant'), email: field('email'), password: String(form.get('password') ?? '') });
    if (result.data) saveToken(result.data.login.token);
    else if (result.error) setError(errorMessage(result.error));
  }

  return (
    <form className="card form" onSubmit={onSubmit}>
      <h1>Sign in</h1>
      <p className="muted">Switchboard console</p>
      <label htmlFor="tenant">Tenant</label>
      <input id="tenant" name="tenant" autoComplete="organization" required autoFocus />
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={fetching}>
        {fetching ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
