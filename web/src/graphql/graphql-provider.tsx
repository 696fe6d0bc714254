'use client';

import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { signOut } from '../features/auth/session';
import { createGraphqlClient, type GraphqlClient, type LiveConnectionState } from './client';

const LiveConnectionContext = createContext<GraphqlClient['onLiveConnection'] | null>(null);

/** Provides the console's urql client to every page; an expired or revoked session signs out. */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const graphql = useMemo(() => createGraphqlClient({ onUnauthenticated: () => void signOut() }), []);
  useEffect(() => graphql.dispose, [graphql]);
  return (
    <LiveConnectionContext.Provider value={graphql.onLiveConnection}>
      <Provider value={graphql.client}>{children}</Provider>
    </LiveConnectionContext.Provider>
  );
}

/** The live (WebSocket) connection's state, for pages that show when updates have stopped. */
export function useLiveConnection(): LiveConnectionState {
  const subscribe = useContext(LiveConnectionContext);
  const [state, setState] = useState<LiveConnectionState>('idle');
  useEffect(() => subscribe?.(setState), [subscribe]);
  return state;
}

/**
 * Whether the live connection dropped while this component watched it connected, and is not back
 * yet. `onLost` runs when it drops; `onBack` once it is back: changes made meanwhile reached no
 * subscription, and a socket the API closed because the user's permissions changed (4205) comes
 * back with the new ones.
 */
export function useConnectionLost(onBack: () => void, onLost?: () => void): boolean {
  const live = useLiveConnection();
  const previous = useRef(live);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (previous.current === 'connected' && live === 'down') {
      setLost(true);
      onLost?.();
    } else if (lost && live === 'connected') {
      setLost(false);
      onBack();
    }
    previous.current = live;
  }, [live, lost, onBack, onLost]);
  return lost;
}
