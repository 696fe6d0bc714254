'use client';

import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'next/navigation';
import { acceptInvitation } from './session';

/** Sets the password of an invited user from the link in their email, then signs them in. */
export function AcceptInvitationForm() {
  const token = useSearchParams().get('token') ?? '';
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError('The two passwords are not the same.');
      return;
    }
    setError(null);
    setSaving(true);
    try {
      await acceptInvitation({ token, password });
      window.location.assign('/');
    } catch (refused) {
      setError((refused as Error).message);
      setSaving(false);
    }
  }

  if (!token) {
    return (
      <div className="card" role="alert">
        <h1>Invitation link incomplete</h1>
        <p className="muted">Open the link from your invitation email again, or ask your administrator to resend it.</p>
      </div>
    );
  }
  return (
    <form className="card form" onSubmit={onSubmit}>
      <h1>Welcome to Switchboard</h1>
      <p className="muted">Choose a password to activate your account.</p>
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="new-password" required autoFocus />
      <label htmlFor="confirm">Repeat password</label>
      <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Activating…' : 'Activate account'}
      </button>
    </form>
  );
}
