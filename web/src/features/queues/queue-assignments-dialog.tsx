'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import type { QueuesAssignmentsFragment } from '../../gql/graphql';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { countOf } from '../settings/format';
import { QueuesAssign, QueuesTeamOptions, QueuesUnassign, QueuesUserSearch } from './queues.operations';
import { teamPaths } from './team-paths';
import styles from './queues.module.css';

type Target = { teamIds: string[] } | { userIds: string[] };

/**
 * Who a queue is assigned to: teams (each bringing the agents of its sub-teams) and agents
 * assigned one by one. Picking needs the permission to see teams, and users, respectively.
 */
export function QueueAssignmentsDialog({
  queue,
  canPickTeams,
  canPickUsers,
  onClose,
}: {
  queue: QueuesAssignmentsFragment & { name: string };
  canPickTeams: boolean;
  canPickUsers: boolean;
  onClose: () => void;
}) {
  // The mutations answer with the queue's new assignments; the list behind the dialog refetches by itself.
  const [current, setCurrent] = useState<QueuesAssignmentsFragment>(queue);
  const [teamError, setTeamError] = useState<CombinedError>();
  const [userError, setUserError] = useState<CombinedError>();
  const [, assign] = useMutation(QueuesAssign);
  const [, unassign] = useMutation(QueuesUnassign);

  async function change(kind: 'assign' | 'unassign', target: Target) {
    const variables = { queueId: queue.id, ...target };
    const [error, changed] =
      kind === 'assign'
        ? await assign(variables).then((result) => [result.error, result.data?.assignToQueue] as const)
        : await unassign(variables).then((result) => [result.error, result.data?.unassignFromQueue] as const);
    ('teamIds' in target ? setTeamError : setUserError)(error);
    if (changed) setCurrent(changed);
    return !error;
  }

  return (
    <Dialog title={`Assignments of "${queue.name}"`} onClose={onClose}>
      <p className="muted" role="status">
        Reaches {countOf(current.agentCount, 'active agent')}, directly or through their teams.
      </p>

      <h3 className={styles.sectionTitle}>Teams</h3>
      <p className="muted">A team brings its sub-teams&apos; agents too, and its managers who are agents.</p>
      <AssignedList
        items={current.assignedTeams.map((team) => ({ id: team.id, label: team.name }))}
        empty="No team is assigned."
        noun="team"
        onRemove={(id) => change('unassign', { teamIds: [id] })}
      />
      {canPickTeams ? (
        <TeamPicker assigned={current.assignedTeams.map((team) => team.id)} onAssign={(id) => change('assign', { teamIds: [id] })} />
      ) : (
        <p className="muted">Assigning teams needs the permission to see teams.</p>
      )}
      <ErrorAlert error={teamError} />

      <h3 className={styles.sectionTitle}>Agents assigned directly</h3>
      <AssignedList
        items={current.assignedUsers.map((user) => ({ id: user.id, label: `${user.firstName} ${user.lastName}`, detail: user.email }))}
        empty="No agent is assigned directly."
        noun="agent"
        onRemove={(id) => change('unassign', { userIds: [id] })}
      />
      {canPickUsers ? (
        <UserPicker assigned={current.assignedUsers.map((user) => user.id)} onAssign={(id) => change('assign', { userIds: [id] })} />
      ) : (
        <p className="muted">Assigning agents one by one needs the permission to view users.</p>
      )}
      <ErrorAlert error={userError} />

      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

function AssignedList({
  items,
  empty,
  noun,
  onRemove,
}: {
  items: { id: string; label: string; detail?: string }[];
  empty: string;
  noun: string;
  onRemove: (id: string) => void;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className={styles.assignedList}>
      {items.map((item) => (
        <li key={item.id}>
          <span>
            {item.label} {item.detail && <span className="muted">{item.detail}</span>}
          </span>
          <button type="button" className="small" onClick={() => onRemove(item.id)} aria-label={`Remove ${noun} ${item.label}`}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

function TeamPicker({ assigned, onAssign }: { assigned: string[]; onAssign: (id: string) => Promise<boolean> }) {
  const [{ data, error }] = useQuery({ query: QueuesTeamOptions });
  const [teamId, setTeamId] = useState('');
  const paths = teamPaths(data?.teams ?? []);
  const options = (data?.teams ?? []).filter((team) => !assigned.includes(team.id));
  if (error) return <ErrorAlert error={error} />;
  return (
    <form
      className={styles.picker}
      onSubmit={async (event) => {
        event.preventDefault();
        if (teamId && (await onAssign(teamId))) setTeamId('');
      }}
    >
      <label htmlFor="queue-team-pick">Team to assign</label>
      <select id="queue-team-pick" value={teamId} onChange={(e) => setTeamId(e.target.value)} disabled={!data}>
        <option value="">{data ? (options.length ? 'Choose a team…' : 'Every team you see is assigned') : 'Loading teams…'}</option>
        {options.map((team) => (
          <option key={team.id} value={team.id}>
            {paths.get(team.id)}
          </option>
        ))}
      </select>
      <button type="submit" className="small" disabled={!teamId}>
        Assign team
      </button>
    </form>
  );
}

const SEARCH_DELAY_MS = 250;

function UserPicker({ assigned, onAssign }: { assigned: string[]; onAssign: (id: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  // Searches once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setSearched(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching, error }] = useQuery({ query: QueuesUserSearch, variables: { text: searched }, pause: searched.length < 2 });
  const found = (data?.users.edges ?? []).map((edge) => edge.node).filter((user) => !assigned.includes(user.id));
  return (
    <div className={styles.picker}>
      <label htmlFor="queue-user-search">Find an agent to assign</label>
      <input id="queue-user-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name or email" autoComplete="off" />
      <ErrorAlert error={error} />
      {searched.length >= 2 && data && !fetching && found.length === 0 && <p className="muted">No one else matches &ldquo;{searched}&rdquo;.</p>}
      {searched.length >= 2 && found.length > 0 && (
        <ul className={styles.assignedList} aria-label="Matching people">
          {found.map((user) => (
            <li key={user.id}>
              <span>
                {user.firstName} {user.lastName} <span className="muted">{user.email}</span>
              </span>
              <button type="button" className="small" onClick={() => void onAssign(user.id)} aria-label={`Assign ${user.email}`}>
                Assign
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
