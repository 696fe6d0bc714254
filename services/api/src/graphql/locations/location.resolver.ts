import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Location } from '@switchboard/domain';
import { LocationType } from './location.types';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => LocationType)
export class LocationResolver {
  @Query(() => [LocationType])
  locations(@Ctx() context: Context): Promise<Location[]> {
    return context.services.locations.list(actorOf(context));
  }
}
