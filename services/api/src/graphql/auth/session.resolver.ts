import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { AuthPayloadType } from './auth.types';
import type { Context } from '../../context';
import type { SignedIn } from '@switchboard/domain';

/** The only public operations: everything else needs a token. */
@Resolver()
export class SessionResolver {
  @Mutation(() => AuthPayloadType, { description: 'Signs in; five failed attempts lock the account' })
  login(
    @Ctx() context: Context,
    @Arg('tenant', { description: 'The tenant slug' }) tenant: string,
    @Arg('email') email: string,
    @Arg('password') password: string,
  ): Promise<SignedIn> {
    return context.services.auth.login({ tenant, email, password, userAgent: context.userAgent });
  }
}
