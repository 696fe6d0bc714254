'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { fieldError, isConflict } from '../../graphql/error-message';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { subtreeIds, teamPaths, type TeamRow } from './team-tree-model';
import { TeamsCreateMutation, TeamsDeleteMutation, TeamsUpdateMutation } from './teams.operations';

const TOP_LEVEL = '';

/** The server's complaint about one field, and whatever else went wrong, to show each where it belongs. */
function splitError(error: CombinedError | undefined, fields: readonly string[]) {
  const problem = fieldError(error);
  const onField = problem && fields.includes(problem.field) ? problem : null;
  return { field: (name: string) => (onField?.field === name ? onField.message : null), other: onField ? null : error };
}

/**
 * Reloads the tree when the server refused a change made over a stale team version, so the next try
 * sends the version stored now instead of failing again.
 */
function reloadOnConflict<Result extends { error?: CombinedError }>(result: Result, reloadTree: () => void): Result {
  if (isConflict(result.error)) reloadTree();
  return result;
}

/**
 * A labelled choice of parent team, leaving out the teams in `excluded`; the top level is offered
 * only when `topLevel` (the server lets only holders of "Teams" for all teams place teams there).
 */
function ParentSelect(props: {
  label: string;
  teams: readonly TeamRow[];
  topLevel: boolean;
  excluded?: ReadonlySet<string>;
  value: string;
  onChange: (parentId: string) => void;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  const paths = useMemo(() => teamPaths(props.teams), [props.teams]);
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described}
        required={!props.topLevel}
      >
        {props.topLevel ? (
          <option value={TOP_LEVEL}>None (top-level team)</option>
        ) : (
          <option value={TOP_LEVEL} disabled>
            Choose a parent team
          </option>
        )}
        {props.teams
          .filter((team) => !props.excluded?.has(team.id))
          .map((team) => (
            <option key={team.id} value={team.id}>
              {paths.get(team.id)}
            </option>
          ))}
      </select>
      {props.hint && (
        <p id={`${id}-hint`} className="muted">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </>
  );
}

function DialogActions(props: { disabled: boolean; submitLabel: string; onCancel: () => void; danger?: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.disabled}>
        {props.submitLabel}
      </button>
    </div>
  );
}

const NAME_HINT = 'Up to 100 characters, without ":"; unique among the teams under the same parent.';

/** Adds a team under the chosen parent, or at the top level where `topLevel` allows. */
export function CreateTeamDialog(props: {
  teams: readonly TeamRow[];
  topLevel: boolean;
  parentId: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState(props.parentId ?? TOP_LEVEL);
  const [{ fetching, error }, createTeam] = useMutation(TeamsCreateMutation);
  const errors = splitError(error, ['name', 'parentId']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await createTeam({ input: { name, parentId: parentId || null } });
    if (result.data) props.onCreated(result.data.createTeam.id);
  }

  return (
    <Dialog title="New team" onClose={props.onClose}>
      <form className="form" onSubmit={onSubmit}>
        <Field label="Team name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus error={errors.field('name')} />
        <p className="muted">{NAME_HINT}</p>
        <ParentSelect
          label="Parent team"
          teams={props.teams}
          topLevel={props.topLevel}
          value={parentId}
          onChange={setParentId}
          error={errors.field('parentId')}
        />
        <ErrorAlert error={errors.other} />
        <DialogActions disabled={fetching} submitLabel="Create team" onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

/** Gives the team a new name. */
export function RenameTeamDialog({ team, onClose, reloadTree }: { team: TeamRow; onClose: () => void; reloadTree: () => void }) {
  const [name, setName] = useState(team.name);
  const [{ fetching, error }, updateTeam] = useMutation(TeamsUpdateMutation);
  const errors = splitError(error, ['name']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = reloadOnConflict(await updateTeam({ id: team.id, input: { name }, version: team.version }), reloadTree);
    if (result.data) onClose();
  }

  return (
    <Dialog title={`Rename “${team.name}”`} onClose={onClose}>
      <form className="form" onSubmit={onSubmit}>
        <Field label="Team name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus error={errors.field('name')} />
        <p className="muted">{NAME_HINT}</p>
        <ErrorAlert error={errors.other} />
        <DialogActions disabled={fetching} submitLabel="Rename" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Puts the team, with its sub-teams and people, under another parent, or at the top level where `topLevel` allows. */
export function MoveTeamDialog({
  team,
  teams,
  topLevel,
  onClose,
  reloadTree,
}: {
  team: TeamRow;
  teams: readonly TeamRow[];
  topLevel: boolean;
  onClose: () => void;
  reloadTree: () => void;
}) {
  // A parent outside the viewer's teams is not among the choices: they start from none chosen.
  const shownParentId = team.parentId && teams.some((other) => other.id === team.parentId) ? team.parentId : TOP_LEVEL;
  const [parentId, setParentId] = useState(shownParentId);
  const [{ fetching, error }, updateTeam] = useMutation(TeamsUpdateMutation);
  // A team cannot go under itself or its own sub-teams; the server refuses that too.
  const excluded = useMemo(() => subtreeIds(teams, team.id), [teams, team.id]);
  // Whatever the server says about the move (a cycle, a name taken under the new parent) belongs beside the choice.
  const problem = fieldError(error);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = parentId ? { parentId } : { moveToTop: true };
    const result = reloadOnConflict(await updateTeam({ id: team.id, input, version: team.version }), reloadTree);
    if (result.data) onClose();
  }

  return (
    <Dialog title={`Move “${team.name}”`} onClose={onClose}>
      <form className="form" onSubmit={onSubmit}>
        <ParentSelect
          label="New parent team"
          teams={teams}
          topLevel={topLevel}
          excluded={excluded}
          value={parentId}
          onChange={setParentId}
          hint="Its sub-teams and people move with it."
          error={problem?.message}
        />
        <ErrorAlert error={problem ? null : error} />
        <DialogActions disabled={fetching || parentId === shownParentId} submitLabel="Move" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Asks before deleting the team; the server refuses while it still has sub-teams or people, and says so here. */
export function DeleteTeamDialog({
  team,
  onClose,
  onDeleted,
  reloadTree,
}: {
  team: TeamRow;
  onClose: () => void;
  onDeleted: () => void;
  reloadTree: () => void;
}) {
  const [{ fetching, error }, deleteTeam] = useMutation(TeamsDeleteMutation);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = reloadOnConflict(await deleteTeam({ id: team.id, version: team.version }), reloadTree);
    if (result.data?.deleteTeam) onDeleted();
  }

  return (
    <Dialog title={`Delete “${team.name}”?`} onClose={onClose}>
      <form className="form" onSubmit={onSubmit}>
        <p>The team is deleted for good. Only a team without sub-teams and without people can be deleted.</p>
        <ErrorAlert error={error} />
        <DialogActions disabled={fetching} submitLabel="Delete team" onCancel={onClose} danger />
      </form>
    </Dialog>
  );
}
