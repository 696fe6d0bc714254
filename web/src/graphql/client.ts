import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { CloseCode, createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { isUnauthenticated } from './error-message';
import { fetchLearningServerClock } from './server-clock';

// Both transports stay on the console's own origin: proxy.ts forwards /graphql (HTTP and the
// WebSocket upgrade) to the API and turns the HttpOnly session cookie into the Authorization
// header. Page scripts never hold the token.
const GRAPHQL_PATH = '/graphql';

/**
 * Whether the live connection (the WebSocket) is up: the board shows it when it is not. `idle`: no
 * socket, as nothing is subscribed (not opened yet, or closed once the last subscription ended).
 */
export type LiveConnectionState = 'idle' | 'connecting' | 'connected' | 'down';

export interface GraphqlClient {
  client: Client;
  /** Follows the WebSocket's state; returns the unsubscribe function. */
  onLiveConnection(listener: (state: LiveConnectionState) => void): () => void;
  /** Closes the WebSocket, if one was opened. */
  dispose(): void;
}

/**
 * Builds the console's urql client: queries and mutations over HTTP, subscriptions over graphql-ws.
 * `onUnauthenticated` runs whenever the session turns out expired or revoked: an operation refused
 * with UNAUTHENTICATED, or the socket closed with 4401 (session revoked, user deactivated); signOut
 * acts once per page.
 */
export function createGraphqlClient({ onUnauthenticated }: { onUnauthenticated(): void }): GraphqlClient {
  const listeners = new Set<(state: LiveConnectionState) => void>();
  // Kept so a page that starts listening while the socket is already open learns it at once.
  let current: LiveConnectionState = 'idle';
  const tell = (state: LiveConnectionState) => {
    current = state;
    listeners.forEach((listener) => listener(state));
  };
  // The lazy socket closes normally (1000) once nothing has been subscribed for a while: that is
  // idle, not a lost connection.
  let subscriptions = 0;
  /** Counts a subscription as open until the function returned is first called. */
  const holdSubscription = () => {
    subscriptions++;
    let held = true;
    return () => {
      if (held) subscriptions--;
      held = false;
    };
  };
  const closed = (event: unknown) => {
    const code = (event as { code?: number }).code;
    if (code === CloseCode.Unauthorized) onUnauthenticated();
    tell(code === 1000 && subscriptions === 0 ? 'idle' : 'down');
  };
  // Made on the first subscription and remade after dispose(): React's strict mode disposes and
  // reuses a client.
  let ws: WsClient | undefined;
  const socket = () =>
    (ws ??= createWsClient({
      url: () => webSocketUrl(window.location.href),
      lazy: true,
      // A page that swaps a subscription for another (the board resubscribing after it loads again)
      // keeps the socket: closed at once, its drop would read as a lost connection and load the board again.
      lazyCloseTimeout: 3000,
      // A console left open through an API restart or a network blip comes back on its own.
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: { connecting: () => tell('connecting'), connected: () => tell('connected'), closed },
    }));
  const client = new Client({
    url: GRAPHQL_PATH,
    // urql sends queries as GET by default, which Apollo's CSRF prevention refuses.
    preferGetMethod: false,
    // Every answer's Date header tells the page the server's time (see server-clock.ts).
    fetch: fetchLearningServerClock,
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const release = holdSubscription();
              const observer: typeof sink = {
                next: (value) => sink.next(value),
                error: (error) => {
                  release();
                  sink.error(error);
                },
                complete: () => {
                  release();
                  sink.complete();
                },
              };
              const unsubscribe = socket().subscribe(input, observer);
              return {
                unsubscribe: () => {
                  release();
                  unsubscribe();
                },
              };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    onLiveConnection(listener) {
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      void ws?.dispose();
      ws = undefined;
    },
  };
}

/** The ws:// or wss:// address of /graphql on the origin of the given page. */
function webSocketUrl(pageUrl: string): string {
  const url = new URL(GRAPHQL_PATH, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
