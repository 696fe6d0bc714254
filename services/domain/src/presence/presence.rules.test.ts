import {
  assertAgentMayChoose,
  assertHistoryRange,
  assertMaySetAgentStatus,
  assertSupervisorMayAct,
  assertSystemStatusEdit,
  heartbeatExpired,
  isIntegration,
  locksSupervisorActions,
  replayDecision,
  supervisorMaySet,
  timeInStatuses,
  validateStatusFields,
  type StatusFacts,
} from './presence.rules';
import { SYSTEM_STATUS_KEYS } from './agent-status.entity';

const status = (systemKey: StatusFacts['systemKey'], extra: Partial<StatusFacts> = {}): StatusFacts => ({
  id: systemKey ?? 'custom',
  name: systemKey ?? 'Lunch',
  systemKey,
  agentSelectable: systemKey === null || systemKey === 'AVAILABLE' || systemKey === 'UNAVAILABLE',
  archivedAt: null,
  ...extra,
});

describe('what the console offers supervisors', () => {
  const everyStatus = [...SYSTEM_STATUS_KEYS, null].flatMap((key) => [status(key), status(key, { archivedAt: new Date() })]);

  it('offers exactly the statuses setAgentStatus accepts from a supervisor', () => {
    for (const next of everyStatus) {
      const accepted = !throws(() => assertMaySetAgentStatus(status('AVAILABLE'), next, false));
      expect([next.systemKey, next.archivedAt !== null, supervisorMaySet(next)]).toEqual([next.systemKey, next.archivedAt !== null, accepted]);
    }
    expect(SYSTEM_STATUS_KEYS.filter((key) => supervisorMaySet(status(key)))).toEqual(['AVAILABLE', 'UNAVAILABLE', 'SPECIAL_TASK']);
  });

  it('hides the actions on an agent exactly when assertSupervisorMayAct refuses them', () => {
    for (const current of everyStatus) {
      expect(locksSupervisorActions(current)).toBe(throws(() => assertSupervisorMayAct(current, 'act')));
    }
    expect(SYSTEM_STATUS_KEYS.filter((key) => locksSupervisorActions(status(key)))).toEqual(['IN_CALL', 'IN_CHAT', 'OFFLINE']);
  });
});

function throws(act: () => void): boolean {
  try {
    act();
    return false;
  } catch {
    return true;
  }
}

describe('assertAgentMayChoose', () => {
  it('lets agents choose Available, Unavailable and selectable custom statuses', () => {
    for (const s of [status('AVAILABLE'), status('UNAVAILABLE'), status(null)]) expect(() => assertAgentMayChoose(s)).not.toThrow();
  });
  it.each(['IN_CALL', 'IN_CHAT', 'SPECIAL_TASK', 'OFFLINE'] as const)('refuses %s', (key) => {
    expect(() => assertAgentMayChoose(status(key))).toThrow(expect.objectContaining({ field: 'statusId' }));
  });
  it('refuses archived and non-selectable custom statuses', () => {
    expect(() => assertAgentMayChoose(status(null, { archivedAt: new Date() }))).toThrow(/archived/);
    expect(() => assertAgentMayChoose(status(null, { agentSelectable: false }))).toThrow(/may not choose/);
  });
});

