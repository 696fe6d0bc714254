/**
 * The server's clock as this page sees it. Times in status count from the server's `since`, so
 * counting them on the PC's clock would start every fresh change at 2:00 on a clock two minutes
 * fast, and hold it at 0:00 on one two minutes slow.
 *
 * Each HTTP answer's Date header (whole seconds) bounds the offset between the two clocks: the
 * server wrote it at some moment between sending the request and receiving the answer, so
 * offset ∈ [date − received, date + 1 s − sent]. Successive answers' bounds are intersected, which
 * narrows the estimate to well under a second; bounds that no longer meet (a clock was set
 * meanwhile) start again from the latest answer.
 */

export interface OffsetBounds {
  low: number;
  high: number;
}

/** One HTTP exchange: local times around it and the server's Date header, in epoch milliseconds. */
export interface ClockSample {
  sent: number;
  received: number;
  serverDate: number;
}

/** The offset bounds after one more answer. */
export function narrowOffset(bounds: OffsetBounds | null, { sent, received, serverDate }: ClockSample): OffsetBounds {
  const low = serverDate - received;
  const high = serverDate + 1000 - sent;
  if (!bounds || low > bounds.high || high < bounds.low) return { low, high };
  return { low: Math.max(low, bounds.low), high: Math.min(high, bounds.high) };
}

let bounds: OffsetBounds | null = null;

/** Date.now() on the server's clock, as best known (the PC's clock until an answer came). */
export function serverNow(): number {
  return Date.now() + (bounds ? (bounds.low + bounds.high) / 2 : 0);
}

/** fetch that learns the server's clock from each answer's Date header. */
export async function fetchLearningServerClock(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const sent = Date.now();
  const response = await fetch(input, init);
  const serverDate = Date.parse(response.headers.get('date') ?? '');
  if (!Number.isNaN(serverDate)) bounds = narrowOffset(bounds, { sent, received: Date.now(), serverDate });
  return response;
}
