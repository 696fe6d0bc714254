import type { Duplex } from 'node:stream';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { EventStream } from '@switchboard/domain';
import { socketNextWriter, subscribeSharingResults, writeSharedResultsTo, type NextWriter } from './shared-subscribe';

// One delivery object reaching every socket of an audience, as the presence hub hands it out.
const delivery = { audienceKey: 'team-a', event: { name: 'Ada is In Call' } };
let executions = 0;
let yielded: unknown[] = [];
// When set, the subscription's source is this stream (as the presence hub's is) instead of `yielded`.
let hubStream: EventStream<unknown> | null = null;
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      changed: {
        type: GraphQLString,
        subscribe: () =>
          hubStream ??
          (async function* () {
            yield* yielded;
          })(),
        resolve: (payload: typeof delivery) => {
          executions++;
          if (payload.event.name === 'broken') throw new Error('no such status');
          return payload.event.name;
        },
      },
    },
  }),
});

/** A socket's subscription as graphql-ws drives it; `writer` stands for the socket, when there is one. */
async function subscribe(writer?: NextWriter): Promise<AsyncIterableIterator<ExecutionResult>> {
  const contextValue = { actor: { tenantId: 't1', userId: 'supervisor-1' } };
  if (writer) writeSharedResultsTo(contextValue, writer);
  const stream = await subscribeSharingResults({ schema, document: parse('subscription { changed }'), contextValue });
  if (!(Symbol.asyncIterator in stream)) throw new Error('expected a stream');
  return stream;
}

/** A WebSocket and its TCP connection: `flushes` holds what each uncorked write carried. */
function fakeSocket(bufferedAmount = 0) {
  const sent: string[] = [];
  const flushes: string[][] = [];
  let corked = 0;
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) flushes.push(pending);
    pending = [];
  };
  const socket = {
    readyState: 1,
    OPEN: 1,
    bufferedAmount,
    send: (data: string) => {
      sent.push(data);
      pending.push(data);
      if (corked === 0) flush();
    },
  };
  const connection = {
    cork: () => void corked++,
    uncork: () => {
      corked--;
      if (corked === 0) flush();
    },
  };
  return { socket: socket as unknown as WebSocket, connection: connection as unknown as Duplex, sent, flushes };
}

const writerFor = (fake: ReturnType<typeof fakeSocket>, id = '1') => socketNextWriter(fake.socket, fake.connection, id);
const message = (changed: string, id = '1') => JSON.stringify({ id, type: 'next', payload: { data: { changed } } });

beforeEach(() => {
  executions = 0;
  yielded = [delivery];
  hubStream = null;
});

describe('results shared by the sockets of one audience', () => {
  it('executes once and writes each socket the message graphql-ws would have sent it', async () => {
    const first = fakeSocket();
    const second = fakeSocket();
    // Written straight to the socket: graphql-ws only sees the stream end.
    expect(await (await subscribe(writerFor(first))).next()).toEqual({ value: undefined, done: true });
    await (await subscribe(writerFor(second, 'sub "2"'))).next();
    expect(executions).toBe(1);
    expect(first.sent).toEqual([message('Ada is In Call')]);
    expect(second.sent).toEqual([message('Ada is In Call', 'sub "2"')]);
  });

  it('hands graphql-ws a result with errors, an unshared event, or any result of a socketless caller', async () => {
    yielded = [{ audienceKey: 'team-b', event: { name: 'broken' } }, { event: { name: 'not a delivery' } }, { audienceKey: 'team-c', event: { name: 'Bo' } }];
    const socket = fakeSocket();
    const stream = await subscribe(writerFor(socket));
    expect((await stream.next()).value.errors[0].message).toBe('no such status');
    expect((await stream.next()).value).toEqual({ data: { changed: 'not a delivery' } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(socket.sent).toEqual([message('Bo')]);

    yielded = [delivery];
    expect((await (await subscribe()).next()).value).toEqual({ data: { changed: 'Ada is In Call' } });
  });

  it('ends the subscription of a client too far behind instead of buffering without bound', async () => {
    const socket = fakeSocket(64 * 1024 * 1024);
    await expect((await subscribe(writerFor(socket))).next()).rejects.toThrow('The subscriber fell too far behind; resubscribe with afterSequence');
    expect(socket.sent).toEqual([]);
  });
});

describe("events handed over by the hub's stream", () => {
  const deliveryOf = (name: string) => ({ audienceKey: 'team-a', event: { name } });

  it('writes them as the hub delivers them, in order, the events of one turn in one write', async () => {
    hubStream = new EventStream(() => undefined);
    const socket = fakeSocket();
    const stream = await subscribe(writerFor(socket));
    const ended = stream.next(); // graphql-ws waits on the stream while the events go out directly
    await Promise.resolve();
    hubStream.push(deliveryOf('Ada'));
    hubStream.push(deliveryOf('Bo'));
    expect(socket.sent).toEqual([message('Ada'), message('Bo')]);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(socket.flushes).toEqual([[message('Ada'), message('Bo')]]);

    hubStream.push(deliveryOf('Cy'));
    await new Promise((resolve) => process.nextTick(resolve));
    expect(socket.flushes).toHaveLength(2);
    void hubStream.return();
    expect(await ended).toEqual({ value: undefined, done: true });
  });

  it('sends an event with errors through graphql-ws, and the events after it only once it has gone', async () => {
    hubStream = new EventStream(() => undefined);
    const socket = fakeSocket();
    const stream = await subscribe(writerFor(socket));
    const first = stream.next();
    await Promise.resolve();
    hubStream.push(deliveryOf('broken'));
    hubStream.push(deliveryOf('Ada'));
    expect((await first).value.errors[0].message).toBe('no such status');
    expect(socket.sent).toEqual([]);
    const second = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.sent).toEqual([message('Ada')]);
    hubStream.push(deliveryOf('Bo'));
    expect(socket.sent).toEqual([message('Ada'), message('Bo')]);
    void hubStream.return();
    expect(await second).toEqual({ value: undefined, done: true });
  });
});
