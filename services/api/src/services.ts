import type { DataSource } from 'typeorm';
import {
  AuthService,
  LocationsService,
  QueuesService,
  RolesService,
  TeamsService,
  UserRelations,
  UsersService,
  type Config,
  type EventBus,
} from '@switchboard/domain';

/** The domain services the api calls, built once per process. */
export interface Services {
  db: DataSource;
  events: EventBus;
  auth: AuthService;
  users: UsersService;
  userRelations: UserRelations;
  teams: TeamsService;
  roles: RolesService;
  locations: LocationsService;
  queues: QueuesService;
}

/** Builds the services over one DataSource and one event bus. */
export function createServices(db: DataSource, config: Config, events: EventBus): Services {
  return {
    db,
    events,
    auth: new AuthService(db, config, events),
    users: new UsersService(db),
    userRelations: new UserRelations(db),
    teams: new TeamsService(db),
    roles: new RolesService(db),
    locations: new LocationsService(db),
    queues: new QueuesService(db),
  };
}
