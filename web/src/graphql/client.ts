import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

// Both transports stay on the console's own origin: proxy.ts forwards /graphql (HTTP and the
// WebSocket upgrade) to the API and turns the HttpOnly session cookie into the Authorization
// header. Page scripts never hold the token.
const GRAPHQL_PATH = '/graphql';

/** Whether the live connection (the WebSocket) is up: the board shows it when it is not. */
export type LiveConnectionState = 'connecting' | 'connected' | 'down';

export interface GraphqlClient {
  client: Client;
  /** Follows the WebSocket's state; returns the unsubscribe function. */
  onLiveConnection(listener: (state: LiveConnectionState) => void): () => void;
  /** Closes the WebSocket, if one was opened. */
  dispose(): void;
}

/** Builds the console's urql client: queries and mutations over HTTP, subscriptions over graphql-ws. */
export function createGraphqlClient(): GraphqlClient {
  const listeners = new Set<(state: LiveConnectionState) => void>();
  // Kept so a page that starts listening while the socket is already open learns it at once.
  let current: LiveConnectionState = 'connecting';
  const tell = (state: LiveConnectionState) => {
    current = state;
    listeners.forEach((listener) => listener(state));
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
      on: { connecting: () => tell('connecting'), connected: () => tell('connected'), closed: () => tell('down') },
    }));
  const client = new Client({
    url: GRAPHQL_PATH,
    // urql sends queries as GET by default, which Apollo's CSRF prevention refuses.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return { subscribe: (sink) => ({ unsubscribe: socket().subscribe(input, sink) }) };
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
