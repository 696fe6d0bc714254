'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import type { PresenceBoardQuery as BoardData } from '../../gql/graphql';
import { useConnectionLost, useLiveConnection } from '../../graphql/graphql-provider';
import { EMPTY_BOARD, liveBoardReducer, type LiveBoardAction } from './live-board-state';
import { PresenceBoardChanged, PresenceBoardQuery } from './presence.operations';

/** How often an interrupted board loads again (and so resubscribes) until it is live again. */
const RESUME_EVERY_MS = 5000;

/**
 * The supervisors' board kept live: loaded with agentPresences and presenceSequence, then updated
 * in place by agentStatusChanged subscribed from that sequence. Every load resubscribes from its
 * sequence, a dropped socket from the board's last. The board loads again when the agents the
 * viewer may see change (the stream's VIEW_CHANGED notice), when more changes were missed than the
 * stream replays, when a change shows others were missed (see liveBoardReducer),
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
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  // Each load replaces the board during render, so no effect ever sees the new data with the old board.
  // urql drops `data` when a load fails: the last good load stays, with its catalogue and subscription.
  const [loadedFrom, setLoadedFrom] = useState<BoardData | null>(null);
  if (data && data !== loadedFrom) {
    setLoadedFrom(data);
    dispatch({ type: 'loaded', rows: data.agentPresences, sequence: data.presenceSequence });
  }

  // Where a new subscription starts: the last change the board holds (right after a load, the load's sequence).
  const lastSequence = useRef(board.lastSequence);
  useEffect(() => {
    lastSequence.current = board.lastSequence;
  }, [board.lastSequence]);

  // Changes made while the socket was down are lost to the subscription: load again once it is back.
  // When it drops, resubscribe from the board's last sequence: graphql-ws would resubscribe from the
  // last load's, which the API no longer replays after a busy while.
  const [drops, setDrops] = useState(0);
  const connectionLost = useConnectionLost(reload, useCallback(() => setDrops((count) => count + 1), []));

  useEffect(() => {
    if (!loadedFrom) return;
    setSubscriptionError(null);
    const subscription = client.subscription(PresenceBoardChanged, { afterSequence: lastSequence.current }).subscribe((result) => {
      if (result.error && mustLoadAgain(result.error)) reload();
      else if (result.error) setSubscriptionError(result.error);
      else if (result.data) dispatch({ type: 'changed', change: result.data.agentStatusChanged, seesEveryAgent });
    });
    return subscription.unsubscribe;
  }, [client, loadedFrom, seesEveryAgent, drops]);

  // Not while a load fails: the retries below, or the viewer, try again.
  useEffect(() => {
    if (board.missedChanges && !fetching && !error) reload();
  }, [board.missedChanges, fetching, error, reload]);

  const interrupted = connectionLost || subscriptionError !== null;
  useEffect(() => {
    if (!interrupted) return;
    const timer = setInterval(reload, RESUME_EVERY_MS);
    return () => clearInterval(timer);
  }, [interrupted, reload]);

  return {
    rows: board.rows,
    catalogue: loadedFrom?.agentStatuses ?? [],
    loading: !loadedFrom && fetching,
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

/**
 * Whether the stream's error asks for the board to be loaded again (which resubscribes), rather
 * than saying live updates stopped: the agents the viewer may see changed (VIEW_CHANGED, team
 * membership), or more changes were missed than the API replays (afterSequence refused).
 */
function mustLoadAgain(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'VIEW_CHANGED' || e.extensions?.field === 'afterSequence');
}
