import { teamSubtree, usersOutsideTeams } from './team-scope';
import { sortParentsFirst } from '../teams/teams.service';

// support ─┬─ l1 ── l1-night
//          └─ l2
// sales ─── inbound
const tree = [
  { id: 'support', parentId: null },
  { id: 'l1', parentId: 'support' },
  { id: 'l1-night', parentId: 'l1' },
  { id: 'l2', parentId: 'support' },
  { id: 'sales', parentId: null },
  { id: 'inbound', parentId: 'sales' },
];

describe('teamSubtree', () => {
  it('reaches a managed team and every team below it, at any depth', () => {
    expect([...teamSubtree(tree, ['support'])].sort()).toEqual(['l1', 'l1-night', 'l2', 'support']);
  });

  it('does not reach parents or siblings', () => {
    expect([...teamSubtree(tree, ['l1'])].sort()).toEqual(['l1', 'l1-night']);
  });

  it('joins the subtrees of several managed teams, without repeats', () => {
    expect([...teamSubtree(tree, ['l1', 'support', 'inbound'])].sort()).toEqual(['inbound', 'l1', 'l1-night', 'l2', 'support']);
  });

  it('reaches nothing for a user who manages no team', () => {
    expect(teamSubtree(tree, []).size).toBe(0);
  });
});

describe('sortParentsFirst', () => {
  it('puts every team right after its parent, keeping the given order among siblings', () => {
    const byName = [tree[2], tree[5], tree[0], tree[3], tree[4], tree[1]];
    expect(sortParentsFirst(byName).map((t) => t.id)).toEqual(['support', 'l2', 'l1', 'l1-night', 'sales', 'inbound']);
  });

  it('shows a team whose parent the viewer cannot see at the top', () => {
    expect(sortParentsFirst([tree[2], tree[1]]).map((t) => t.id)).toEqual(['l1', 'l1-night']);
  });
});

describe('usersOutsideTeams', () => {
  it('keeps the users who are in none of the reachable teams, in the order given', () => {
    const placements = [
      { userId: 'ann', teamId: 'l1' },
      { userId: 'bob', teamId: 'sales' },
      { userId: 'bob', teamId: 'l2' },
      { userId: 'cy', teamId: 'inbound' },
    ];
    const reachable = teamSubtree(tree, ['support']);
    expect(usersOutsideTeams(['cy', 'ann', 'bob', 'dee'], placements, reachable)).toEqual(['cy', 'dee']);
  });
});
