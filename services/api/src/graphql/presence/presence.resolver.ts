import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AgentStatus, BoardRow, PresenceView, StatusHistory } from '@switchboard/domain';
import { AgentPresenceFilterInput, AgentPresenceStateType, AgentPresenceType, AgentStatusHistoryType, AgentStatusType } from './presence.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => AgentPresenceStateType)
export class PresenceResolver {
  @FieldResolver(() => AgentStatusType)
  async status(@Root() presence: PresenceView, @Ctx() context: Context): Promise<AgentStatus> {
    return (await context.loaders.agentStatus.load(presence.statusId))!;
  }

  @FieldResolver(() => Int, { description: 'How often a console without an open WebSocket should call heartbeat, in seconds' })
  heartbeatEverySeconds(@Ctx() context: Context): number {
    return context.services.presence.heartbeatEverySeconds();
  }

  @Query(() => AgentPresenceStateType, { nullable: true, description: "The caller's presence, with why they went Offline; null before a first shift" })
  myPresence(@Ctx() context: Context): Promise<PresenceView | null> {
    return context.services.presence.myPresence(actorOf(context));
  }

  @Query(() => [AgentPresenceType], { description: 'The board: agents the caller may see ("Monitoring - Agents" View), by name' })
  agentPresences(
    @Ctx() context: Context,
    @Arg('filter', () => AgentPresenceFilterInput, { nullable: true }) filter?: AgentPresenceFilterInput | null,
  ): Promise<BoardRow[]> {
    return context.services.presenceReads.board(actorOf(context), filter ?? {});
  }

  @Query(() => Int, { description: "The tenant's last presence sequence number: subscribe with it as afterSequence after loading the board" })
  presenceSequence(@Ctx() context: Context): Promise<number> {
    return context.services.presenceReads.currentSequence(actorOf(context).tenantId);
  }

  @Query(() => AgentStatusHistoryType, { description: "An agent's changes in [from, to) and time in each status (at most 31 days)" })
  agentStatusHistory(
    @Ctx() context: Context,
    @Arg('userId', () => ID) userId: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
  ): Promise<StatusHistory> {
    return context.services.presenceReads.history(actorOf(context), userId, from, to);
  }

  @Mutation(() => AgentPresenceStateType, { description: "Starts the agent's shift in the tenant's default status (Unavailable unless configured)" })
  startShift(@Ctx() context: Context): Promise<PresenceView> {
    return context.services.presence.startShift(actorOf(context));
  }

  @Mutation(() => AgentPresenceStateType, { nullable: true, description: "Ends the agent's shift: Offline" })
  endShift(@Ctx() context: Context): Promise<PresenceView | null> {
    return context.services.presence.endShift(actorOf(context));
  }

  @Mutation(() => AgentPresenceStateType, { description: 'Chooses a status agents may choose (needs "Agent Adapter - Set Own Status")' })
  setMyStatus(@Ctx() context: Context, @Arg('statusId', () => ID) statusId: string): Promise<PresenceView> {
    return context.services.presence.setMyStatus(actorOf(context), statusId);
  }

  @Mutation(() => AgentPresenceStateType, { nullable: true, description: 'Keeps an HTTP-only console alive; an open WebSocket counts by itself' })
  heartbeat(@Ctx() context: Context): Promise<PresenceView | null> {
    return context.services.presence.heartbeat(actorOf(context));
  }

  @Mutation(() => AgentPresenceStateType, {
    description:
      "Sets an agent's status: supervisors (\"Monitoring - Agents\" Edit, within scope; refused while In Call, In Chat or Offline) or integrations (API credentials, which alone set In Call and In Chat)",
  })
  setAgentStatus(
    @Ctx() context: Context,
    @Arg('userId', () => ID) userId: string,
    @Arg('statusId', () => ID) statusId: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<PresenceView> {
    return context.services.presence.setAgentStatus(actorOf(context), userId, statusId, reason);
  }

  @Mutation(() => AgentPresenceStateType, { description: 'Logs an agent out (Offline, reason shown to them); refused while In Call, In Chat or Offline' })
  logOutAgent(
    @Ctx() context: Context,
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<PresenceView> {
    return context.services.presence.logOutAgent(actorOf(context), userId, reason);
  }
}
