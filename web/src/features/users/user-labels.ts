import type { UserStatus, UsersRowFragment, UsersTeamsQuery } from '../../gql/graphql';
import { serverNow } from '../../graphql/server-clock';

/** How each status reads in the console. */
export const STATUS_LABELS: Record<UserStatus, string> = {
  INVITED: 'Invited',
  ACTIVE: 'Active',
  DEACTIVATED: 'Deactivated',
};

/** "First Last", the way people are named in lists and messages. */
export function fullName(user: Pick<UsersRowFragment, 'firstName' | 'lastName'>): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

/** Whether sign-in is locked right now (a lock lifts by itself when its time runs out, on the server's clock). */
export function isLocked(user: Pick<UsersRowFragment, 'lockedUntil'>, now = serverNow()): boolean {
  return user.lockedUntil !== null && user.lockedUntil !== undefined && Date.parse(user.lockedUntil) > now;
}

/** "1 user", "3 users". */
export function countUsers(n: number): string {
  return n === 1 ? '1 user' : `${n} users`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A date-time from the API in the viewer's locale and time zone. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export interface TeamOption {
  id: string;
  /** The team's path from the top, e.g. "Care › Care L1", so sub-teams with one name stay apart. */
  label: string;
}

/** The team tree (each team after its parent) as options labelled with their paths. */
export function teamOptions(teams: UsersTeamsQuery['teams']): TeamOption[] {
  const labels = new Map<string, string>();
  return teams.map((team) => {
    const parent = team.parentId ? labels.get(team.parentId) : undefined;
    const label = parent ? `${parent} › ${team.name}` : team.name;
    labels.set(team.id, label);
    return { id: team.id, label };
  });
}
