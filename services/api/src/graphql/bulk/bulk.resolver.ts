import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BulkJob, BulkJobError } from '@switchboard/domain';
import { BulkJobConnection, BulkJobErrorConnection, BulkJobFilterInput, BulkJobPreviewType, BulkJobProgressType, BulkJobType } from './bulk.types';
import { PageArgs } from '../common/page.args';
import { toConnection, type ConnectionShape } from '../common/connection.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => BulkJobType)
export class BulkJobResolver {
  @Query(() => BulkJobType, { description: 'One bulk user job ("Users - Bulk User Management" View)' })
  bulkJob(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<BulkJob> {
    return context.services.bulkJobs.get(actorOf(context), id);
  }

  @Query(() => BulkJobConnection, {
    description: 'Bulk user jobs, newest first',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (args.first ?? 50),
  })
  async bulkJobs(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => BulkJobFilterInput, { nullable: true }) filter?: BulkJobFilterInput,
  ): Promise<ConnectionShape<BulkJob>> {
    return toConnection(await context.services.bulkJobs.list(actorOf(context), filter ?? {}, page));
  }

  @Mutation(() => BulkJobType, {
    description:
      'Applies a VALIDATED job; a job with row errors needs ignoreErrors, and then applies only its valid rows. Asked while the job is still being validated, it is recorded and the job applies as soon as it validates under the same rule',
  })
  proceedBulkUserJob(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('ignoreErrors', { defaultValue: false }) ignoreErrors: boolean,
  ): Promise<BulkJob> {
    return context.services.bulkJobs.proceed(actorOf(context), id, ignoreErrors);
  }

  @Mutation(() => BulkJobType, { description: 'Cancels a job that has not started applying' })
  cancelBulkUserJob(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<BulkJob> {
    return context.services.bulkJobs.cancel(actorOf(context), id);
  }

  @FieldResolver(() => BulkJobPreviewType)
  preview(@Root() job: BulkJob): BulkJobPreviewType {
    return { creates: job.previewCreates, updates: job.previewUpdates, unchanged: job.previewUnchanged, fields: job.previewFields };
  }

  @FieldResolver(() => BulkJobProgressType)
  progress(@Root() job: BulkJob): BulkJobProgressType {
    // Both phases go through every row of the file (apply counts the rows it skips for errors too),
    // so the file's row count is the total of either: validRows would let processed pass it.
    return { processed: job.processedRows, total: job.totalRows };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the user or API credential that uploaded the file' })
  async uploadedBy(@Ctx() context: Context, @Root() job: BulkJob): Promise<string | null> {
    const people = await context.loaders.bulkJobPeople.load(job.id);
    return people.uploadedUserName ?? people.uploadedApiUserName;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the error log has entries, errors or column warnings (what errors.csv downloads)' })
  hasErrorLog(@Ctx() context: Context, @Root() job: BulkJob): Promise<boolean> {
    return context.loaders.bulkJobHasErrorLog.load(job.id);
  }

  @FieldResolver(() => BulkJobErrorConnection, {
    description: 'The error log in file order; row 0 is the file itself (scheme errors and column warnings)',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (args.first ?? 50),
  })
  async errors(@Ctx() context: Context, @Root() job: BulkJob, @Args() page: PageArgs): Promise<ConnectionShape<BulkJobError>> {
    return toConnection(await context.services.bulkJobs.errors(actorOf(context), job.id, page));
  }
}
