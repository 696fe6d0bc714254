import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

// Both transports stay on the console's own origin: proxy.ts forwards /graphql (HTTP and the
// WebSocket upgrade) to the API named by API_URL at run time. So the browser needs no API
// address baked into the build, no CORS, and works behind whatever host serves the console.
const GRAPHQL_PATH = '/graphql';

export interface GraphqlClient {
  client: Client;
  /** Closes the WebSocket, if one was opened. */
  dispose(): void;
}

/** Builds an urql client that sends the session token on HTTP requests and on the WebSocket. */
export function createGraphqlClient(token: string | null): GraphqlClient {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // Made on the first subscription and remade after dispose(): React's strict mode disposes and
  // reuses a client, and the API refuses a socket without a token, so none opens before it is needed.
  let ws: WsClient | undefined;
  const socket = () => (ws ??= createWsClient({ url: () => webSocketUrl(window.location.href), lazy: true, connectionParams: auth }));
  const client = new Client({
    url: GRAPHQL_PATH,
    // The token rides in a header, not a cookie, so the browser never sends it on its own.
    fetchOptions: { headers: auth },
    // urql sends queries as GET by default, which Apollo's CSRF prevention refuses; with a
    // per-user token nothing could cache them anyway.
    preferGetMethod: false,
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
