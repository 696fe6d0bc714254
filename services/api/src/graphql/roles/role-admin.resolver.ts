import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AccessExplanation, Role } from '@switchboard/domain';
import { AccessExplanationType, RoleType } from './role.types';
import { RoleInput } from './role.inputs';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class RoleAdminResolver {
  @Mutation(() => RoleType, { description: 'Creates a custom role at the bottom of the list (at most 100 per tenant)' })
  createRole(@Ctx() context: Context, @Arg('input', () => RoleInput) input: RoleInput): Promise<Role> {
    return context.services.roleAdmin.create(actorOf(context), input);
  }

  @Mutation(() => RoleType, {
    description: 'Replaces a role; default roles keep their name, label and color, and Admin and Agent their permissions',
  })
  updateRole(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RoleInput) input: RoleInput,
    @Arg('version', () => Int, { description: 'The version you read; a stale one is refused with CONFLICT' }) version: number,
  ): Promise<Role> {
    return context.services.roleAdmin.update(actorOf(context), id, input, version);
  }

  @Mutation(() => Boolean, { description: 'Deletes a custom role; confirm when users hold it' })
  deleteRole(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('confirm', () => Boolean, { nullable: true, description: 'Required when users or API credentials hold the role' })
    confirm?: boolean | null,
  ): Promise<boolean> {
    return context.services.roleAdmin.delete(actorOf(context), id, confirm === true);
  }

  @Mutation(() => [RoleType], { description: 'Orders the roles as listed; list every role once' })
  reorderRoles(@Ctx() context: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<Role[]> {
    return context.services.roleAdmin.reorder(actorOf(context), ids);
  }

  @Query(() => AccessExplanationType, { description: 'Whether a user holds a permission, and which of their roles grant it' })
  explainAccess(
    @Ctx() context: Context,
    @Arg('userId', () => ID) userId: string,
    @Arg('permission', { description: 'A key of the permission catalogue' }) permission: string,
  ): Promise<AccessExplanation> {
    return context.services.roles.explainAccess(actorOf(context), userId, permission);
  }
}