describe('supervisor and integration changes', () => {
  it('refuses supervisors while the agent is In Call, In Chat or Offline, saying why', () => {
    expect(() => assertSupervisorMayAct(status('IN_CALL'), 'log them out')).toThrow(/is IN_CALL; wait until it ends: you cannot log them out/);
    expect(() => assertSupervisorMayAct(status('IN_CHAT'), 'x')).toThrow(/IN_CHAT/);
    expect(() => assertSupervisorMayAct(status('OFFLINE'), 'x')).toThrow(/Offline/);
    expect(() => assertSupervisorMayAct(null, 'x')).toThrow(/not started a shift/);
    expect(() => assertSupervisorMayAct(status('AVAILABLE'), 'x')).not.toThrow();
  });
  it('lets supervisors set Special Task but not In Call or Offline', () => {
    expect(() => assertMaySetAgentStatus(status('AVAILABLE'), status('SPECIAL_TASK'), false)).not.toThrow();
    expect(() => assertMaySetAgentStatus(status('AVAILABLE'), status('IN_CALL'), false)).toThrow(/integration/);
    expect(() => assertMaySetAgentStatus(status('AVAILABLE'), status('OFFLINE'), false)).toThrow(/logOutAgent/);
  });
  it('lets integrations set In Call and end it, but never touch an Offline agent', () => {
    expect(() => assertMaySetAgentStatus(status('AVAILABLE'), status('IN_CALL'), true)).not.toThrow();
    expect(() => assertMaySetAgentStatus(status('IN_CALL'), status('AVAILABLE'), true)).not.toThrow();
    expect(() => assertMaySetAgentStatus(status('OFFLINE'), status('IN_CALL'), true)).toThrow(/Offline/);
  });
  it('treats only API credentials with adapter.work or monitoring edit as integrations', () => {
    expect(isIntegration({ credentialId: 'c' }, true, false)).toBe(true);
    expect(isIntegration({ credentialId: 'c' }, false, true)).toBe(true);
    expect(isIntegration({ credentialId: 'c' }, false, false)).toBe(false);
    expect(isIntegration({ credentialId: null }, true, true)).toBe(false);
  });
});

describe('heartbeat and replay', () => {
  it('expires strictly after the timeout', () => {
    const seen = new Date('2026-01-01T00:00:00Z');
    expect(heartbeatExpired(seen, new Date('2026-01-01T00:01:30Z'), 90)).toBe(false);
    expect(heartbeatExpired(seen, new Date('2026-01-01T00:01:31Z'), 90)).toBe(true);
  });
  it('replays a small gap and asks for a refetch of a large one', () => {
    expect(replayDecision(undefined, 10)).toEqual({ kind: 'none' });
    expect(replayDecision(10, 10)).toEqual({ kind: 'none' });
    expect(replayDecision(5, 10)).toEqual({ kind: 'replay', after: 5 });
    expect(replayDecision(0, 2000, 1000)).toEqual({ kind: 'refetch', missed: 2000 });
    expect(() => replayDecision(-1, 3)).toThrow(/zero or more/);
  });
});

describe('timeInStatuses', () => {
  const t = (iso: string) => new Date(`2026-01-01T${iso}Z`);
  it('splits the range by the changes, counting the status in force at the start', () => {
    const result = timeInStatuses('A', [{ statusId: 'B', changedAt: t('10:00:00') }, { statusId: 'A', changedAt: t('10:30:00') }], t('09:00:00'), t('11:00:00'), t('12:00:00'));
    expect(result).toEqual([
      { statusId: 'A', seconds: 5400 },
      { statusId: 'B', seconds: 1800 },
    ]);
  });
  it('counts nothing before the first change and nothing after now', () => {
    const result = timeInStatuses(null, [{ statusId: 'B', changedAt: t('10:00:00') }], t('09:00:00'), t('11:00:00'), t('10:15:00'));
    expect(result).toEqual([{ statusId: 'B', seconds: 900 }]);
  });
});

describe('catalogue fields', () => {
  it('validates names, colors and system status edits', () => {
    expect(validateStatusFields({ name: ' Lunch ', color: '#A0B0C0' })).toEqual({ name: 'Lunch', color: '#a0b0c0' });
    expect(() => validateStatusFields({ name: ' ' })).toThrow(expect.objectContaining({ field: 'name' }));
    expect(() => validateStatusFields({ color: 'red' })).toThrow(expect.objectContaining({ field: 'color' }));
    expect(() => assertSystemStatusEdit('OFFLINE', { agentSelectable: true })).toThrow(expect.objectContaining({ field: 'agentSelectable' }));
    expect(() => assertSystemStatusEdit(null, { agentSelectable: true })).not.toThrow();
  });
  it('checks history ranges', () => {
    expect(() => assertHistoryRange(new Date('2026-01-02'), new Date('2026-01-01'))).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => assertHistoryRange(new Date('2026-01-01'), new Date('2026-03-01'))).toThrow(/31 days/);
  });
});
