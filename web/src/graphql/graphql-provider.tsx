'use client';

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createGraphqlClient, type GraphqlClient, type LiveConnectionState } from './client';

const LiveConnectionContext = createContext<GraphqlClient['onLiveConnection'] | null>(null);

/** Provides the console's urql client to every page. */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const graphql = useMemo(() => createGraphqlClient(), []);
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
  const [state, setState] = useState<LiveConnectionState>('connecting');
  useEffect(() => subscribe?.(setState), [subscribe]);
  return state;
}
