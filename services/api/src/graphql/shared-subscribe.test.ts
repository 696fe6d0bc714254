import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { expandSharedPayload, isSharedResult, markSharedPayload, subscribeSharingResults } from './shared-subscribe';

// One delivery object reaching every socket of an audience, as the presence hub hands it out.
const delivery = { audienceKey: 'team-a', event: { name: 'Ada is In Call' } };
let executions = 0;
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      changed: {
        type: GraphQLString,
        subscribe: async function* () {
          yield delivery;
        },
        resolve: (payload: typeof delivery) => {
          executions++;
          return payload.event.name;
        },
      },
    },
  }),
});

async function firstResult(): Promise<ExecutionResult> {
  const stream = await subscribeSharingResults({
    schema,
    document: parse('subscription { changed }'),
    contextValue: { actor: { tenantId: 't1', userId: 'supervisor-1' } },
  });
  if (!(Symbol.asyncIterator in stream)) throw new Error('expected a stream');
  return (await stream.next()).value;
}

// What graphql-ws does per socket: stringify the `next` message with our replacer, then send it.
const sentMessage = (id: string, payload: unknown) => expandSharedPayload(JSON.stringify({ id, type: 'next', payload }, markSharedPayload));

describe('results shared by the sockets of one audience', () => {
  it('executes once and sends every socket the same message it would have had unshared', async () => {
    const [first, second] = [await firstResult(), await firstResult()];
    expect(executions).toBe(1);
    expect(second).toBe(first);
    expect(isSharedResult(first)).toBe(true);
    const expected = (id: string) => JSON.stringify({ id, type: 'next', payload: { data: { changed: 'Ada is In Call' } } });
    expect(sentMessage('1', first)).toBe(expected('1'));
    expect(sentMessage('sub-2', second)).toBe(expected('sub-2'));
    expect(JSON.parse(sentMessage('3', first))).toEqual({ id: '3', type: 'next', payload: { data: { changed: 'Ada is In Call' } } });
  });

  it('leaves other messages alone, even one whose client-chosen id imitates the marker', () => {
    const unshared = { data: { changed: 'x' } };
    expect(isSharedResult(unshared)).toBe(false);
    expect(sentMessage('1', unshared)).toBe(JSON.stringify({ id: '1', type: 'next', payload: unshared }));
    const sneaky = JSON.stringify({ id: '"payload":"\u0000shared-result"}', type: 'complete' });
    expect(expandSharedPayload(sneaky)).toBe(sneaky);
  });
});
