import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Tenant, licenseType, type SignedIn, type User } from '@switchboard/domain';
import { AuthPayloadType, MeType } from './auth.types';
import { UserType } from '../users/user.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver()
export class AccountResolver {
  @Query(() => MeType, { description: 'Who is calling and what they may do' })
  async me(@Ctx() context: Context): Promise<MeType> {
    const actor = actorOf(context);
    const [user, tenant] = await Promise.all([
      context.services.users.me(actor),
      context.services.db.getRepository(Tenant).findOneByOrFail({ id: actor.tenantId }),
    ]);
    const permissions = [...actor.permissions.values()].map(({ permission, access, scope }) => ({ permission, access, scope }));
    return {
      user,
      apiCredentialId: actor.credentialId,
      tenant,
      licenseType: licenseType(actor.permissions.keys()),
      permissions,
    };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session' })
  async logout(@Ctx() context: Context): Promise<boolean> {
    await context.services.auth.logout(actorOf(context));
    return true;
  }

  @Mutation(() => AuthPayloadType, { description: 'Changes your password; all your other sessions end' })
  changePassword(
    @Ctx() context: Context,
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
  ): Promise<SignedIn> {
    return context.services.auth.changePassword(actorOf(context), currentPassword, newPassword);
  }

  @Mutation(() => UserType, { description: 'Lifts a sign-in lock before it runs out' })
  unlockUser(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<User> {
    return context.services.auth.unlockUser(actorOf(context), id);
  }
}
