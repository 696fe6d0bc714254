'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { TeamRole, UsersRowFragment } from '../../gql/graphql';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { countUsers, fullName, type TeamOption } from './user-labels';
import { UsersAddToTeamMutation, UsersDeactivateMutation } from './users.operations';
import styles from './users.module.css';

interface BulkDialogProps {
  users: UsersRowFragment[];
  onClose(): void;
  /** Called once the change is saved, with the sentence that tells the viewer so. */
  onDone(message: string): void;
}

/** The users a bulk action applies to, by name and email. */
function ChosenUsers({ users }: { users: UsersRowFragment[] }) {
  return (
    <ul className={styles.chosen}>
      {users.map((user) => (
        <li key={user.id}>
          {fullName(user)} <span className="muted">({user.email})</span>
        </li>
      ))}
    </ul>
  );
}

/** Asks before deactivating: it signs people out at once and takes them out of teams and queues. */
export function DeactivateUsersDialog({ users, onClose, onDone }: BulkDialogProps) {
  const [result, deactivate] = useMutation(UsersDeactivateMutation);
  async function confirm() {
    const { data } = await deactivate({ ids: users.map((user) => user.id) });
    if (data) onDone(`Deactivated ${countUsers(data.deactivateUsers.length)}.`);
  }
  return (
    <Dialog title={`Deactivate ${countUsers(users.length)}?`} onClose={onClose}>
      <p>
        They are signed out at once and can no longer sign in. They are removed from their teams and from queues they were assigned to
        individually; their history stays in reports.
      </p>
      <ChosenUsers users={users} />
      <ErrorAlert error={result.error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={result.fetching} onClick={() => void confirm()}>
          {result.fetching ? 'Deactivating…' : 'Deactivate'}
        </button>
      </div>
    </Dialog>
  );
}

/** Adds the chosen users to one team, as members (agents only) or as managers. */
export function AddToTeamDialog({ users, teams, onClose, onDone }: BulkDialogProps & { teams: TeamOption[] }) {
  const [result, add] = useMutation(UsersAddToTeamMutation);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [role, setRole] = useState<TeamRole>('MEMBER');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await add({ teamId, role, userIds: users.map((user) => user.id) });
    const team = teams.find((t) => t.id === teamId)?.label;
    if (data) onDone(`Added ${countUsers(users.length)} to ${team} as ${role === 'MANAGER' ? 'managers' : 'members'}.`);
  }
  if (teams.length === 0) {
    return (
      <Dialog title="Add to a team" onClose={onClose}>
        <p className="muted">There are no teams yet: create one under Teams first.</p>
      </Dialog>
    );
  }
  return (
    <Dialog title={`Add ${countUsers(users.length)} to a team`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <ChosenUsers users={users} />
        <label htmlFor="add-to-team-team">Team</label>
        <select id="add-to-team-team" value={teamId} onChange={(e) => setTeamId(e.target.value)} required>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.label}
            </option>
          ))}
        </select>
        <fieldset className={styles.choices}>
          <legend className="label">Add them as</legend>
          <label className={styles.check}>
            <input type="radio" name="team-role" checked={role === 'MEMBER'} onChange={() => setRole('MEMBER')} />
            Members (agents only)
          </label>
          <label className={styles.check}>
            <input type="radio" name="team-role" checked={role === 'MANAGER'} onChange={() => setRole('MANAGER')} />
            Managers
          </label>
        </fieldset>
        <ErrorAlert error={result.error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={result.fetching || !teamId}>
            {result.fetching ? 'Adding…' : 'Add to team'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
