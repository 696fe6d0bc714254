import DataLoader from 'dataloader';
import {
  unauthenticated,
  type Actor,
  type AgentStatus,
  type BulkJobPeople,
  type Location,
  type Logger,
  type MemberCountKey,
  type Role,
  type RolePermission,
  type Team,
  type TeamMember,
  type TeamPlacement,
  type User,
} from '@switchboard/domain';
import type { Services } from './services';

/** Per-request batch loaders: a field resolver never queries per row. */
export interface Loaders {
  rolesOfUser: DataLoader<string, Role[]>;
  teamsOfUser: DataLoader<string, TeamPlacement[]>;
  location: DataLoader<string, Location | null>;
  team: DataLoader<string, Team | null>;
  permissionsOfRole: DataLoader<string, RolePermission[]>;
  assignableRolesOfRole: DataLoader<string, Role[]>;
  userCountOfRole: DataLoader<string, number>;
  foundingAdminOfTenant: DataLoader<string, string | null>;
  membersOfTeam: DataLoader<string, TeamMember[]>;
  childrenOfTeam: DataLoader<string, Team[]>;
  memberCountOfTeam: DataLoader<MemberCountKey, number, string>;
  usersOfQueue: DataLoader<string, User[]>;
  teamsOfQueue: DataLoader<string, Team[]>;
  agentCountOfQueue: DataLoader<string, number>;
  agentStatus: DataLoader<string, AgentStatus | null>;
  bulkJobPeople: DataLoader<string, BulkJobPeople>;
  bulkJobHasErrorLog: DataLoader<string, boolean>;
}

/** What every resolver receives. */
export interface Context {
  /** The caller, or null before sign-in (only public operations run then). */
  actor: Actor | null;
  services: Services;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  userAgent?: string;
}

/** Loaders bound to the caller's tenant (and, where what they list depends on it, to the caller); empty when no one is signed in. */
export function createLoaders(services: Services, actor: Actor | null): Loaders {
  const relations = services.userRelations;
  const tenant = actor?.tenantId ?? '00000000-0000-0000-0000-000000000000';
  return {
    rolesOfUser: new DataLoader((ids) => relations.rolesOfUsers(tenant, ids)),
    teamsOfUser: new DataLoader((ids) => relations.teamsOfUsers(tenant, ids)),
    location: new DataLoader((ids) => relations.locationsByIds(tenant, ids)),
    team: new DataLoader((ids) => relations.teamsByIds(tenant, ids)),
    permissionsOfRole: new DataLoader((ids) => relations.permissionsOfRoles(tenant, ids)),
    assignableRolesOfRole: new DataLoader((ids) => relations.assignableRolesOfRoles(tenant, ids)),
    userCountOfRole: new DataLoader((ids) => relations.userCountsOfRoles(tenant, ids)),
    foundingAdminOfTenant: new DataLoader((ids) => relations.foundingAdminsOfTenants(ids)),
    membersOfTeam: new DataLoader((ids) => (actor ? services.teamRelations.membersOfTeams(actor, ids) : Promise.resolve(ids.map(() => [])))),
    childrenOfTeam: new DataLoader((ids) => services.teamRelations.childrenOfTeams(tenant, ids)),
    memberCountOfTeam: new DataLoader((keys) => services.teamRelations.memberCounts(tenant, keys), {
      cacheKeyFn: (key) => `${key.teamId}:${key.includeSubteams}`,
    }),
    usersOfQueue: new DataLoader((ids) => (actor ? services.queueRelations.usersOfQueues(actor, ids) : Promise.resolve(ids.map(() => [])))),
    teamsOfQueue: new DataLoader((ids) => services.queueRelations.teamsOfQueues(tenant, ids)),
    agentCountOfQueue: new DataLoader((ids) => services.queueRelations.agentCounts(tenant, ids)),
    agentStatus: new DataLoader((ids) => services.agentStatuses.byIds(tenant, ids)),
    bulkJobPeople: new DataLoader((ids) => services.bulkJobs.people(tenant, ids)),
    bulkJobHasErrorLog: new DataLoader((ids) => services.bulkJobs.haveErrorLogs(tenant, ids)),
  };
}

/** The signed-in caller; UNAUTHENTICATED when there is none (what @Authorized resolver classes check first). */
export function actorOf(context: Context): Actor {
  if (!context.actor) throw unauthenticated('Sign in, or send a valid API credential, to call this');
  return context.actor;
}

/** The request's loaders, for a signed-in caller only: the sign-in check of field resolvers outside an @Authorized class. */
export function loadersOf(context: Context): Loaders {
  actorOf(context);
  return context.loaders;
}
