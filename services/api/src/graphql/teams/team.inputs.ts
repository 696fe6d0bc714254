import { Field, ID, InputType } from 'type-graphql';

@InputType('CreateTeamInput')
export class CreateTeamInput {
  @Field({ description: '1 to 100 characters, no ":", unique among its siblings ignoring case' })
  name: string;

  @Field(() => ID, { nullable: true, description: 'The parent team; a top-level team when omitted' })
  parentId?: string | null;
}

@InputType('UpdateTeamInput', { description: 'Rename and/or move a team; omitted fields stay as they are' })
export class UpdateTeamInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move under this team (not the team itself or one of its sub-teams)' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Move to the top level' })
  moveToTop?: boolean | null;
}
