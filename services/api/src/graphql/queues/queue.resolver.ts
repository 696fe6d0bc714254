import { Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Queue, Team, User } from '@switchboard/domain';
import { QueueType } from './queue.types';
import { TeamType } from '../teams/team.types';
import { UserType } from '../users/user.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => QueueType)
export class QueueResolver {
  @Query(() => [QueueType])
  queues(@Ctx() context: Context): Promise<Queue[]> {
    return context.services.queues.list(actorOf(context));
  }

  @FieldResolver(() => [UserType], { description: 'Users assigned directly, by email' })
  assignedUsers(@Root() queue: Queue, @Ctx() context: Context): Promise<User[]> {
    return context.loaders.usersOfQueue.load(queue.id);
  }

  @FieldResolver(() => [TeamType], { description: 'Teams assigned, by name; each brings the agents of its sub-teams too' })
  assignedTeams(@Root() queue: Queue, @Ctx() context: Context): Promise<Team[]> {
    return context.loaders.teamsOfQueue.load(queue.id);
  }

  @FieldResolver(() => Int, {
    description: 'Active agents the queue reaches, directly or through an assigned team or any of its sub-teams (managers included)',
  })
  agentCount(@Root() queue: Queue, @Ctx() context: Context): Promise<number> {
    return context.loaders.agentCountOfQueue.load(queue.id);
  }
}
