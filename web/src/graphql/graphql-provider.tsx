'use client';

import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createGraphqlClient } from './client';

/** Provides an urql client for the given token; a new token gets a new client, so no cached data outlives a session. */
export function GraphqlProvider({ token, children }: { token: string | null; children: ReactNode }) {
  const graphql = useMemo(() => createGraphqlClient(token), [token]);
  useEffect(() => graphql.dispose, [graphql]);
  return <Provider value={graphql.client}>{children}</Provider>;
}
