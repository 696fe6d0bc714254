'use client';

import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { useViewer } from '../viewer/viewer-provider';
import { CreateTeamDialog, DeleteTeamDialog, MoveTeamDialog, RenameTeamDialog } from './team-dialogs';
import { TeamDetails, type TeamAction, type TeamPermissions } from './team-details';
import { TeamTree } from './team-tree';
import { buildTeamTree } from './team-tree-model';
import { TeamsTreeQuery } from './teams.operations';
import styles from './teams.module.css';

// Refetch the tree after any change to a team, even while it is empty and so holds no Team yet.
const TREE_CONTEXT = { additionalTypenames: ['Team'] };

type OpenDialog = { kind: 'create'; parentId: string | null } | { kind: Exclude<TeamAction, 'addSubTeam'> };

/** The Teams section: the tree on the left, the selected team's details and people on the right. */
export function TeamsPage() {
  const viewer = useViewer();
  const editTree = viewer.can('teams', 'EDIT');
  // The server lets only holders of "Teams" for all teams create or move teams at the top level.
  const topLevel = editTree && viewer.holdsForAll('teams');
  // Adding and removing people also needs "Edit User - Teams", which the server checks for itself.
  const may: TeamPermissions = { editTree, editPeople: editTree && viewer.can('users.edit.teams', 'EDIT') };
  const [{ data, fetching, error }, refetchTree] = useQuery({ query: TeamsTreeQuery, context: TREE_CONTEXT });
  const reloadTree = () => refetchTree({ requestPolicy: 'network-only' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  const teams = useMemo(() => data?.teams ?? [], [data]);
  const roots = useMemo(() => buildTeamTree(teams), [teams]);
  const selected = teams.find((team) => team.id === selectedId) ?? null;
  const parentName = teams.find((team) => team.id === selected?.parentId)?.name ?? null;
  const closeDialog = () => setDialog(null);

  const onAction = (action: TeamAction) => setDialog(action === 'addSubTeam' ? { kind: 'create', parentId: selectedId } : { kind: action });

  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams and sub-teams organize people. Managers see the agents of their teams and of every sub-team below them."
        actions={
          topLevel && (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create', parentId: null })}>
              New team
            </button>
          )
        }
      />
      <ErrorAlert error={error} />
      <div className={styles.layout}>
        <section className="panel" aria-labelledby="team-tree-heading">
          <h2 id="team-tree-heading">Team tree</h2>
          {!data && fetching ? (
            <p className="muted" aria-busy="true">
              Loading teams…
            </p>
          ) : roots.length === 0 ? (
            <p className="muted">{topLevel ? 'No teams yet. Create the first one with “New team”.' : 'There are no teams you can see.'}</p>
          ) : (
            <TeamTree roots={roots} selectedId={selectedId} onSelect={setSelectedId} />
          )}
        </section>
        {selected ? (
          <TeamDetails key={selected.id} team={selected} parentName={parentName} may={may} onAction={onAction} />
        ) : (
          <section className="panel">
            <p className="muted">Select a team to see its managers and members.</p>
          </section>
        )}
      </div>
      {dialog?.kind === 'create' && (
        <CreateTeamDialog
          teams={teams}
          topLevel={topLevel}
          parentId={dialog.parentId}
          onClose={closeDialog}
          onCreated={(id) => {
            setSelectedId(id);
            closeDialog();
          }}
        />
      )}
      {selected && dialog?.kind === 'rename' && <RenameTeamDialog team={selected} onClose={closeDialog} reloadTree={reloadTree} />}
      {selected && dialog?.kind === 'move' && (
        <MoveTeamDialog team={selected} teams={teams} topLevel={topLevel} onClose={closeDialog} reloadTree={reloadTree} />
      )}
      {selected && dialog?.kind === 'delete' && (
        <DeleteTeamDialog
          team={selected}
          onClose={closeDialog}
          reloadTree={reloadTree}
          onDeleted={() => {
            setSelectedId(selected.parentId);
            closeDialog();
            // deleteTeam answers only true: nothing in its result tells the cache which lists changed.
            reloadTree();
          }}
        />
      )}
    </>
  );
}
