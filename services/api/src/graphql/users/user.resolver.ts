import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { USER_PROPERTIES, licenseType, type Location, type Role, type TeamPlacement, type User, type UserProperty } from '@switchboard/domain';
import { TeamPlacementType, UserConnection, UserFilterInput, UserType } from './user.types';
import { LocationType } from '../locations/location.types';
import { RoleType } from '../roles/role.types';
import { LicenseTypeEnum } from '../common/enums';
import { PageArgs } from '../common/page.args';
import { toConnection, type ConnectionShape } from '../common/connection.types';
import { selectedFieldNames } from '../common/selected-fields';
import { actorOf, loadersOf, type Context, type Loaders } from '../../context';

/** A user as field resolvers get it: rows of a users page also carry the relations the query selects. */
interface UserRow extends User {
  roles?: Role[];
  teams?: TeamPlacement[];
}

@Authorized()
@Resolver()
export class UserResolver {
  @Query(() => UserConnection, {
    description: 'Users the caller may see, by email',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (args.first ?? 50),
  })
  async users(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => UserFilterInput, { nullable: true }) filter?: UserFilterInput,
  ): Promise<ConnectionShape<User>> {
    const fields = selectedFieldNames(info, ['edges', 'node']);
    const result = await context.services.users.list(actorOf(context), filter ?? {}, page, propertiesRead(fields));
    await attachRelations(result.nodes, fields, context.loaders);
    return toConnection(result);
  }

  @Query(() => UserType)
  user(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<User> {
    return context.services.users.get(actorOf(context), id);
  }
}

/**
 * What of a user row the field resolvers below read, for a users page to read no more. Keep in step
 * with them, and list any field resolver of User named like a property: another field (such as
 * isFoundingAdmin) makes the page read every property, which is slower but right.
 */
const PROPERTIES_READ_BY = new Map<string, readonly UserProperty[]>([
  ['roles', ['id']],
  ['teams', ['id']],
  ['location', ['locationId', 'location']],
  ['licenseType', ['id']],
]);

/**
 * A user's fields, resolved for every row of a page. Not under a class-level @Authorized: type-graphql
 * would run its (asynchronous) auth middleware once per field per row; loadersOf checks sign-in instead.
 */
@Resolver(() => UserType)
export class UserFieldsResolver {
  @FieldResolver(() => [RoleType])
  roles(@Root() user: UserRow, @Ctx() context: Context): Role[] | Promise<Role[]> {
    const loaders = loadersOf(context);
    return user.roles ?? loaders.rolesOfUser.load(user.id);
  }

  @FieldResolver(() => [TeamPlacementType], { description: 'Teams the user is directly in, as member or manager' })
  teams(@Root() user: UserRow, @Ctx() context: Context): TeamPlacement[] | Promise<TeamPlacement[]> {
    const loaders = loadersOf(context);
    return user.teams ?? loaders.teamsOfUser.load(user.id);
  }

  @FieldResolver(() => LocationType, { nullable: true })
  location(@Root() user: User, @Ctx() context: Context): Promise<Location | null> | Location | null {
    const loaders = loadersOf(context);
    // The users page reads each row's location with it; other users' locations load in one batch.
    if (user.location !== undefined) return user.location;
    return user.locationId ? loaders.location.load(user.locationId) : null;
  }

  @FieldResolver(() => LicenseTypeEnum, { description: 'Derived from the permissions of all the user’s roles' })
  async licenseType(@Root() user: User, @Ctx() context: Context): Promise<string> {
    const loaders = loadersOf(context);
    const roles = await loaders.rolesOfUser.load(user.id);
    const grants = await loaders.permissionsOfRole.loadMany(roles.map((r) => r.id));
    return licenseType(grants.flatMap((g) => (Array.isArray(g) ? g.map((p) => p.permission) : [])));
  }
}

/**
 * Loads a page's roles and teams before its rows are resolved, when the query selects them (one batch
 * each, as the field resolvers would): each row then resolves without a promise, which the executor
 * would otherwise await per row and per edge.
 */
async function attachRelations(users: UserRow[], selected: Set<string>, loaders: Loaders): Promise<void> {
  const ids = users.map((user) => user.id);
  const [roles, teams] = await Promise.all([
    selected.has('roles') ? Promise.all(ids.map((id) => loaders.rolesOfUser.load(id))) : null,
    selected.has('teams') ? Promise.all(ids.map((id) => loaders.teamsOfUser.load(id))) : null,
  ]);
  users.forEach((user, i) => {
    if (roles) user.roles = roles[i];
    if (teams) user.teams = teams[i];
  });
}

/**
 * What to read of each user of a page for the node fields a query selects: a plain field reads the
 * property of its name. Undefined, so everything is read, when a field is neither.
 */
function propertiesRead(fields: Set<string>): Set<UserProperty> | undefined {
  const read = new Set<UserProperty>();
  for (const field of fields) {
    if (field === '__typename') continue;
    const properties = PROPERTIES_READ_BY.get(field) ?? (USER_PROPERTIES.includes(field as UserProperty) ? [field as UserProperty] : undefined);
    if (!properties) return undefined;
    for (const property of properties) read.add(property);
  }
  return read;
}
