import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SignedIn } from '@switchboard/domain';
import { AuthPayloadType } from '../auth/auth.types';
import type { Context } from '../../context';

/** Public: the person following an invitation link has no session yet. */
@Resolver()
export class InvitationResolver {
  @Mutation(() => AuthPayloadType, { description: 'Sets your password from an invitation link, activates your account and signs you in' })
  acceptInvitation(
    @Ctx() context: Context,
    @Arg('token', { description: 'The token from the invitation link' }) token: string,
    @Arg('password') password: string,
  ): Promise<SignedIn> {
    return context.services.invitations.accept(token, password, context.userAgent);
  }
}
