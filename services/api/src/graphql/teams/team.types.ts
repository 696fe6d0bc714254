import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Team', { simpleResolvers: true })
export class TeamType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  createdAt: Date;
}
