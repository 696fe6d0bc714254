import { movedAgents } from './presence-visibility';

describe('movedAgents', () => {
  const placements = (entries: Record<string, string>) => new Map(Object.entries(entries));

  it('finds no agent when every agent is in the same teams', () => {
    expect(movedAgents(placements({ a: 't1', b: 't1,t2' }), placements({ b: 't1,t2', a: 't1' }))).toEqual(new Set());
  });

  it('finds an agent moved from one team to another, or given one more', () => {
    expect(movedAgents(placements({ a: 't1', b: 't1', c: 't2' }), placements({ a: 't2', b: 't1,t2', c: 't2' }))).toEqual(new Set(['a', 'b']));
  });

  it('finds an agent who joined their first team or left their last', () => {
    expect(movedAgents(placements({ a: 't1' }), placements({ b: 't2' }))).toEqual(new Set(['a', 'b']));
  });
});
