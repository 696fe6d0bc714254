import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiCredential } from '@switchboard/domain';
import { ApiCredentialType, CreatedApiCredentialType } from './auth.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => ApiCredentialType)
export class ApiCredentialResolver {
  @Query(() => [ApiCredentialType], { description: 'API credentials, newest first' })
  apiCredentials(@Ctx() context: Context): Promise<ApiCredential[]> {
    return context.services.auth.listApiCredentials(actorOf(context));
  }

  @Mutation(() => CreatedApiCredentialType, {
    description: 'Creates a credential for scripts; it acts with the given roles (Admin when none)',
  })
  async createApiCredential(
    @Ctx() context: Context,
    @Arg('name') name: string,
    @Arg('roleIds', () => [ID], { nullable: true }) roleIds?: string[],
  ): Promise<CreatedApiCredentialType> {
    const { credential, secret } = await context.services.auth.createApiCredential(actorOf(context), name, roleIds);
    return { id: credential.id, name: credential.name, secret };
  }

  @Mutation(() => ApiCredentialType, { description: 'Revokes a credential; its secret stops working at once' })
  revokeApiCredential(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<ApiCredential> {
    return context.services.auth.revokeApiCredential(actorOf(context), id);
  }
}
