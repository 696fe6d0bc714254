import { Field, ID, InputType, Int } from 'type-graphql';
import type { UserStatus } from '@switchboard/domain';
import { UserStatusEnum } from '../common/enums';

@InputType({ description: 'A new user; they are INVITED and get an email with a link to set their password' })
export class CreateUserInput {
  @Field({ description: 'Unique in the tenant, ignoring case' })
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Name shown to customers; empty means "first last"' })
  alias?: string | null;

  @Field(() => String, { nullable: true, description: 'Id in an external system' })
  agentId?: string | null;

  @Field(() => ID, { nullable: true })
  locationId?: string | null;

  @Field(() => [ID], { description: '1 to 10 roles, each one your roles may assign' })
  roleIds: string[];

  @Field(() => [ID], { nullable: true, description: 'Teams the user joins as a member (needs an agent role)' })
  teamIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: "1 to the tenant's maximum; overrides the chat settings" })
  chatConcurrency?: number | null;
}

@InputType({ description: 'Fields to change; a field left out stays as it is, and only changed fields need their edit permission' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Empty or null: back to "first last"' })
  alias?: string | null;

  @Field(() => String, { nullable: true, description: 'Null or empty clears it' })
  agentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Null clears it' })
  locationId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Null clears it (and turns the override off)' })
  chatConcurrency?: number | null;

  @Field(() => Boolean, { nullable: true })
  chatConcurrencyEnabled?: boolean | null;

  @Field(() => [ID], { nullable: true, description: '1 to 10 roles; added roles must be ones your roles may assign' })
  roleIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Every team the user is directly in; teams left out are left, new ones joined as member' })
  teamIds?: string[] | null;

  @Field(() => UserStatusEnum, { nullable: true, description: 'ACTIVE or DEACTIVATED: the same as reactivateUsers / deactivateUsers' })
  status?: UserStatus | null;
}

@InputType({ description: 'The new person; roles, teams, location, skills and chat settings come from the user cloned' })
export class CloneUserInput {
  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Empty means "first last"' })
  alias?: string | null;
}
