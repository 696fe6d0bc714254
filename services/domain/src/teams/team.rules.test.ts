import {
  assertNoCycle,
  assertTeamDeletable,
  assertTreeChangeInReach,
  assertUniqueAmongSiblings,
  distinctIdsWithinLimit,
  memberCounts,
  membersToAdd,
  placementProblem,
  teamMoveTarget,
  teamPaths,
  validTeamName,
  type MembershipCandidate,
} from './team.rules';

// support ─┬─ l1 ── l1-night
//          └─ l2
// sales ─── inbound
const tree = [
  { id: 'support', parentId: null, name: 'Support' },
  { id: 'l1', parentId: 'support', name: 'L1' },
  { id: 'l1-night', parentId: 'l1', name: 'Night' },
  { id: 'l2', parentId: 'support', name: 'L2' },
  { id: 'sales', parentId: null, name: 'Sales' },
  { id: 'inbound', parentId: 'sales', name: 'Inbound' },
];

describe('validTeamName', () => {
  it('trims and accepts 1 to 100 characters', () => {
    expect(validTeamName('  Support L1 ')).toBe('Support L1');
    expect(validTeamName('x'.repeat(100))).toHaveLength(100);
  });

  it('refuses empty, too long and colon names on the field "name"', () => {
    expect(() => validTeamName('   ')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'name' }));
    expect(() => validTeamName('x'.repeat(101))).toThrow('Team names can be at most 100 characters');
    expect(() => validTeamName('Support:L1')).toThrow(expect.objectContaining({ field: 'name', message: 'Team names cannot contain ":"' }));
  });
});

describe('assertUniqueAmongSiblings', () => {
  it('refuses a sibling with the same name ignoring case, naming the parent', () => {
    expect(() => assertUniqueAmongSiblings(tree, 'l2', 'support', null)).toThrow(
      expect.objectContaining({ field: 'name', message: '"Support" already has a sub-team named "L2"' }),
    );
    expect(() => assertUniqueAmongSiblings(tree, 'SALES', null, null)).toThrow('There is already a top-level team named "Sales"');
  });

  it('allows the same name under another parent, and a team keeping its own name', () => {
    expect(() => assertUniqueAmongSiblings(tree, 'L1', 'sales', null)).not.toThrow();
    expect(() => assertUniqueAmongSiblings(tree, 'l1', 'support', 'l1')).not.toThrow();
  });
});

describe('teamPaths', () => {
  it('names each team from the top of the tree down, its own name last', () => {
    const paths = teamPaths(tree);
    expect(paths.get('support')).toEqual(['Support']);
    expect(paths.get('l1-night')).toEqual(['Support', 'L1', 'Night']);
    expect(paths.get('inbound')).toEqual(['Sales', 'Inbound']);
  });

  it('starts at a team whose parent it was not given, and stops where a cycle repeats', () => {
    expect(teamPaths([{ id: 'l1', parentId: 'support', name: 'L1' }]).get('l1')).toEqual(['L1']);
    const cycle = [
      { id: 'a', parentId: 'b', name: 'A' },
      { id: 'b', parentId: 'a', name: 'B' },
    ];
    expect(teamPaths(cycle).get('a')).toEqual(['B', 'A']);
  });
});

describe('teamMoveTarget', () => {
  it('is the new parent, null for the top level, undefined when the team stays', () => {
    expect(teamMoveTarget({ parentId: 'sales' })).toBe('sales');
    expect(teamMoveTarget({ moveToTop: true })).toBeNull();
    expect(teamMoveTarget({})).toBeUndefined();
    expect(teamMoveTarget({ moveToTop: false, parentId: null })).toBeUndefined();
  });

  it('refuses a parent and moveToTop together', () => {
    expect(() => teamMoveTarget({ parentId: 'sales', moveToTop: true })).toThrow(expect.objectContaining({ field: 'parentId' }));
  });
});

describe('assertNoCycle', () => {
  it('refuses moving a team under itself or any of its descendants', () => {
    expect(() => assertNoCycle(tree, 'support', 'support')).toThrow(expect.objectContaining({ field: 'parentId' }));
    expect(() => assertNoCycle(tree, 'support', 'l1-night')).toThrow('"Support" cannot be moved under itself or one of its own sub-teams');
  });

  it('allows moving under another branch or to the top level', () => {
    expect(() => assertNoCycle(tree, 'l1', 'sales')).not.toThrow();
    expect(() => assertNoCycle(tree, 'l1', null)).not.toThrow();
  });
});

describe('assertTeamDeletable', () => {
  it('allows an empty leaf team', () => {
    expect(() => assertTeamDeletable('L2', 0, 0)).not.toThrow();
  });

  it('says how many sub-teams and users are in the way', () => {
    expect(() => assertTeamDeletable('Support', 2, 1)).toThrow(
      expect.objectContaining({ field: 'id', message: 'Team "Support" still has 2 sub-teams and 1 user; move or remove them first' }),
    );
    expect(() => assertTeamDeletable('L1', 1, 0)).toThrow('Team "L1" still has 1 sub-team; move or remove them first');
    expect(() => assertTeamDeletable('L2', 0, 3)).toThrow('Team "L2" still has 3 users; move or remove them first');
  });
});

