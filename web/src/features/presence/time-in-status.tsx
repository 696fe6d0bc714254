'use client';

import { useEffect, useState } from 'react';
import { serverNow } from '../../graphql/server-clock';

/**
 * The current time on the server's clock (times in status start from the server's `since`, so a PC
 * clock set wrong must not show), re-rendering its component every second: one clock for a whole
 * board, not one per row.
 */
export function useNow(): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Time since `since` as m:ss, h:mm:ss, or days and hours past a day. */
export function formatElapsed(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  if (days > 0) return `${days}d ${hours}h`;
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** The time spent in a status so far, ticking with `now`; the start time on hover. */
export function TimeInStatus({ since, now }: { since: string; now: number }) {
  return (
    <time dateTime={since} title={`Since ${new Date(since).toLocaleString()}`}>
      {formatElapsed(since, now)}
    </time>
  );
}
