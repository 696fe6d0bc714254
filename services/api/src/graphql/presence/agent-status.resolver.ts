import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { locksSupervisorActions, supervisorMaySet, type AgentStatus } from '@switchboard/domain';
import { AgentStatusType, CreateAgentStatusInput, UpdateAgentStatusInput } from './presence.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class AgentStatusResolver {
  @Query(() => [AgentStatusType], { description: 'The status catalogue in display order; any signed-in user may read it' })
  agentStatuses(
    @Ctx() context: Context,
    @Arg('includeArchived', () => Boolean, { nullable: true, defaultValue: false }) includeArchived: boolean,
  ): Promise<AgentStatus[]> {
    return context.services.agentStatuses.list(actorOf(context), includeArchived);
  }

  @Mutation(() => AgentStatusType, { description: 'Creates a custom status; needs "Settings - Agent Statuses" (Edit)' })
  createAgentStatus(@Ctx() context: Context, @Arg('input', () => CreateAgentStatusInput) input: CreateAgentStatusInput): Promise<AgentStatus> {
    return context.services.agentStatuses.create(actorOf(context), input);
  }

  @Mutation(() => AgentStatusType, { description: 'Renames or recolors a status; custom statuses may change every field' })
  updateAgentStatus(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgentStatusInput) input: UpdateAgentStatusInput,
  ): Promise<AgentStatus> {
    return context.services.agentStatuses.update(actorOf(context), id, input);
  }

  @Mutation(() => AgentStatusType, {
    nullable: true,
    description: 'Removes a custom status: archived (kept for history) when ever used, else deleted (returns null)',
  })
  archiveAgentStatus(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<AgentStatus | null> {
    return context.services.agentStatuses.archive(actorOf(context), id);
  }
}

/** What the supervisor rules say of a status, so the console offers only the actions the API accepts. */
@Resolver(() => AgentStatusType)
export class AgentStatusRulesResolver {
  @FieldResolver(() => Boolean, { description: 'Whether a supervisor may put an agent in it with setAgentStatus (not archived, Offline, In Call or In Chat)' })
  supervisorMaySet(@Root() status: AgentStatus): boolean {
    return supervisorMaySet(status);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether supervisors may neither change the status of nor log out an agent in it, until it ends (In Call, In Chat, Offline)',
  })
  locksSupervisorActions(@Root() status: AgentStatus): boolean {
    return locksSupervisorActions(status);
  }
}
