import type { SystemStatusKey } from '../../gql/graphql';

/**
 * The console's copy of the supervisor rules of services/domain/src/presence/presence.rules.ts
 * (SUPERVISOR_LOCKED in assertSupervisorMayAct, and assertMaySetAgentStatus). It only hides actions
 * the API would refuse; the API still decides, and the board shows its message when it refuses.
 */
const SUPERVISOR_LOCKED: readonly SystemStatusKey[] = ['IN_CALL', 'IN_CHAT', 'OFFLINE'];

type StatusKeyed = { systemKey?: SystemStatusKey | null };

/** Whether a supervisor may change the status of, or log out, an agent now in `current`. */
export function supervisorMayAct(current: StatusKeyed): boolean {
  return !current.systemKey || !SUPERVISOR_LOCKED.includes(current.systemKey);
}

/**
 * The statuses a supervisor may put an agent in: not In Call or In Chat (integrations set those),
 * not Offline (that is "Log out"). Archived statuses are not in the catalogue the board loads.
 */
export function statusesSupervisorsMaySet<T extends StatusKeyed>(catalogue: readonly T[]): T[] {
  return catalogue.filter(supervisorMayAct);
}
