import type { DataSource } from 'typeorm';
import {
  AuditService,
  AuthService,
  InvitationsService,
  UserAdminService,
  LocationsService,
  QueueAssignmentsService,
  QueueRelations,
  QueuesService,
  RoleAdminService,
  RolesService,
  TeamMembershipsService,
  TeamRelations,
  TeamsService,
  UserRelations,
  UsersService,
  AgentStatusesService,
  PresenceHub,
  PresenceReads,
  PresenceService,
  BulkExportService,
  BulkJobsService,
  type BulkJobDispatcher,
  type Config,
  type EmailDispatcher,
  type EventBus,
} from '@switchboard/domain';

/** The domain services the api calls, built once per process. */
export interface Services {
  db: DataSource;
  bulkJobs: BulkJobsService;
  bulkExport: BulkExportService;
  events: EventBus;
  audit: AuditService;
  auth: AuthService;
  users: UsersService;
  userAdmin: UserAdminService;
  invitations: InvitationsService;
  userRelations: UserRelations;
  teams: TeamsService;
  roles: RolesService;
  roleAdmin: RoleAdminService;
  locations: LocationsService;
  queues: QueuesService;
  teamMemberships: TeamMembershipsService;
  teamRelations: TeamRelations;
  queueAssignments: QueueAssignmentsService;
  queueRelations: QueueRelations;
  agentStatuses: AgentStatusesService;
  presence: PresenceService;
  presenceReads: PresenceReads;
  /** This process's live presence subscriptions; started by the server. */
  presenceHub: PresenceHub;
}

/** Builds the services over one DataSource and one event bus. */
export function createServices(db: DataSource, config: Config, events: EventBus, emails: EmailDispatcher, bulk: BulkJobDispatcher): Services {
  const auth = new AuthService(db, config, events);
  const presenceReads = new PresenceReads(db);
  return {
    db,
    bulkJobs: new BulkJobsService(db, events, bulk),
    bulkExport: new BulkExportService(db),
    events,
    audit: new AuditService(db),
    auth,
    users: new UsersService(db),
    userAdmin: new UserAdminService(db, config, auth, events, emails),
    invitations: new InvitationsService(db, config, auth, emails),
    userRelations: new UserRelations(db),
    teams: new TeamsService(db),
    roles: new RolesService(db),
    roleAdmin: new RoleAdminService(db, events),
    locations: new LocationsService(db),
    queues: new QueuesService(db),
    teamMemberships: new TeamMembershipsService(db),
    teamRelations: new TeamRelations(db),
    queueAssignments: new QueueAssignmentsService(db),
    queueRelations: new QueueRelations(db),
    agentStatuses: new AgentStatusesService(db),
    presence: new PresenceService(db, events, config.presenceHeartbeatTimeoutSeconds),
    presenceReads,
    presenceHub: new PresenceHub(db, events, presenceReads),
  };
}
