import { buildSchema, getMetadataStorage, type AuthChecker } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { actorOf, type Context } from '../context';
import { SessionResolver } from './auth/session.resolver';
import { AccountResolver } from './auth/account.resolver';
import { ApiCredentialResolver } from './auth/api-credential.resolver';
import { UserFieldsResolver, UserResolver } from './users/user.resolver';
import { UserAdminResolver } from './users/user-admin.resolver';
import { InvitationResolver } from './users/invitation.resolver';
import { TeamResolver } from './teams/team.resolver';
import { RoleResolver } from './roles/role.resolver';
import { RoleAdminResolver } from './roles/role-admin.resolver';
import { LocationResolver } from './locations/location.resolver';
import { QueueResolver } from './queues/queue.resolver';
import { TeamAdminResolver } from './teams/team-admin.resolver';
import { QueueAdminResolver } from './queues/queue-admin.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { AgentStatusResolver, AgentStatusRulesResolver } from './presence/agent-status.resolver';
import { PresenceResolver } from './presence/presence.resolver';
import { PresenceSubscriptionResolver, resolvePresenceEventsSynchronously } from './presence/presence-subscription.resolver';
import { BulkJobResolver } from './bulk/bulk.resolver';
import { BulkSubscriptionResolver } from './bulk/bulk-subscription.resolver';

// Resolver classes carry @Authorized(), so a new operation is closed to anonymous callers by default
// (per-row field resolvers outside such a class check sign-in with loadersOf instead).
const requireSignIn: AuthChecker<Context> = ({ context }) => Boolean(actorOf(context));

/** Builds the executable schema from the resolver classes. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      SessionResolver,
      AccountResolver,
      ApiCredentialResolver,
      UserResolver,
      UserFieldsResolver,
      UserAdminResolver,
      InvitationResolver,
      TeamResolver,
      RoleResolver,
      RoleAdminResolver,
      LocationResolver,
      QueueResolver,
      TeamAdminResolver,
      QueueAdminResolver,
      AuditResolver,
      AgentStatusResolver,
      AgentStatusRulesResolver,
      PresenceResolver,
      PresenceSubscriptionResolver,
      BulkJobResolver,
      BulkSubscriptionResolver,
    ],
    authChecker: requireSignIn,
    validate: false,
    // Every subscription brings its own `subscribe` (domain event streams over Redis); type-graphql still requires a pubSub.
    pubSub: { publish: () => undefined, subscribe: () => { throw new Error('Subscriptions use their own subscribe functions'); } },
  });
  refuseGuardedPlainFields();
  resolvePresenceEventsSynchronously(schema);
  return schema;
}

/**
 * Object types declare `simpleResolvers: true`: their plain fields are read as properties, without the
 * per-field wrapper type-graphql would otherwise run for every field of every row (a fifth of a users
 * page's CPU). That also skips @Authorized and @UseMiddleware on such a field, so one is refused here
 * rather than silently ignored; guard a field with a @FieldResolver instead.
 */
function refuseGuardedPlainFields(): void {
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((resolver) => `${resolver.getObjectType?.()?.name}.${resolver.methodName}`));
  for (const field of storage.fields) {
    if (resolved.has(`${field.target.name}.${field.name}`)) continue;
    // @Authorized() with no roles leaves an empty list: any list means the field is guarded.
    if (field.roles !== undefined || field.middlewares?.length) {
      throw new Error(`${field.target.name}.${field.name}: @Authorized or middleware on a plain field is skipped (simpleResolvers); use a @FieldResolver`);
    }
  }
}
