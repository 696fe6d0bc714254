import { GraphQLError, type GraphQLSchema } from 'graphql';
import { Arg, Authorized, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import type { PresenceDelivery, PresenceViewChanged, StatusEventView } from '@switchboard/domain';
import { AgentStatusEventType } from './presence.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class PresenceSubscriptionResolver {
  @Subscription(() => AgentStatusEventType, {
    description:
      'Every status change of every agent the caller may see ("Monitoring - Agents" View), optionally of one team and its sub-teams. ' +
      'With afterSequence, changes missed since then are replayed first (at most 1000; more is an error asking to refetch the board). ' +
      'When the agents the caller may see change (team membership, team moves), an error of code VIEW_CHANGED arrives and the stream goes on: load the board again',
    // The hub filters each event once per audience of identical visibility, for every api process (Redis).
    subscribe: ({ args, context }) =>
      (context as Context).services.presenceHub.subscribe(actorOf(context as Context), { teamId: args.teamId, afterSequence: args.afterSequence }),
  })
  agentStatusChanged(
    @Root() delivery: PresenceDelivery | PresenceViewChanged,
    @Arg('teamId', () => ID, { nullable: true }) _teamId?: string | null,
    @Arg('afterSequence', () => Int, { nullable: true }) _afterSequence?: number | null,
  ): StatusEventView {
    return unwrap(delivery);
  }
}

/**
 * An event's view; a change of the agents the subscriber may see comes as an error of code
 * VIEW_CHANGED in the stream, which goes on: a board loads again (the agents who left it are
 * mentioned by no later event).
 */
const unwrap = (delivery: PresenceDelivery | PresenceViewChanged): StatusEventView => {
  if ('viewChanged' in delivery) {
    throw new GraphQLError('The agents you may see changed: load the board again (agentPresences)', { extensions: { code: 'VIEW_CHANGED' } });
  }
  return delivery.event;
};

/**
 * Resolves each agentStatusChanged event synchronously. type-graphql resolves a field's arguments
 * asynchronously (even with validation off), so every event would execute as a promise that each
 * of thousands of sockets must await; the arguments matter only to `subscribe` (still guarded), so
 * the event's resolve is the plain unwrap.
 */
export function resolvePresenceEventsSynchronously(schema: GraphQLSchema): void {
  schema.getSubscriptionType()!.getFields().agentStatusChanged.resolve = unwrap;
}