describe('assertTreeChangeInReach', () => {
  const reach = new Set(['support', 'l1', 'l1-night', 'l2']);

  it('lets a holder for all teams change anything, top level included', () => {
    expect(() => assertTreeChangeInReach(null, ['sales', null])).not.toThrow();
  });

  it('lets a team-scoped holder change teams within reach only', () => {
    expect(() => assertTreeChangeInReach(reach, ['l1', 'l2'])).not.toThrow();
    expect(() => assertTreeChangeInReach(reach, ['l1', 'sales'])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('keeps a team-scoped holder from the top level, naming the scope', () => {
    expect(() => assertTreeChangeInReach(reach, [null])).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/"Settings - Users & Teams - Teams" reaches only the teams you manage.*top-level/),
      }),
    );
  });
});

describe('distinctIdsWithinLimit', () => {
  it('drops repeats and refuses more than 500 ids', () => {
    expect(distinctIdsWithinLimit(['a', 'b', 'a'], 'userIds')).toEqual(['a', 'b']);
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect(() => distinctIdsWithinLimit(many, 'userIds')).toThrow(expect.objectContaining({ field: 'userIds' }));
  });
});

describe('membersToAdd', () => {
  const agent = (email: string, currentRole: MembershipCandidate['currentRole'] = null): MembershipCandidate => ({
    id: email,
    email,
    status: 'ACTIVE',
    isAgent: true,
    currentRole,
  });

  it('adds new users and skips those already in the team with that role', () => {
    expect(membersToAdd('L1', 'MEMBER', [agent('ann'), agent('bob', 'MEMBER')])).toEqual(['ann']);
  });

  it('refuses a user who is in the team with the other role, saying to remove them first', () => {
    expect(() => membersToAdd('L1', 'MANAGER', [agent('ann', 'MEMBER')])).toThrow(
      expect.objectContaining({
        field: 'userIds',
        message: 'ann is already a member of "L1"; remove them from the team first to add them as a manager',
      }),
    );
  });

  it('refuses a member without the agent permission, but not a manager', () => {
    const supervisor = { ...agent('sam'), isAgent: false };
    expect(() => membersToAdd('L1', 'MEMBER', [supervisor])).toThrow(
      expect.objectContaining({
        field: 'userIds',
        message: expect.stringContaining('sam has no agent permission ("Agent Adapter - Take Calls & Chats")'),
      }),
    );
    expect(membersToAdd('L1', 'MANAGER', [supervisor])).toEqual(['sam']);
  });

  it('refuses deactivated users', () => {
    expect(() => membersToAdd('L1', 'MANAGER', [{ ...agent('old'), status: 'DEACTIVATED' }])).toThrow('old is deactivated');
  });
});

describe('placementProblem', () => {
  it('is null for an active agent and names the place otherwise', () => {
    const user = { id: 'u', email: 'u@x.test', status: 'INVITED' as const, isAgent: true };
    expect(placementProblem(user, true, 'queue "Sales"')).toBeNull();
    expect(placementProblem({ ...user, isAgent: false }, true, 'queue "Sales"')).toContain('before adding them to queue "Sales"');
  });
});

describe('memberCounts', () => {
  // The product documentation's example: users show only in the team they are directly in.
  const users = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const teams = [
    { id: 'A', parentId: null, userIds: [] },
    { id: 'A-1', parentId: 'A', userIds: users('a1-', 200) },
    { id: 'A-2', parentId: 'A', userIds: users('a2-', 150) },
    { id: 'A-3', parentId: 'A', userIds: [] },
    { id: 'A-3.1', parentId: 'A-3', userIds: users('a31-', 90) },
    { id: 'A-3.2', parentId: 'A-3', userIds: users('a32-', 10) },
  ];
  const ask = (teamId: string, includeSubteams: boolean) => ({ teamId, includeSubteams });

  it('counts users directly in a team, or in its whole subtree', () => {
    expect(memberCounts(teams, [ask('A', false), ask('A', true), ask('A-1', false), ask('A-1', true)])).toEqual([0, 450, 200, 200]);
    expect(memberCounts(teams, [ask('A-3', false), ask('A-3', true), ask('A-3.1', true), ask('A-3.2', false)])).toEqual([0, 100, 90, 10]);
  });

  it('counts a user in two teams of a subtree once', () => {
    const shared = [
      { id: 'P', parentId: null, userIds: ['ann'] },
      { id: 'C', parentId: 'P', userIds: ['ann', 'bob'] },
    ];
    expect(memberCounts(shared, [ask('P', true), ask('C', false)])).toEqual([2, 2]);
  });

  it('is 0 for a team it was not given', () => {
    expect(memberCounts([], [ask('gone', true), ask('gone', false)])).toEqual([0, 0]);
  });
});
