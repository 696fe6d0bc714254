import { openSocket, type GraphQLResponse } from './test-api';

/** A live subscription in a test: what arrived so far, and waits for more. */
export interface TestSubscription<T> {
  received: T[];
  errors: unknown[];
  /** Resolves when at least `count` values arrived in total; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the first error (a GraphQL error result or the socket closing). */
  failed: Promise<unknown>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens a graphql-ws subscription with the token; resolves once the socket is connected. */
export async function subscribeOver<T>(wsUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<TestSubscription<T>> {
  const { client, closed, close } = await openSocket(wsUrl, token);
  let onFailed!: (error: unknown) => void;
  const failed = new Promise<unknown>((resolve) => (onFailed = resolve));
  const received: T[] = [];
  const errors: unknown[] = [];
  let waiters: (() => void)[] = [];
  client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (value) => {
        const result = value as GraphQLResponse<Record<string, T>>;
        if (result.errors) {
          errors.push(result.errors);
          onFailed(result.errors);
        } else received.push(Object.values(result.data!)[0]);
        const pending = waiters;
        waiters = [];
        for (const wake of pending) wake();
      },
      error: (error) => {
        errors.push(error);
        onFailed(error);
      },
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    failed,
    closed,
    close,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} events, got ${received.length}: ${JSON.stringify(received)} ${JSON.stringify(errors)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received;
    },
  };
}
