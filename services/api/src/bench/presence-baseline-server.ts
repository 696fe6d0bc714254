import './production-mode';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the presence benchmark tells the bare broadcaster over IPC. */
export type BaselineRequest = { type: 'broadcast'; audience: string; payload: string } | { type: 'stop' };

/**
 * The yardstick of `bench:presence`: a bare `ws` server in a process of its own that broadcasts a
 * payload to the sockets of one audience (named by the client's ?audience= query), serialising once
 * per audience and doing nothing else — what delivery costs with no GraphQL, auth or filtering.
 */
function main(): void {
  const audiences = new Map<string, Set<WebSocket>>();
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, request) => {
    const audience = new URL(request.url ?? '/', 'http://x').searchParams.get('audience') ?? '';
    const members = audiences.get(audience) ?? new Set();
    audiences.set(audience, members);
    members.add(socket);
    socket.on('close', () => members.delete(socket));
  });
  process.on('message', (request: BaselineRequest) => {
    if (request.type === 'stop') {
      for (const client of wss.clients) client.terminate();
      server.close(() => process.exit(0));
      return;
    }
    for (const socket of audiences.get(request.audience) ?? []) socket.send(request.payload);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ type: 'ready', url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
  });
}

main();
