import { Field, InputType, Int } from 'type-graphql';
import type { QueueChannel } from '@switchboard/domain';
import { QueueChannelEnum } from '../common/enums';

@InputType('CreateQueueInput')
export class CreateQueueInput {
  @Field({ description: '1 to 100 characters, unique in the tenant ignoring case' })
  name: string;

  @Field(() => QueueChannelEnum)
  channel: QueueChannel;

  @Field(() => Int, { nullable: true, description: '1 to 1000, lower is served first; 100 when omitted' })
  priority?: number | null;
}

@InputType('UpdateQueueInput', { description: 'Omitted fields stay as they are; team-scoped editors may change the priority only' })
export class UpdateQueueInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => QueueChannelEnum, { nullable: true })
  channel?: QueueChannel | null;

  @Field(() => Int, { nullable: true, description: '1 to 1000, lower is served first' })
  priority?: number | null;
}
