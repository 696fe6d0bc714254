import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { socketNextWriter, subscribeSharingResults, writeSharedResultsTo, type NextWriter } from './shared-subscribe';

// One delivery object reaching every socket of an audience, as the presence hub hands it out.
const delivery = { audienceKey: 'team-a', event: { name: 'Ada is In Call' } };
let executions = 0;
let yielded: unknown[] = [];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      changed: {
        type: GraphQLString,
        subscribe: async function* () {
          yield* yielded;
        },
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

function fakeSocket(bufferedAmount = 0) {
  const sent: string[] = [];
  const socket = { readyState: 1, OPEN: 1, bufferedAmount, send: (data: string) => void sent.push(data) };
  return { socket: socket as unknown as WebSocket, sent };
}

beforeEach(() => {
  executions = 0;
  yielded = [delivery];
});

describe('results shared by the sockets of one audience', () => {
  it('executes once and writes each socket the message graphql-ws would have sent it', async () => {
    const first = fakeSocket();
    const second = fakeSocket();
    // Written straight to the socket: graphql-ws only sees the stream end.
    expect(await (await subscribe(socketNextWriter(first.socket, '1'))).next()).toEqual({ value: undefined, done: true });
    await (await subscribe(socketNextWriter(second.socket, 'sub "2"'))).next();
    expect(executions).toBe(1);
    const expected = (id: string) => JSON.stringify({ id, type: 'next', payload: { data: { changed: 'Ada is In Call' } } });
    expect(first.sent).toEqual([expected('1')]);
    expect(second.sent).toEqual([expected('sub "2"')]);
  });

  it('hands graphql-ws a result with errors, an unshared event, or any result of a socketless caller', async () => {
    yielded = [{ audienceKey: 'team-b', event: { name: 'broken' } }, { event: { name: 'not a delivery' } }, { audienceKey: 'team-c', event: { name: 'Bo' } }];
    const { socket, sent } = fakeSocket();
    const stream = await subscribe(socketNextWriter(socket, '1'));
    expect((await stream.next()).value.errors[0].message).toBe('no such status');
    expect((await stream.next()).value).toEqual({ data: { changed: 'not a delivery' } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(sent).toEqual([JSON.stringify({ id: '1', type: 'next', payload: { data: { changed: 'Bo' } } })]);

    yielded = [delivery];
    expect((await (await subscribe()).next()).value).toEqual({ data: { changed: 'Ada is In Call' } });
  });

  it('ends the subscription of a client too far behind instead of buffering without bound', async () => {
    const { socket, sent } = fakeSocket(64 * 1024 * 1024);
    await expect((await subscribe(socketNextWriter(socket, '1'))).next()).rejects.toThrow('The subscriber fell too far behind; resubscribe with afterSequence');
    expect(sent).toEqual([]);
  });
});
