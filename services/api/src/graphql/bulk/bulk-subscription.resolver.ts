import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { BulkJob } from '@switchboard/domain';
import { BulkJobType } from './bulk.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class BulkSubscriptionResolver {
  @Subscription(() => BulkJobType, {
    description: 'The job now, then after every change and at least every second while it runs; ends when the job does',
    subscribe: ({ args, context }) => (context as Context).services.bulkJobs.watch(actorOf(context as Context), args.id),
  })
  bulkJobProgress(@Root() job: BulkJob, @Arg('id', () => ID) _id: string): BulkJob {
    return job;
  }
}
