'use client';

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery } from 'urql';
import type { AccessLevel, ViewerQuery as ViewerData } from '../../gql/graphql';
import { errorMessage, isUnauthenticated } from '../../graphql/error-message';
import { signOut } from '../auth/session';
import { ViewerQuery } from './viewer.operations';

export type Viewer = ViewerData['me'] & {
  /** Whether the viewer holds the permission at this level or higher (EDIT includes VIEW). */
  can(permission: string, access?: AccessLevel): boolean;
};

const ViewerContext = createContext<Viewer | null>(null);

/**
 * Loads who is signed in and what they may do, for every console page. The API enforces every
 * permission on its own; this only spares the viewer controls that would be refused.
 */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, error }] = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });
  // An expired or revoked session: clear the cookie and sign in again.
  useEffect(() => {
    if (error && isUnauthenticated(error)) void signOut();
  }, [error]);
  const viewer = useMemo<Viewer | null>(() => {
    if (!data) return null;
    const held = new Map(data.me.permissions.map((p) => [p.permission, p.access]));
    return { ...data.me, can: (permission, access = 'VIEW') => (access === 'VIEW' ? held.has(permission) : held.get(permission) === 'EDIT') };
  }, [data]);
  if (!viewer) {
    return error && !isUnauthenticated(error) ? (
      <p className="error" role="alert">
        {errorMessage(error)}
      </p>
    ) : (
      <p className="muted" aria-busy="true">
        Loading…
      </p>
    );
  }
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in viewer; only under ViewerProvider (every page of the console's signed-in area). */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer() is used outside ViewerProvider');
  return viewer;
}
