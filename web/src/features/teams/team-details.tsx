'use client';

import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import type { TeamRole, TeamsPersonFragment } from '../../gql/graphql';
import { ErrorAlert } from '../../ui/error-alert';
import { AddPeopleForm } from './add-people-form';
import { PeopleList } from './people';
import { countsLabel, type TeamRow } from './team-tree-model';
import { TeamsDetailQuery, TeamsRemovePeopleMutation } from './teams.operations';
import styles from './teams.module.css';

/** What the viewer may change here: the tree (rename, move, delete, sub-teams) and who is in the team. */
export interface TeamPermissions {
  editTree: boolean;
  editPeople: boolean;
}

export type TeamAction = 'rename' | 'move' | 'delete' | 'addSubTeam';

/**
 * The selected team: where it sits, its counts, and the people assigned to it directly (the people
 * of its sub-teams show only there, so nobody is listed twice).
 */
export function TeamDetails(props: {
  team: TeamRow;
  parentName: string | null;
  may: TeamPermissions;
  onAction: (action: TeamAction) => void;
}) {
  const { team, may } = props;
  const [{ data, fetching, error }] = useQuery({ query: TeamsDetailQuery, variables: { id: team.id } });
  const [{ fetching: removing, error: removeError }, removePeople] = useMutation(TeamsRemovePeopleMutation);
  const people = data?.team;
  const roleOf = useMemo(
    () =>
      new Map<string, TeamRole>([
        ...(people?.managers ?? []).map((p) => [p.id, 'MANAGER'] as const),
        ...(people?.members ?? []).map((p) => [p.id, 'MEMBER'] as const),
      ]),
    [people],
  );
  const remove = may.editPeople ? (person: TeamsPersonFragment) => void removePeople({ teamId: team.id, userIds: [person.id] }) : undefined;

  return (
    <section className="panel" aria-labelledby="team-details-label team-details-heading">
      <header className={styles.detailsHeader}>
        <div>
          <span id="team-details-label" className="visually-hidden">
            Selected team:
          </span>
          <h2 id="team-details-heading">{team.name}</h2>
          <p className="muted">
            {props.parentName ? `Sub-team of ${props.parentName}` : 'Top-level team'} · {countsLabel(team)}
          </p>
        </div>
        {may.editTree && (
          <div className="toolbar" role="group" aria-label={`Change ${team.name}`}>
            <button type="button" className="small" onClick={() => props.onAction('addSubTeam')}>
              Add sub-team
            </button>
            <button type="button" className="small" onClick={() => props.onAction('rename')}>
              Rename
            </button>
            <button type="button" className="small" onClick={() => props.onAction('move')}>
              Move
            </button>
            <button type="button" className="small danger" onClick={() => props.onAction('delete')}>
              Delete
            </button>
          </div>
        )}
      </header>
      <p className="muted">Only people assigned directly to this team are listed; people of its sub-teams are listed under those teams.</p>
      <ErrorAlert error={error ?? removeError} />
      {!people && fetching ? (
        <p className="muted" aria-busy="true">
          Loading people…
        </p>
      ) : (
        people && (
          <div className={styles.peopleColumns}>
            <PeopleList heading="Managers" people={people.managers} empty="No managers yet." onRemove={remove} removing={removing} />
            <PeopleList heading="Members" people={people.members} empty="No members yet." onRemove={remove} removing={removing} />
          </div>
        )
      )}
      {may.editPeople && <AddPeopleForm key={team.id} teamId={team.id} teamName={team.name} roleOf={roleOf} />}
    </section>
  );
}
