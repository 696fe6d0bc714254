import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditEventView } from '@switchboard/domain';
import { AuditEventConnection, AuditEventType, AuditFilterInput } from './audit.types';
import { PageArgs } from '../common/page.args';
import { toConnection, type ConnectionShape } from '../common/connection.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => AuditEventType)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: 'The audit log, newest first',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (args.first ?? 50),
  })
  async auditEvents(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
  ): Promise<ConnectionShape<AuditEventView>> {
    return toConnection(await context.services.audit.list(actorOf(context), filter ?? {}, page));
  }
}
