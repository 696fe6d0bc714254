import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Team, TeamRole } from '@switchboard/domain';
import { TeamType } from './team.types';
import { CreateTeamInput, UpdateTeamInput } from './team.inputs';
import { TeamRoleEnum } from '../common/enums';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class TeamAdminResolver {
  @Mutation(() => TeamType, { description: 'Creates a team at the top level or under a parent' })
  createTeam(@Ctx() context: Context, @Arg('input', () => CreateTeamInput) input: CreateTeamInput): Promise<Team> {
    return context.services.teams.create(actorOf(context), input);
  }

  @Mutation(() => TeamType, { description: 'Renames a team and/or moves it under another parent or to the top level' })
  updateTeam(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTeamInput) input: UpdateTeamInput,
    @Arg('version', () => Int, { description: 'The version you read; a stale one is refused with CONFLICT' }) version: number,
  ): Promise<Team> {
    return context.services.teams.update(actorOf(context), id, input, version);
  }

  @Mutation(() => Boolean, { description: 'Deletes a team without sub-teams and users' })
  deleteTeam(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { description: 'The version you read; a stale one is refused with CONFLICT' }) version: number,
  ): Promise<boolean> {
    return context.services.teams.delete(actorOf(context), id, version);
  }

  @Mutation(() => TeamType, {
    description: 'Adds users to a team as members (agents only) or managers; a user is one or the other in a team. At most 500',
  })
  addTeamMembers(
    @Ctx() context: Context,
    @Arg('teamId', () => ID) teamId: string,
    @Arg('userIds', () => [ID]) userIds: string[],
    @Arg('role', () => TeamRoleEnum) role: TeamRole,
  ): Promise<Team> {
    return context.services.teamMemberships.add(actorOf(context), teamId, userIds, role);
  }

  @Mutation(() => TeamType, { description: 'Removes users (members or managers) from a team. At most 500' })
  removeTeamMembers(
    @Ctx() context: Context,
    @Arg('teamId', () => ID) teamId: string,
    @Arg('userIds', () => [ID]) userIds: string[],
  ): Promise<Team> {
    return context.services.teamMemberships.remove(actorOf(context), teamId, userIds);
  }
}
