import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Queue } from '@switchboard/domain';
import { QueueType } from './queue.types';
import { CreateQueueInput, UpdateQueueInput } from './queue.inputs';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class QueueAdminResolver {
  @Mutation(() => QueueType, { description: 'Creates a queue; needs "Settings - Queues" (Edit) for all teams' })
  createQueue(@Ctx() context: Context, @Arg('input', () => CreateQueueInput) input: CreateQueueInput): Promise<Queue> {
    return context.services.queues.create(actorOf(context), input);
  }

  @Mutation(() => QueueType, { description: 'Renames a queue, changes its channel or its priority' })
  updateQueue(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateQueueInput) input: UpdateQueueInput,
    @Arg('version', () => Int, { description: 'The version you read; a stale one is refused with CONFLICT' }) version: number,
  ): Promise<Queue> {
    return context.services.queues.update(actorOf(context), id, input, version);
  }

  @Mutation(() => Boolean, { description: 'Deletes a queue and its assignments; needs "Settings - Queues" (Edit) for all teams' })
  deleteQueue(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { description: 'The version you read; a stale one is refused with CONFLICT' }) version: number,
  ): Promise<boolean> {
    return context.services.queues.delete(actorOf(context), id, version);
  }

  @Mutation(() => QueueType, {
    description: 'Assigns agents and/or teams to a queue (a team brings the agents of its sub-teams too). At most 500 of each',
  })
  assignToQueue(
    @Ctx() context: Context,
    @Arg('queueId', () => ID) queueId: string,
    @Arg('userIds', () => [ID], { nullable: true }) userIds?: string[] | null,
    @Arg('teamIds', () => [ID], { nullable: true }) teamIds?: string[] | null,
  ): Promise<Queue> {
    return context.services.queueAssignments.assign(actorOf(context), queueId, userIds, teamIds);
  }

  @Mutation(() => QueueType, { description: 'Takes agents and/or teams off a queue. At most 500 of each' })
  unassignFromQueue(
    @Ctx() context: Context,
    @Arg('queueId', () => ID) queueId: string,
    @Arg('userIds', () => [ID], { nullable: true }) userIds?: string[] | null,
    @Arg('teamIds', () => [ID], { nullable: true }) teamIds?: string[] | null,
  ): Promise<Queue> {
    return context.services.queueAssignments.unassign(actorOf(context), queueId, userIds, teamIds);
  }
}
