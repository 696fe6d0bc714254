import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { STATUS_AVAILABILITIES, SYSTEM_STATUS_KEYS, type StatusAvailability, type SystemStatusKey } from '@switchboard/domain';
import { UserType } from '../users/user.types';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const SystemStatusKeyEnum = enumOf(SYSTEM_STATUS_KEYS);
export const StatusAvailabilityEnum = enumOf(STATUS_AVAILABILITIES);
registerEnumType(SystemStatusKeyEnum, { name: 'SystemStatusKey', description: 'The six statuses every tenant has' });
registerEnumType(StatusAvailabilityEnum, { name: 'StatusAvailability', description: 'Whether time in a status counts as available' });

@ObjectType('AgentStatus', { simpleResolvers: true, description: 'An entry of the status catalogue: a system status or a custom one' })
export class AgentStatusType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: '#rrggbb' })
  color: string;

  @Field(() => SystemStatusKeyEnum, { nullable: true, description: 'Set for system statuses, null for custom ones' })
  systemKey: SystemStatusKey | null;

  @Field(() => StatusAvailabilityEnum)
  availability: StatusAvailability;

  @Field({ description: 'Whether agents may choose it with setMyStatus (never Special Task, In Call, In Chat or Offline)' })
  agentSelectable: boolean;

  @Field(() => Int)
  position: number;

  @Field(() => Date, { nullable: true, description: 'Archived statuses are kept for history and can no longer be chosen' })
  archivedAt: Date | null;
}

@ObjectType('AgentPresenceState', { simpleResolvers: true, description: "One agent's current presence" })
export class AgentPresenceStateType {
  @Field(() => ID)
  userId: string;

  statusId: string;

  @Field(() => Date)
  since: Date;

  @Field(() => Int, { description: 'Tenant sequence number of the change that set this status' })
  sequence: number;

  @Field(() => Date, { nullable: true })
  lastHeartbeatAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the agent was put Offline (heartbeat timeout, logged out by a supervisor)' })
  offlineReason: string | null;
}

@ObjectType('AgentPresence', { simpleResolvers: true, description: "A row of the supervisors' board" })
export class AgentPresenceType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => AgentStatusType)
  status: AgentStatusType;

  @Field(() => Date)
  since: Date;

  @Field(() => Int)
  sequence: number;

  @Field(() => String, { nullable: true })
  offlineReason: string | null;
}

@ObjectType('AgentStatusEvent', { simpleResolvers: true, description: 'One status change of an agent' })
export class AgentStatusEventType {
  @Field(() => Int, { description: 'Increases by one per change within the tenant: a gap means missed events' })
  sequence: number;

  @Field(() => UserType)
  user: UserType;

  @Field(() => AgentStatusType)
  status: AgentStatusType;

  @Field(() => AgentStatusType, { nullable: true })
  previousStatus: AgentStatusType | null;

  @Field(() => Date)
  since: Date;

  @Field(() => UserType, { nullable: true, description: 'The person who made the change; null for integrations and the heartbeat timeout' })
  changedBy: UserType | null;

  @Field(() => ID, { nullable: true, description: 'The API credential (integration) that made the change' })
  changedByCredentialId: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType('TimeInStatus', { simpleResolvers: true })
export class TimeInStatusType {
  @Field(() => AgentStatusType)
  status: AgentStatusType;

  @Field(() => Int)
  seconds: number;
}

@ObjectType('AgentStatusHistory', { simpleResolvers: true })
export class AgentStatusHistoryType {
  @Field(() => [AgentStatusEventType], { description: 'Changes in the range, oldest first (at most 5000)' })
  events: AgentStatusEventType[];

  @Field(() => Boolean, { description: 'The range holds more than the 5000 changes events lists; timeInStatus counts them all' })
  truncated: boolean;

  @Field(() => [TimeInStatusType], { description: 'Time in each status within the range (up to now), most first' })
  timeInStatus: TimeInStatusType[];
}

@InputType()
export class AgentPresenceFilterInput {
  @Field(() => ID, { nullable: true, description: 'Agents of this team and its sub-teams' })
  teamId?: string | null;

  @Field(() => [ID], { nullable: true })
  statusIds?: string[] | null;
}

@InputType()
export class CreateAgentStatusInput {
  @Field()
  name: string;

  @Field()
  color: string;

  @Field(() => StatusAvailabilityEnum)
  availability: StatusAvailability;

  @Field(() => Boolean, { nullable: true, description: 'Default true' })
  agentSelectable?: boolean | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}

@InputType()
export class UpdateAgentStatusInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => StatusAvailabilityEnum, { nullable: true, description: 'Custom statuses only' })
  availability?: StatusAvailability | null;

  @Field(() => Boolean, { nullable: true, description: 'Custom statuses only' })
  agentSelectable?: boolean | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}
