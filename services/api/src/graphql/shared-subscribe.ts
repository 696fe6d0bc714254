import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { PresenceDelivery } from '@switchboard/domain';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { createLoaders, type Context } from '../context';

type Result = ExecutionResult | Promise<ExecutionResult>;

// Results per delivered object: dropped with it once every socket has sent it.
const shared = new WeakMap<object, Map<string, Result>>();
// The JSON of each shared result, made when the first socket sends it (null until then).
const sharedJson = new WeakMap<object, string | null>();
// The socket of each subscription operation, by its context value (see writeSharedResultsTo).
const writers = new WeakMap<object, NextWriter>();

/** Writes `next` messages of one subscription operation straight to its socket. */
export interface NextWriter {
  /** Sends a `next` message whose payload is this JSON. */
  write(payloadJson: string): void;
  /** Bytes written but not yet sent (a slow or stalled client). */
  buffered(): number;
}

/** A client this far behind (in unsent bytes) loses its subscription, as one too many events behind does. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Lets the operation with this context value write its shared results straight to its socket. A
 * shared result's JSON is made once; each socket then only adds its message envelope, skipping
 * graphql-ws's per-message work (hooks, envelope serialisation, a promise per write), which at
 * thousands of sockets cost more than the write itself.
 */
export function writeSharedResultsTo(contextValue: object, writer: NextWriter): void {
  writers.set(contextValue, writer);
}

/**
 * A `next` message writer over a WebSocket, for the subscription `id`; `connection` is the socket's
 * TCP connection (the upgrade request's socket). Messages written in one turn of the event loop
 * (a batch of events delivered together) leave in one system call: the write, not the JSON, is
 * what a delivery costs most.
 */
export function socketNextWriter(socket: WebSocket, connection: Duplex, id: string): NextWriter {
  const envelope = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  let corked = false;
  const uncork = () => {
    corked = false;
    connection.uncork();
  };
  return {
    write: (payloadJson) => {
      if (socket.readyState !== socket.OPEN) return;
      if (!corked) {
        corked = true;
        connection.cork();
        process.nextTick(uncork);
      }
      socket.send(`${envelope}${payloadJson}}`);
    },
    buffered: () => socket.bufferedAmount,
  };
}

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
  const context = args.contextValue as Context;
  let loadersGeneration: number | null = null;
  const run = (payload: unknown): Result => {
    if (!isDelivery(payload)) return execute({ ...args, rootValue: payload });
    // The loaders cache for the subscription's life: when the hub's view of agents is renewed
    // (team moves, renames), so are they, or events would show an agent's old teams.
    if (loadersGeneration !== null && payload.readGeneration !== loadersGeneration) context.loaders = createLoaders(context.services, context.actor);
    loadersGeneration = payload.readGeneration;
    let results = shared.get(payload);
    if (!results) {
      results = new Map();
      shared.set(payload, results);
    }
    let result = results.get(key);
    if (!result) {
      // Kept as the plain result once there is one: the sockets after the first need not wait a turn.
      const executed = execute({ ...args, rootValue: payload });
      const share = (done: ExecutionResult) => {
        sharedJson.set(done, null);
        results.set(key, done);
        return done;
      };
      result = isPromise(executed) ? executed.then(share) : share(executed);
      results.set(key, result);
    }
    return result;
  };
  const writer = writers.get(args.contextValue as object);
  // Shared results without errors go straight to the socket; anything else goes to graphql-ws.
  const writesItself = (result: ExecutionResult) => writer !== undefined && !result.errors && sharedJson.has(result);
  const tooFarBehind = () => writer !== undefined && writer.buffered() > MAX_BUFFERED_BYTES;
  const iterator = source[Symbol.asyncIterator]();
  if (writer && isDirectlyConsumable(iterator)) {
    // The hub hands each event over as it delivers it: a socket's write then costs no promise.
    iterator.consumeDirectly((payload) => {
      if (!isDelivery(payload)) return false;
      const result = run(payload);
      if (isPromise(result) || !writesItself(result) || tooFarBehind()) return false;
      writer.write(jsonOf(result));
      return true;
    });
  }
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    // graphql-ws asks for the next event only after sending the last, and the direct path takes
    // events only while this loop waits for one, so order holds.
    async next() {
      for (;;) {
        const step = await iterator.next();
        if (step.done) return { value: undefined, done: true };
        const pending = run(step.value);
        const result = isPromise(pending) ? await pending : pending;
        if (!writesItself(result)) return { value: result, done: false };
        if (tooFarBehind()) {
          await iterator.return?.();
          throw new Error('The subscriber fell too far behind; resubscribe with afterSequence');
        }
        writer!.write(jsonOf(result));
      }
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

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T>)?.then === 'function';
}

/** A source that can hand values to an idle consumer synchronously (the presence hub's EventStream). */
interface DirectlyConsumable {
  consumeDirectly(consumer: (value: unknown) => boolean): void;
}

function isDirectlyConsumable(value: object): value is DirectlyConsumable {
  return typeof (value as Partial<DirectlyConsumable>).consumeDirectly === 'function';
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function isDelivery(value: unknown): value is PresenceDelivery {
  return typeof value === 'object' && value !== null && 'audienceKey' in value && 'event' in value;
}

/** The JSON of a shared result, made by the first socket that sends it. */
function jsonOf(result: ExecutionResult): string {
  let json = sharedJson.get(result);
  if (!json) {
    json = JSON.stringify(result);
    sharedJson.set(result, json);
  }
  return json;
}
