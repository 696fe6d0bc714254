import {
  agentCountsByQueue,
  assertQueueChangeInScope,
  assertUniqueQueueName,
  assignmentTargets,
  queuesReachingUser,
  validPriority,
  validQueueName,
  type QueueAssignmentRow,
} from './queue.rules';

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
const toTeam = (queueId: string, teamId: string): QueueAssignmentRow => ({ queueId, teamId, userId: null });
const toUser = (queueId: string, userId: string): QueueAssignmentRow => ({ queueId, teamId: null, userId });

describe('queue names and priorities', () => {
  it('trims names and refuses empty, too long or taken ones (ignoring case) on "name"', () => {
    expect(validQueueName(' Support Calls ')).toBe('Support Calls');
    expect(() => validQueueName(' ')).toThrow(expect.objectContaining({ field: 'name' }));
    expect(() => validQueueName('q'.repeat(101))).toThrow(expect.objectContaining({ field: 'name' }));
    const queues = [{ id: 'q1', name: 'Support Calls' }];
    expect(() => assertUniqueQueueName(queues, 'support calls', null)).toThrow(
      expect.objectContaining({ field: 'name', message: 'There is already a queue named "Support Calls"' }),
    );
    expect(() => assertUniqueQueueName(queues, 'Support calls', 'q1')).not.toThrow();
  });

  it('accepts whole priorities from 1 to 1000 only', () => {
    expect(validPriority(1)).toBe(1);
    expect(validPriority(1000)).toBe(1000);
    for (const bad of [0, 1001, 2.5, -3]) expect(() => validPriority(bad)).toThrow(expect.objectContaining({ field: 'priority' }));
  });
});

describe('assertQueueChangeInScope', () => {
  it('lets a team-scoped editor set priorities only; the rest needs scope ALL', () => {
    expect(() => assertQueueChangeInScope('ASSIGNED_TEAMS', 'changePriority')).not.toThrow();
    for (const change of ['create', 'delete', 'rename', 'changeChannel'] as const) {
      expect(() => assertQueueChangeInScope('ALL', change)).not.toThrow();
      expect(() => assertQueueChangeInScope('ASSIGNED_TEAMS', change)).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('"Settings - Queues"') }),
      );
    }
  });
});

describe('assignmentTargets', () => {
  it('needs at least one user or team, each without repeats', () => {
    expect(assignmentTargets(['u', 'u'], null)).toEqual({ userIds: ['u'], teamIds: [] });
    expect(() => assignmentTargets([], undefined)).toThrow(expect.objectContaining({ field: 'userIds' }));
  });
});

describe('queuesReachingUser', () => {
  const assignments = [toTeam('support-q', 'support'), toTeam('l1-q', 'l1'), toTeam('sales-q', 'sales'), toUser('vip-q', 'ann')];

  it('reaches agents of sub-teams at any depth through a team assignment', () => {
    expect([...queuesReachingUser({ id: 'nia', teamIds: ['l1-night'] }, tree, assignments)].sort()).toEqual(['l1-q', 'support-q']);
  });

  it('does not reach up: a parent team’s user gets none of a sub-team’s queues', () => {
    expect([...queuesReachingUser({ id: 'sam', teamIds: ['support'] }, tree, assignments)]).toEqual(['support-q']);
  });

  it('adds direct assignments and joins several teams', () => {
    expect([...queuesReachingUser({ id: 'ann', teamIds: ['l2', 'inbound'] }, tree, assignments)].sort()).toEqual([
      'sales-q',
      'support-q',
      'vip-q',
    ]);
    expect(queuesReachingUser({ id: 'zed', teamIds: [] }, tree, assignments).size).toBe(0);
  });
});

describe('agentCountsByQueue', () => {
  it('counts each agent once per queue, however many ways the queue reaches them', () => {
    const assignments = [
      toTeam('support-q', 'support'),
      toTeam('support-q', 'l1'),
      toUser('support-q', 'ann'),
      toTeam('empty-q', 'inbound'),
    ];
    const agents = [
      { id: 'ann', teamIds: ['l1', 'l2'] },
      { id: 'bob', teamIds: ['l1-night'] },
      { id: 'cy', teamIds: ['sales'] },
    ];
    expect(agentCountsByQueue(['support-q', 'empty-q', 'unassigned-q'], agents, tree, assignments)).toEqual([2, 0, 0]);
  });
});
