import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { UserStatus } from '@switchboard/domain';
import { TeamRoleEnum, UserStatusEnum } from '../common/enums';
import { Connection } from '../common/connection.types';
import { TeamType } from '../teams/team.types';

@ObjectType('User', { simpleResolvers: true })
export class UserType {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field({ description: 'Name shown to customers; defaults to first and last name' })
  alias: string;

  @Field(() => String, { nullable: true, description: 'Id in an external system' })
  agentId: string | null;

  @Field(() => Int, { description: 'Phone extension, unique in the tenant, from 1000' })
  extension: number;

  @Field(() => UserStatusEnum)
  status: UserStatus;

  @Field(() => Int, { nullable: true })
  chatConcurrency: number | null;

  @Field()
  chatConcurrencyEnabled: boolean;

  @Field(() => Date, { nullable: true })
  lastSignInAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set while sign-in is locked after five failed attempts' })
  lockedUntil: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the user was deactivated; null unless DEACTIVATED' })
  deactivatedAt: Date | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  @Field(() => Int, { description: 'Send it back with updates: a stale version is a CONFLICT' })
  version: number;

  locationId: string | null;
}

@ObjectType('TeamPlacement', { simpleResolvers: true, description: "A user's place in one team" })
export class TeamPlacementType {
  @Field(() => TeamType)
  team: TeamType;

  @Field(() => TeamRoleEnum)
  role: string;
}

@ObjectType({ simpleResolvers: true })
export class UserConnection extends Connection(UserType, 'User') {}

@InputType()
export class UserFilterInput {
  @Field(() => String, { nullable: true, description: 'Matches name, alias, email or agent id' })
  text?: string | null;

  @Field(() => [UserStatusEnum], { nullable: true })
  statuses?: UserStatus[] | null;

  @Field(() => ID, { nullable: true })
  teamId?: string | null;

  @Field(() => ID, { nullable: true })
  roleId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Agents not assigned to any queue, directly or through a team' })
  notInQueue?: boolean | null;
}
