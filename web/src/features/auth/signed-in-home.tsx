'use client';

import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorMessage, isUnauthenticated } from '../../graphql/error-message';
import { LogoutMutation, MeQuery } from './auth.operations';
import { saveToken } from './token-store';

/** The signed-in home: who you are, in which tenant, and a way out. */
export function SignedInHome() {
  const [{ data, error }] = useQuery({ query: MeQuery });
  const [{ fetching: signingOut }, logout] = useMutation(LogoutMutation);

  // An expired or revoked token is a signed-out session: forget it, and RequireSession moves on.
  useEffect(() => {
    if (error && isUnauthenticated(error)) saveToken(null);
  }, [error]);

  async function signOut() {
    // The token is forgotten even if the server cannot be told: the visitor asked to leave.
    await logout({});
    saveToken(null);
  }

  const me = data?.me;
  return (
    <section className="card">
      <h1>Switchboard</h1>
      {error && !isUnauthenticated(error) && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {me ? (
        <>
          <p>
            Signed in as <strong>{me.user ? `${me.user.firstName} ${me.user.lastName}` : 'an API credential'}</strong>
            {me.user && <> ({me.user.email})</>}
          </p>
          <p className="muted">Tenant: {me.tenant.name}</p>
        </>
      ) : (
        !error && <p className="muted">Loading…</p>
      )}
      <button type="button" onClick={signOut} disabled={signingOut}>
        Sign out
      </button>
    </section>
  );
}
