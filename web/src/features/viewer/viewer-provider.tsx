'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import type { AccessLevel, ViewerQuery as ViewerData } from '../../gql/graphql';
import { errorMessage, isUnauthenticated } from '../../graphql/error-message';
import { useConnectionLost } from '../../graphql/graphql-provider';
import { ViewerQuery } from './viewer.operations';

export type Viewer = ViewerData['me'] & {
  /** Whether the viewer holds the permission at this level or higher (EDIT includes VIEW). */
  can(permission: string, access?: AccessLevel): boolean;
  /** Whether the viewer holds the permission for all teams (and queues), not only their assigned ones. */
  holdsForAll(permission: string): boolean;
};

const ViewerContext = createContext<Viewer | null>(null);

/**
 * Loads who is signed in and what they may do, for every console page. The API enforces every
 * permission on its own; this only spares the viewer controls that would be refused. An expired or
 * revoked session signs out (the GraphQL client does it).
 */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, error }, reexecute] = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });
  // The API closes the socket when the viewer's permissions change (4205): load them again once it is back.
  useConnectionLost(useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]));
  // urql drops `data` when a load fails: the last viewer loaded stays.
  const [loaded, setLoaded] = useState(data);
  if (data && data !== loaded) setLoaded(data);
  const viewer = useMemo<Viewer | null>(() => {
    if (!loaded) return null;
    const held = new Map(loaded.me.permissions.map((p) => [p.permission, p.access]));
    const forAll = new Set(loaded.me.permissions.filter((p) => p.scope === 'ALL').map((p) => p.permission));
    return {
      ...loaded.me,
      can: (permission, access = 'VIEW') => (access === 'VIEW' ? held.has(permission) : held.get(permission) === 'EDIT'),
      holdsForAll: (permission) => forAll.has(permission),
    };
  }, [loaded]);
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
