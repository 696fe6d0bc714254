// The browser side of the session: the console's /api/session route keeps the token in an
// HttpOnly cookie, so these calls only ever see the signed-in user, never the token.

async function post(path: string, body: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new Error('Could not reach the console. Check your connection and try again.');
  }
  if (!response.ok) {
    const { message } = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(message ?? `Signing in failed (HTTP ${response.status}).`);
  }
}

/** Signs in; throws an Error with the server's message when refused. */
export function signIn(fields: { tenant: string; email: string; password: string }): Promise<void> {
  return post('/api/session', fields);
}

/** Sets the password from an invitation and signs in; throws with the server's message when refused. */
export function acceptInvitation(fields: { token: string; password: string }): Promise<void> {
  return post('/api/session/invitation', fields);
}

let signingOut: Promise<void> | null = null;

/**
 * Ends the session and opens the sign-in page with a fresh page load, so nothing of the session
 * stays in memory. Once per page: ending the session closes the socket (4401), which asks again,
 * and a second navigation would abort the first.
 */
export function signOut(): Promise<void> {
  signingOut ??= (async () => {
    await fetch('/api/session', { method: 'DELETE' }).catch(() => undefined);
    window.location.assign('/login');
  })();
  return signingOut;
}
