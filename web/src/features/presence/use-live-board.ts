'use client';

import { useCallback, useEffect, useReducer, useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import type { PresenceBoardQuery as BoardData } from '../../gql/graphql';
import { useLiveConnection } from '../../graphql/graphql-provider';
import { EMPTY_BOARD, liveBoardReducer, type LiveBoardAction } from './live-board-state';
import { PresenceBoardChanged, PresenceBoardQuery } from './presence.operations';

/** How often an interrupted board loads again (and so resubscribes) until it is live again. */
const RESUME_EVERY_MS = 5000;

/**
 * The supervisors' board kept live: loaded with agentPresences and presenceSequence, then updated
 * in place by agentStatusChanged subscribed from that sequence. Every load resubscribes from its
 * sequence. The board loads again when the agents the viewer may see change (the stream's
 * VIEW_CHANGED notice), when a change shows others were missed (see liveBoardReducer),
 * when the socket is back after dropping, and every few seconds while the subscription is down
 * or failed (graphql-ws retries a dropped socket only while a subscription holds it open).
 * `seesEveryAgent`: the viewer's "Monitoring - Agents" scope is the whole tenant.
 */
export function useLiveBoard(seesEveryAgent: boolean) {
  const client = useClient();
  const live = useLiveConnection();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PresenceBoardQuery, requestPolicy: 'network-only' });
  const [board, dispatch] = useReducer(liveBoardReducer, EMPTY_BOARD);
  const [subscriptionError, setSubscriptionError] = useState<CombinedError | null>(null);
  const [connectionLost, setConnectionLost] = useState(false);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  // Each load replaces the board during render, so no effect ever sees the new data with the old board.
  const [loadedFrom, setLoadedFrom] = useState<BoardData | null>(null);
  if (data && data !== loadedFrom) {
    setLoadedFrom(data);
    dispatch({ type: 'loaded', rows: data.agentPresences, sequence: data.presenceSequence });
  }

  useEffect(() => {
    if (!data) return;
    setSubscriptionError(null);
    const subscription = client.subscription(PresenceBoardChanged, { afterSequence: data.presenceSequence }).subscribe((result) => {
      // The agents the viewer may see changed (team membership): load the board again, which resubscribes.
      if (result.error?.graphQLErrors.some((e) => e.extensions?.code === 'VIEW_CHANGED')) reload();
      else if (result.error) setSubscriptionError(result.error);
      else if (result.data) dispatch({ type: 'changed', change: result.data.agentStatusChanged, seesEveryAgent });
    });
    return subscription.unsubscribe;
  }, [client, data, seesEveryAgent]);

  // Not while a load fails: the retries below, or the viewer, try again.
  useEffect(() => {
    if (board.missedChanges && !fetching && !error) reload();
  }, [board.missedChanges, fetching, error, reload]);

  // Changes made while the socket was down are lost to the subscription: load again once it is back.
  useEffect(() => {
    if (live === 'down') setConnectionLost(true);
    else if (live === 'connected' && connectionLost) {
      setConnectionLost(false);
      reload();
    }
  }, [live, connectionLost, reload]);

  const interrupted = connectionLost || subscriptionError !== null;
  useEffect(() => {
    if (!interrupted) return;
    const timer = setInterval(reload, RESUME_EVERY_MS);
    return () => clearInterval(timer);
  }, [interrupted, reload]);

  return {
    rows: board.rows,
    catalogue: data?.agentStatuses ?? [],
    loading: !data && fetching,
    /** Loading the board failed (the last board loaded, if any, is still shown). */
    error,
    live,
    /** Why the board is not following changes now (it keeps trying), or null while it is live. */
    interruption: subscriptionError ?? (connectionLost ? ('connection' as const) : null),
    reload,
    /** Applies the viewer's own change from its mutation's answer, before the event arrives. */
    applyOwnChange: useCallback((row: Extract<LiveBoardAction, { type: 'acted' }>['row']) => dispatch({ type: 'acted', row }), []),
  };
}
