import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { licenseType, type Location, type Role, type TeamPlacement, type User } from '@switchboard/domain';
import { TeamPlacementType, UserConnection, UserFilterInput, UserType } from './user.types';
import { LocationType } from '../locations/location.types';
import { RoleType } from '../roles/role.types';
import { LicenseTypeEnum } from '../common/enums';
import { PageArgs } from '../common/page.args';
import { toConnection, type ConnectionShape } from '../common/connection.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserConnection, {
    description: 'Users the caller may see, by email',
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (args.first ?? 50),
  })
  async users(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => UserFilterInput, { nullable: true }) filter?: UserFilterInput,
  ): Promise<ConnectionShape<User>> {
    return toConnection(await context.services.users.list(actorOf(context), filter ?? {}, page));
  }

  @Query(() => UserType)
  user(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<User> {
    return context.services.users.get(actorOf(context), id);
  }

  @FieldResolver(() => [RoleType])
  roles(@Root() user: User, @Ctx() context: Context): Promise<Role[]> {
    return context.loaders.rolesOfUser.load(user.id);
  }

  @FieldResolver(() => [TeamPlacementType], { description: 'Teams the user is directly in, as member or manager' })
  teams(@Root() user: User, @Ctx() context: Context): Promise<TeamPlacement[]> {
    return context.loaders.teamsOfUser.load(user.id);
  }

  @FieldResolver(() => LocationType, { nullable: true })
  location(@Root() user: User, @Ctx() context: Context): Promise<Location | null> | null {
    return user.locationId ? context.loaders.location.load(user.locationId) : null;
  }

  @FieldResolver(() => LicenseTypeEnum, { description: 'Derived from the permissions of all the user’s roles' })
  async licenseType(@Root() user: User, @Ctx() context: Context): Promise<string> {
    const roles = await context.loaders.rolesOfUser.load(user.id);
    const grants = await context.loaders.permissionsOfRole.loadMany(roles.map((r) => r.id));
    return licenseType(grants.flatMap((g) => (Array.isArray(g) ? g.map((p) => p.permission) : [])));
  }
}
