'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { fieldError } from '../../graphql/error-message';
import { useLiveConnection } from '../../graphql/graphql-provider';
import { ErrorAlert } from '../../ui/error-alert';
import { StatusSelect } from './status-select';
import { PresenceEndShift, PresenceHeartbeat, PresenceMine, PresenceSetMyStatus, PresenceStartShift } from './presence.operations';
import { StatusLabel } from './status-label';
import { TimeInStatus, useNow } from './time-in-status';
import styles from './my-status.module.css';

/**
 * The agent's own status: start and end the shift, choose a status, and see why they were put Offline.
 * `boardSequence`: the sequence of the viewer's own row on the live board, for a supervisor who is
 * also an agent; a newer one than shown here is someone else's change (a supervisor logged them out).
 */
export function MyStatus({ boardSequence }: { boardSequence?: number }) {
  const [{ data, error }, reexecute] = useQuery({ query: PresenceMine, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [startState, startShift] = useMutation(PresenceStartShift);
  const [endState, endShift] = useMutation(PresenceEndShift);
  const [chooseState, setMyStatus] = useMutation(PresenceSetMyStatus);
  const [statusId, setStatusId] = useState('');
  const now = useNow();
  const presence = data?.myPresence ?? null;
  const onShift = presence !== null && presence.status.systemKey !== 'OFFLINE';
  useHeartbeat(onShift ? presence.heartbeatEverySeconds : null, presence?.sequence ?? null, refresh);
  useEffect(() => {
    if (data && boardSequence !== undefined && boardSequence > (data.myPresence?.sequence ?? 0)) refresh();
  }, [data, boardSequence, refresh]);

  const choices = (data?.agentStatuses ?? []).filter((status) => status.agentSelectable && status.id !== presence?.status.id);
  const invalid = fieldError(chooseState.error);
  const statusError = invalid?.field === 'statusId' ? invalid.message : null;
  const shiftError = startState.error ?? endState.error;

  const run = async (mutation: () => Promise<{ error?: unknown }>) => {
    const result = await mutation();
    if (!result.error) {
      setStatusId('');
      refresh();
    }
  };
  const choose = (event: FormEvent) => {
    event.preventDefault();
    void run(() => setMyStatus({ statusId }));
  };

  return (
    <section className={`panel ${styles.panel}`} aria-labelledby="my-status-title">
      <h2 id="my-status-title">My status</h2>
      {!data ? (
        error ? (
          <ErrorAlert error={error} />
        ) : (
          <p className="muted" aria-busy="true">
            Loading your status…
          </p>
        )
      ) : (
        <>
          {!onShift && presence?.offlineReason && (
            <p className="notice" role="status">
              You were put Offline: {presence.offlineReason}
            </p>
          )}
          <p className={styles.current}>
            {presence ? (
              <>
                <StatusLabel status={presence.status} />
                <span>
                  for <TimeInStatus since={presence.since} now={now} />
                </span>
              </>
            ) : (
              <span className="muted">You have not started a shift yet.</span>
            )}
          </p>
          {onShift && (
            <form className={styles.choose} onSubmit={choose}>
              <div className={styles.field}>
                <StatusSelect label="Change my status to" error={statusError} choices={choices} value={statusId} onChange={setStatusId} />
              </div>
              <button type="submit" className="primary" disabled={chooseState.fetching}>
                {chooseState.fetching ? 'Saving…' : 'Set status'}
              </button>
            </form>
          )}
          <ErrorAlert error={chooseState.error && !statusError ? chooseState.error : shiftError} />
          <div className={styles.shift}>
            {onShift ? (
              <button type="button" onClick={() => void run(() => endShift({}))} disabled={endState.fetching}>
                End shift
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => void run(() => startShift({}))} disabled={startState.fetching}>
                Start shift
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Keeps an on-shift agent from being timed out while the page is open. An open WebSocket counts
 * as a heartbeat by itself (the API refreshes it for every socket), so nothing is sent while one is
 * connected (a supervisor who is also an agent, on the live board); otherwise the heartbeat
 * mutation. Its answer shows whether someone else changed the status meanwhile (a supervisor
 * logged the agent out): then My status loads again and shows why.
 */
function useHeartbeat(everySeconds: number | null, shownSequence: number | null, refresh: () => void): void {
  const live = useLiveConnection();
  const [, heartbeat] = useMutation(PresenceHeartbeat);
  useEffect(() => {
    if (everySeconds === null || live === 'connected') return;
    const timer = setInterval(async () => {
      const result = await heartbeat({});
      const current = result.data?.heartbeat?.sequence;
      if (current !== undefined && current !== shownSequence) refresh();
    }, everySeconds * 1000);
    return () => clearInterval(timer);
  }, [everySeconds, live, shownSequence, heartbeat, refresh]);
}
