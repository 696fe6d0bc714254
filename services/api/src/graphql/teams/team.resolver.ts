import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Team } from '@switchboard/domain';
import { TeamType } from './team.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => TeamType)
export class TeamResolver {
  @Query(() => [TeamType], { description: 'The team tree the caller may see, each team after its parent' })
  teams(@Ctx() context: Context): Promise<Team[]> {
    return context.services.teams.list(actorOf(context));
  }

  @FieldResolver(() => TeamType, { nullable: true })
  parent(@Root() team: Team, @Ctx() context: Context): Promise<Team | null> | null {
    return team.parentId ? context.loaders.team.load(team.parentId) : null;
  }
}
