import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '../common/connection.types';

@ObjectType('AuditEvent', { simpleResolvers: true, description: 'One change: who made it, to what, and the fields before and after' })
export class AuditEventType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. user.update, role.create, team.delete' })
  action: string;

  @Field({ description: 'What kind of thing changed: user, role, team, queue, apiCredential, ...' })
  targetType: string;

  @Field(() => ID, { nullable: true })
  targetId: string | null;

  @Field(() => ID, { nullable: true, description: 'The user who made the change, when a person made it' })
  actorUserId: string | null;

  @Field(() => ID, { nullable: true, description: 'The API credential that made the change, when a script made it' })
  actorCredentialId: string | null;

  @Field(() => String, { nullable: true, description: 'The name of the person or API credential that made the change; null once deleted' })
  actorName: string | null;

  @Field(() => String, { nullable: true, description: 'The name of what changed: its current name, or the recorded one once it is gone' })
  targetName: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The changed fields as they were' })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The changed fields as they became' })
  after: Record<string, unknown> | null;

  @Field(() => ID, { nullable: true, description: 'The bulk upload that made the change' })
  bulkJobId: string | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class AuditEventConnection extends Connection(AuditEventType, 'AuditEvent') {}

@InputType()
export class AuditFilterInput {
  @Field(() => String, { nullable: true })
  targetType?: string | null;

  @Field(() => ID, { nullable: true })
  targetId?: string | null;

  @Field(() => ID, { nullable: true })
  actorUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'An action ("user.update") or a prefix ending in a dot ("user.")' })
  action?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive' })
  to?: Date | null;
}
