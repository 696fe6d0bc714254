'use client';

import { useEffect, useRef } from 'react';
import type { UsersRowFragment } from '../../gql/graphql';
import { STATUS_LABELS, formatDateTime, fullName, isLocked } from './user-labels';
import styles from './users.module.css';

/** What a row offers; an action left out is not shown (the viewer lacks its permission). */
export interface UserRowActions {
  edit?(user: UsersRowFragment): void;
  clone?(user: UsersRowFragment): void;
  resendInvitation?(user: UsersRowFragment): void;
  unlock?(user: UsersRowFragment): void;
}

/** The row actions whose change is on its way: their buttons wait for it, so a double-click sends it once. */
export type RunningRowActions = Partial<Record<keyof UserRowActions, boolean>>;

/** The users of one page, with a checkbox per row when there are bulk actions to choose them for. */
export function UsersTable({
  users,
  selected,
  onSelect,
  actions,
  running,
  busy,
}: {
  users: UsersRowFragment[];
  /** Null when the viewer has no bulk action: no checkboxes. */
  selected: ReadonlySet<string> | null;
  onSelect(ids: string[], checked: boolean): void;
  actions: UserRowActions;
  running: RunningRowActions;
  busy: boolean;
}) {
  const hasActions = Object.values(actions).some(Boolean);
  return (
    <table className={`table ${styles.table}`} aria-busy={busy || undefined}>
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          {selected && (
            <th scope="col" className={styles.selectCell}>
              <SelectPage users={users} selected={selected} onSelect={onSelect} />
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Extension</th>
          <th scope="col">Status</th>
          <th scope="col">Roles</th>
          <th scope="col">Teams</th>
          <th scope="col">Last sign-in</th>
          {hasActions && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {users.map((user) => {
          const name = fullName(user);
          return (
            <tr key={user.id} aria-selected={selected ? selected.has(user.id) : undefined}>
              {selected && (
                <td className={styles.selectCell}>
                  <input
                    type="checkbox"
                    aria-label={`Select ${name}`}
                    checked={selected.has(user.id)}
                    onChange={(e) => onSelect([user.id], e.target.checked)}
                  />
                </td>
              )}
              <th scope="row" className={styles.nameCell}>
                {name}
                {user.alias !== name && <span className={`muted ${styles.sub}`}>Alias: {user.alias}</span>}
              </th>
              <td>{user.email}</td>
              <td>{user.extension}</td>
              <td>
                <UserStatusBadges user={user} />
              </td>
              <td>
                <ul className={styles.inlineList}>
                  {user.roles.map((role) => (
                    <li key={role.id} className="badge" title={role.name}>
                      <span className="swatch" style={{ background: role.color }} aria-hidden="true" />
                      {role.label}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {user.teams.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <ul className={styles.plainList}>
                    {user.teams.map(({ team, role }) => (
                      <li key={team.id}>
                        {team.name}
                        {role === 'MANAGER' && <span className="muted"> (manager)</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : <span className="muted">Never</span>}</td>
              {hasActions && (
                <td>
                  <RowActions user={user} name={name} actions={actions} running={running} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Status in words (never by color alone), with the lock and a pending invitation spelled out. */
function UserStatusBadges({ user }: { user: UsersRowFragment }) {
  return (
    <div className={styles.statusCell}>
      <span className={`badge ${styles[`status${user.status}`]}`}>{STATUS_LABELS[user.status]}</span>
      {isLocked(user) && (
        <span className={`badge ${styles.locked}`} title={`Sign-in locked until ${formatDateTime(user.lockedUntil!)}`}>
          Locked
        </span>
      )}
      {user.status === 'INVITED' && <span className={`muted ${styles.sub}`}>Invitation pending</span>}
    </div>
  );
}

/** The row's buttons, each named with the user for screen readers ("Edit Ann Lee"). */
function RowActions({ user, name, actions, running }: { user: UsersRowFragment; name: string; actions: UserRowActions; running: RunningRowActions }) {
  const button = (label: string, action: keyof UserRowActions) => (
    <button type="button" className="small" disabled={running[action]} onClick={() => actions[action]?.(user)}>
      {label}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
  return (
    <div className={styles.rowActions}>
      {actions.edit && button('Edit', 'edit')}
      {actions.clone && button('Clone', 'clone')}
      {actions.resendInvitation && user.status === 'INVITED' && button('Resend invitation', 'resendInvitation')}
      {actions.unlock && isLocked(user) && button('Unlock', 'unlock')}
    </div>
  );
}

/** The header checkbox: chooses every user of the page, or none; mixed when some are chosen. */
function SelectPage({
  users,
  selected,
  onSelect,
}: {
  users: UsersRowFragment[];
  selected: ReadonlySet<string>;
  onSelect(ids: string[], checked: boolean): void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const chosen = users.filter((user) => selected.has(user.id)).length;
  const all = users.length > 0 && chosen === users.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all users on this page"
      checked={all}
      disabled={users.length === 0}
      onChange={(e) => onSelect(users.map((user) => user.id), e.target.checked)}
    />
  );
}
