'use client';

import { useMemo } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { useViewer } from '../viewer/viewer-provider';
import { teamOptions, type TeamOption } from './user-labels';
import { UsersOptionsQuery, UsersTeamsQuery } from './users.operations';

/** The choices the filters and the user form offer. */
export interface UserOptions {
  roles: { id: string; name: string }[];
  /**
   * Roles the viewer may hand out: those assignable by their roles that grant Edit User, as the API
   * decides. Null when the viewer is an API credential, whose roles the console cannot see.
   */
  assignableRoleIds: ReadonlySet<string> | null;
  locations: { id: string; name: string }[];
  /** The team tree with path labels; null when the viewer may not see teams. */
  teams: TeamOption[] | null;
}

/** Loads the roles, locations and (for viewers who may see them) teams the users page offers. */
export function useUserOptions(): { options: UserOptions | null; error: CombinedError | undefined } {
  const viewer = useViewer();
  const seesTeams = viewer.can('teams');
  const [options] = useQuery({ query: UsersOptionsQuery });
  const [teams] = useQuery({ query: UsersTeamsQuery, pause: !seesTeams });
  const loaded = useMemo<UserOptions | null>(() => {
    if (!options.data || (seesTeams && !teams.data)) return null;
    const { roles, locations, me } = options.data;
    let assignableRoleIds: Set<string> | null = null;
    if (me.user) {
      const held = new Set(me.user.roles.map((role) => role.id));
      const editing = roles.filter((role) => held.has(role.id) && role.permissions.some((p) => p.permission === 'users.edit'));
      assignableRoleIds = new Set(editing.flatMap((role) => role.assignableRoles.map((assignable) => assignable.id)));
    }
    return {
      roles: roles.map(({ id, name }) => ({ id, name })),
      assignableRoleIds,
      locations,
      teams: seesTeams && teams.data ? teamOptions(teams.data.teams) : null,
    };
  }, [options.data, teams.data, seesTeams]);
  return { options: loaded, error: options.error ?? teams.error };
}
