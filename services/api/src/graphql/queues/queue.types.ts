import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { QueueChannel } from '@switchboard/domain';
import { QueueChannelEnum } from '../common/enums';

@ObjectType('Queue', { simpleResolvers: true })
export class QueueType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => QueueChannelEnum)
  channel: QueueChannel;

  @Field(() => Int, { description: 'Lower is served first' })
  priority: number;

  @Field(() => Int)
  version: number;
}
