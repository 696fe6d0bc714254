import { Arg, Authorized, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import type { PresenceDelivery, StatusEventView } from '@switchboard/domain';
import { AgentStatusEventType } from './presence.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class PresenceSubscriptionResolver {
  @Subscription(() => AgentStatusEventType, {
    description:
      'Every status change of every agent the caller may see ("Monitoring - Agents" View), optionally of one team and its sub-teams. ' +
      'With afterSequence, changes missed since then are replayed first (at most 1000; more is an error asking to refetch the board)',
    // The hub filters each event once per audience of identical visibility, for every api process (Redis).
    subscribe: ({ args, context }) =>
      (context as Context).services.presenceHub.subscribe(actorOf(context as Context), { teamId: args.teamId, afterSequence: args.afterSequence }),
  })
  agentStatusChanged(
    @Root() delivery: PresenceDelivery,
    @Arg('teamId', () => ID, { nullable: true }) _teamId?: string | null,
    @Arg('afterSequence', () => Int, { nullable: true }) _afterSequence?: number | null,
  ): StatusEventView {
    return delivery.event;
  }
}
