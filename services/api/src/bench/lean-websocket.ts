import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

/** An open client WebSocket of the benchmark. */
export interface LeanSocket {
  send(text: string): void;
  close(): void;
}

/** Receives each text message as a range of a buffer, without a copy. */
export type MessageHandler = (data: Buffer, start: number, end: number) => void;

const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

/**
 * The benchmark's WebSocket client: the upgrade through node's http, then frames read and written
 * here. Its thousands of sockets share the two cores with the servers it measures, and a full client
 * (a Buffer, an event and a copy per message) cost more CPU than the servers under test, so it was
 * the client's queue the latencies measured. It answers pings (graphql-ws keeps sockets alive with them).
 */
export function openLeanSocket(url: string, protocol: string | null, onMessage: MessageHandler): Promise<LeanSocket> {
  return new Promise((resolve, reject) => {
    const request = http.request(url.replace(/^ws/, 'http'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...(protocol ? { 'sec-websocket-protocol': protocol } : {}),
      },
    });
    request.on('error', reject);
    request.on('response', (response) => reject(new Error(`${url}: no upgrade (HTTP ${response.statusCode})`)));
    request.on('upgrade', (_response, socket: Socket, head: Buffer) => {
      socket.setNoDelay(true);
      let rest: Buffer | null = null;
      const read = (chunk: Buffer) => {
        const data = rest ? Buffer.concat([rest, chunk]) : chunk;
        let at = 0;
        for (;;) {
          const frame = frameAt(data, at);
          if (!frame) break;
          if (frame.opcode === TEXT) onMessage(data, frame.start, frame.end);
          else if (frame.opcode === PING) socket.write(encode(PONG, data.subarray(frame.start, frame.end)));
          else if (frame.opcode === CLOSE) socket.end();
          at = frame.end;
        }
        rest = at < data.length ? data.subarray(at) : null;
      };
      socket.on('data', read);
      socket.on('error', () => socket.destroy());
      if (head.length > 0) read(head);
      resolve({ send: (text) => socket.write(encode(TEXT, Buffer.from(text))), close: () => socket.destroy() });
    });
    request.end();
  });
}

/** The complete frame starting at `at` (servers send unmasked, unfragmented frames), or null if it has not all arrived. */
function frameAt(data: Buffer, at: number): { opcode: number; start: number; end: number } | null {
  if (data.length - at < 2) return null;
  let length = data[at + 1] & 0x7f;
  let start = at + 2;
  if (length === 126) {
    if (data.length - at < 4) return null;
    length = data.readUInt16BE(at + 2);
    start = at + 4;
  } else if (length === 127) {
    if (data.length - at < 10) return null;
    length = Number(data.readBigUInt64BE(at + 2));
    start = at + 10;
  }
  if (data.length < start + length) return null;
  return { opcode: data[at] & 0x0f, start, end: start + length };
}

/** A final, masked frame (clients must mask) of a short payload. */
function encode(opcode: number, payload: Buffer): Buffer {
  const header = payload.length < 126 ? 2 : 4;
  const frame = Buffer.alloc(header + 4 + payload.length);
  frame[0] = 0x80 | opcode;
  if (header === 2) frame[1] = 0x80 | payload.length;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(payload.length, 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, header);
  for (let i = 0; i < payload.length; i++) frame[header + 4 + i] = payload[i] ^ mask[i & 3];
  return frame;
}
