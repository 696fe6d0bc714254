import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { PresenceDelivery } from '@switchboard/domain';
import type { Context } from '../context';

type Result = ExecutionResult | Promise<ExecutionResult>;

// Results per delivered object: dropped with it once every socket has sent it.
const shared = new WeakMap<object, Map<string, Result>>();
// The JSON of each shared result, made when the first socket sends it (null until then).
const sharedJson = new WeakMap<object, string | null>();

/**
 * graphql-ws's `subscribe`: like graphql's, but an event delivered as one object to many sockets
 * (a PresenceDelivery, one per audience) is executed once per identical operation of one caller
 * and the result is shared, so delivery cost does not grow with the GraphQL work per socket.
 * Other events are executed per socket as usual.
 */
export async function subscribeSharingResults(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const actor = (args.contextValue as Context).actor;
  // Same caller and same operation text and variables: the same answer for the same event.
  const key = JSON.stringify([actor?.tenantId, actor?.userId ?? actor?.credentialId, print(args.document), args.variableValues ?? {}, args.operationName ?? null]);
  const run = (payload: unknown): Result => {
    if (!isDelivery(payload)) return execute({ ...args, rootValue: payload });
    let results = shared.get(payload);
    if (!results) {
      results = new Map();
      shared.set(payload, results);
    }
    let result = results.get(key);
    if (!result) {
      result = Promise.resolve(execute({ ...args, rootValue: payload })).then((done) => {
        sharedJson.set(done, null);
        return done;
      });
      results.set(key, result);
    }
    return result;
  };
  const iterator = source[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await iterator.next();
      return step.done ? { value: undefined, done: true } : { value: await run(step.value), done: false };
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function isDelivery(value: unknown): value is PresenceDelivery {
  return typeof value === 'object' && value !== null && 'audienceKey' in value && 'event' in value;
}

/** Whether this result is shared by many sockets (graphql-ws's onNext then sends it as is, not a copy). */
export function isSharedResult(result: ExecutionResult): boolean {
  return sharedJson.has(result);
}

// graphql-ws serialises every `next` message per socket. For a shared result, the replacer below
// puts this marker in the message instead of the result, and the socket's send splices in the
// result's JSON, made once: so 2,000 sockets of one audience cost one JSON.stringify of the event.
const MARKER_JSON = JSON.stringify('\u0000shared-result');
const MARKED_ENDING = `"payload":${MARKER_JSON}}`;
// Set by the replacer and read by the send that follows it in the same synchronous step.
let markedResult: object | null = null;

/** graphql-ws's jsonMessageReplacer: a shared result's payload becomes a marker. */
export function markSharedPayload(key: string, value: unknown): unknown {
  if (key === 'payload' && typeof value === 'object' && value !== null && sharedJson.has(value)) {
    markedResult = value;
    return JSON.parse(MARKER_JSON);
  }
  return value;
}

/** What the WebSocket really sends: the message with a marked payload replaced by the result's JSON. */
export function expandSharedPayload(message: string): string {
  if (!markedResult || !message.endsWith(MARKED_ENDING)) return message;
  const result = markedResult;
  markedResult = null;
  let json = sharedJson.get(result);
  if (!json) {
    json = JSON.stringify(result);
    sharedJson.set(result, json);
  }
  return `${message.slice(0, -MARKED_ENDING.length)}"payload":${json}}`;
}
