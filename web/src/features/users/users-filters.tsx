'use client';

import type { UserFilterInput, UserStatus } from '../../gql/graphql';
import { STATUS_LABELS } from './user-labels';
import type { UserOptions } from './use-user-options';
import styles from './users.module.css';

/** The filters as the toolbar holds them: text as typed, '' for "any". */
export interface UsersFilterState {
  text: string;
  status: UserStatus | '';
  teamId: string;
  roleId: string;
  notInQueue: boolean;
}

export const NO_FILTERS: UsersFilterState = { text: '', status: '', teamId: '', roleId: '', notInQueue: false };

/** The users query's filter for these choices (search text given separately, once typing settles). */
export function userFilterInput(filters: UsersFilterState, text: string): UserFilterInput {
  return {
    text: text.trim() || null,
    statuses: filters.status ? [filters.status] : null,
    teamId: filters.teamId || null,
    roleId: filters.roleId || null,
    notInQueue: filters.notInQueue || null,
  };
}

/** Search box and filters above the users table. */
export function UsersFilters({
  filters,
  options,
  onChange,
}: {
  filters: UsersFilterState;
  options: UserOptions;
  onChange(filters: UsersFilterState): void;
}) {
  const set = (change: Partial<UsersFilterState>) => onChange({ ...filters, ...change });
  return (
    <search className={`toolbar ${styles.filters}`} aria-label="Filter users">
      <div className={styles.filter}>
        <label htmlFor="users-search">Search</label>
        <input
          id="users-search"
          type="search"
          placeholder="Name, alias, email or agent id"
          value={filters.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </div>
      <div className={styles.filter}>
        <label htmlFor="users-status">Status</label>
        <select id="users-status" value={filters.status} onChange={(e) => set({ status: e.target.value as UserStatus | '' })}>
          <option value="">All statuses</option>
          {(Object.keys(STATUS_LABELS) as UserStatus[]).map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      {options.teams && (
        <div className={styles.filter}>
          <label htmlFor="users-team">Team</label>
          <select id="users-team" value={filters.teamId} onChange={(e) => set({ teamId: e.target.value })}>
            <option value="">All teams</option>
            {options.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className={styles.filter}>
        <label htmlFor="users-role">Role</label>
        <select id="users-role" value={filters.roleId} onChange={(e) => set({ roleId: e.target.value })}>
          <option value="">All roles</option>
          {options.roles.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </select>
      </div>
      <label className={styles.check}>
        <input type="checkbox" checked={filters.notInQueue} onChange={(e) => set({ notInQueue: e.target.checked })} />
        Agents not in a queue
      </label>
    </search>
  );
}
