import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Team, TeamRole, User } from '@switchboard/domain';
import { TeamType } from './team.types';
import { UserType } from '../users/user.types';
import { TeamRoleEnum } from '../common/enums';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => TeamType)
export class TeamResolver {
  @Query(() => [TeamType], { description: 'The team tree the caller may see, each team after its parent' })
  teams(@Ctx() context: Context): Promise<Team[]> {
    return context.services.teams.list(actorOf(context));
  }

  @Query(() => TeamType, { description: 'One team of the tree the caller may see, e.g. to list its members' })
  team(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Team> {
    return context.services.teams.get(actorOf(context), id);
  }

  @FieldResolver(() => TeamType, { nullable: true })
  parent(@Root() team: Team, @Ctx() context: Context): Promise<Team | null> | null {
    return team.parentId ? context.loaders.team.load(team.parentId) : null;
  }

  @FieldResolver(() => [TeamType], { description: 'Direct sub-teams, by name' })
  children(@Root() team: Team, @Ctx() context: Context): Promise<Team[]> {
    return context.loaders.childrenOfTeam.load(team.id);
  }

  @FieldResolver(() => [UserType], {
    description:
      'Users assigned directly to this team (not those of its sub-teams) whom you may see under "View Users", by email; managers with role MANAGER',
  })
  async members(
    @Root() team: Team,
    @Ctx() context: Context,
    @Arg('role', () => TeamRoleEnum, { nullable: true, description: 'Only members or only managers; both when omitted' })
    role?: TeamRole | null,
  ): Promise<User[]> {
    const members = await context.loaders.membersOfTeam.load(team.id);
    return members.filter((m) => !role || m.role === role).map((m) => m.user);
  }

  @FieldResolver(() => Int, { description: 'Distinct users directly in the team, or with includeSubteams in its whole subtree' })
  memberCount(
    @Root() team: Team,
    @Ctx() context: Context,
    @Arg('includeSubteams', () => Boolean, { defaultValue: false }) includeSubteams: boolean,
  ): Promise<number> {
    return context.loaders.memberCountOfTeam.load({ teamId: team.id, includeSubteams });
  }
}
