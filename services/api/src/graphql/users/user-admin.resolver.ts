import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { User } from '@switchboard/domain';
import { UserType } from './user.types';
import { CloneUserInput, CreateUserInput, UpdateUserInput } from './user-admin.inputs';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => UserType)
export class UserAdminResolver {
  @Mutation(() => UserType, { description: 'Adds a user as INVITED and emails them an invitation link' })
  createUser(@Ctx() context: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<User> {
    return context.services.userAdmin.create(actorOf(context), input);
  }

  @Mutation(() => UserType, { description: 'Changes a user; send the version you read (a stale one is a CONFLICT)' })
  updateUser(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Arg('version', () => Int) version: number,
  ): Promise<User> {
    return context.services.userAdmin.update(actorOf(context), id, input, version);
  }

  @Mutation(() => UserType, { description: 'Adds an invited user with the roles, teams, location, skills and chat settings of another' })
  cloneUser(@Ctx() context: Context, @Arg('id', () => ID) id: string, @Arg('input', () => CloneUserInput) input: CloneUserInput): Promise<User> {
    return context.services.userAdmin.clone(actorOf(context), id, input);
  }

  @Mutation(() => [UserType], {
    description: 'Deactivates users: signed out at once, removed from teams and individually assigned queues; their history stays',
  })
  deactivateUsers(@Ctx() context: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<User[]> {
    return context.services.userAdmin.deactivate(actorOf(context), ids);
  }

  @Mutation(() => [UserType], { description: 'Reactivates users with their old password (no email); they must be added to teams again' })
  reactivateUsers(@Ctx() context: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<User[]> {
    return context.services.userAdmin.reactivate(actorOf(context), ids);
  }

  @Mutation(() => Boolean, { description: 'Sends an invited user a new link; the previous link stops working' })
  async resendInvitation(@Ctx() context: Context, @Arg('userId', () => ID) userId: string): Promise<boolean> {
    await context.services.invitations.resend(actorOf(context), userId);
    return true;
  }

  @FieldResolver(() => Boolean, { description: 'The first admin of the tenant: cannot be deactivated or lose the Admin role' })
  async isFoundingAdmin(@Root() user: User, @Ctx() context: Context): Promise<boolean> {
    return (await context.loaders.foundingAdminOfTenant.load(user.tenantId)) === user.id;
  }
}
