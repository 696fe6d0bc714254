'use client';

import type { ReactNode } from 'react';
import { GraphqlProvider } from '../../graphql/graphql-provider';
import { useSessionToken } from './token-store';

/** Gives the pages a GraphQL client signed in as the stored session, or anonymous. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const token = useSessionToken();
  return <GraphqlProvider token={token ?? null}>{children}</GraphqlProvider>;
}
