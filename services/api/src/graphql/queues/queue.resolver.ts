import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Queue } from '@switchboard/domain';
import { QueueType } from './queue.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => QueueType)
export class QueueResolver {
  @Query(() => [QueueType])
  queues(@Ctx() context: Context): Promise<Queue[]> {
    return context.services.queues.list(actorOf(context));
  }
}
