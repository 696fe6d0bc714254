import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { PresenceDelivery } from '@switchboard/domain';
import type { Context } from '../context';

type Result = ExecutionResult | Promise<ExecutionResult>;

// Results per delivered object: dropped with it once every socket has sent it.
const shared = new WeakMap<object, Map<string, Result>>();

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
      result = execute({ ...args, rootValue: payload });
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
