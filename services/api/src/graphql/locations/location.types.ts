import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Location', { simpleResolvers: true })
export class LocationType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Default language of the agent adapter (BCP 47)' })
  language: string;
}
