'use client';

import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'next/navigation';
import { signIn } from './session';

/** Where to go after signing in: the page the visitor asked for, if it is one of ours. */
function nextPage(requested: string | null): string {
  return requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/';
}

/** The sign-in form: tenant, email and password. */
export function LoginForm() {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setError(null);
    setSigningIn(true);
    try {
      await signIn({ tenant: field('tenant').trim(), email: field('email').trim(), password: field('password') });
      // A full page load: the console's server now sees the session cookie.
      window.location.assign(nextPage(params.get('next')));
    } catch (refused) {
      setError((refused as Error).message);
      setSigningIn(false);
    }
  }

  return (
    <form className="card form" onSubmit={onSubmit}>
      <h1>Sign in</h1>
      <p className="muted">Switchboard console</p>
      <label htmlFor="tenant">Tenant</label>
      <input id="tenant" name="tenant" autoComplete="organization" defaultValue={params.get('tenant') ?? ''} required autoFocus />
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="username" required />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={signingIn}>
        {signingIn ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
