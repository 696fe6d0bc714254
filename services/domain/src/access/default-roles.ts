import type { AccessLevel, PermissionKey, PermissionScope } from './permission-catalogue';
import { PERMISSIONS } from './permission-catalogue';

export const DEFAULT_ROLE_KEYS = ['ADMIN', 'MANAGER', 'MANAGER_DATA', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'AGENT'] as const;
export type DefaultRoleKey = (typeof DEFAULT_ROLE_KEYS)[number];

export interface PermissionGrant {
  permission: PermissionKey;
  access: AccessLevel;
  scope: PermissionScope;
}

export interface DefaultRoleDefinition {
  key: DefaultRoleKey;
  name: string;
  label: string;
  color: string;
  /** Admin and Agent are fixed; the manager roles' permissions can be edited. */
  permissionsEditable: boolean;
  grants: PermissionGrant[];
  /** Default roles that holders may assign to others (with Edit User). */
  assignable: DefaultRoleKey[];
}

const edit = (permission: PermissionKey, scope: PermissionScope = 'ALL'): PermissionGrant => ({ permission, access: 'EDIT', scope });
const view = (permission: PermissionKey, scope: PermissionScope = 'ALL'): PermissionGrant => ({ permission, access: 'VIEW', scope });
const teams = 'ASSIGNED_TEAMS' as const;

const USER_FIELD_EDITS: PermissionKey[] = [
  'users.edit.email',
  'users.edit.agentId',
  'users.edit.name',
  'users.edit.alias',
  'users.edit.status',
  'users.edit.location',
  'users.edit.chatConcurrency',
  'users.edit.roles',
  'users.edit.teams',
];

/** The six roles every tenant has, with permission sets following the product documentation. */
export const DEFAULT_ROLES: DefaultRoleDefinition[] = [
  {
    key: 'ADMIN',
    name: 'Admin',
    label: 'Admin',
    color: '#b91c1c',
    permissionsEditable: false,
    // Full access to every setting, monitoring and reporting; no agent adapter.
    grants: PERMISSIONS.filter((p) => p.licenseClass !== 'AGENT').map((p) => edit(p.key)),
    assignable: [...DEFAULT_ROLE_KEYS],
  },
  {
    key: 'MANAGER',
    name: 'Manager',
    label: 'Manager',
    color: '#1d4ed8',
    permissionsEditable: true,
    // Monitoring, dashboards and queues of the teams they manage only.
    grants: [view('monitoring.agents', teams), edit('dashboards', teams), view('queues', teams), view('teams', teams), edit('users.view', teams)],
    assignable: [],
  },
  {
    key: 'MANAGER_DATA',
    name: 'Manager Data',
    label: 'Mgr Data',
    color: '#7c3aed',
    permissionsEditable: true,
    // Team monitoring plus queue assignment for their teams, dashboards for all teams.
    grants: [edit('monitoring.agents', teams), edit('dashboards'), edit('queues', teams), view('teams', teams), edit('users.view', teams)],
    assignable: [],
  },
  {
    key: 'MANAGER_TEAMS',
    name: 'Manager Teams',
    label: 'Mgr Teams',
    color: '#0f766e',
    permissionsEditable: true,
    // Adds, assigns and deactivates users of their own teams.
    grants: [
      edit('monitoring.agents', teams),
      edit('dashboards', teams),
      edit('queues', teams),
      edit('teams', teams),
      edit('users.view', teams),
      edit('users.create', teams),
      edit('users.edit', teams),
      edit('users.deactivate', teams),
      edit('users.edit.teams', teams),
      edit('users.edit.name', teams),
      edit('users.edit.alias', teams),
    ],
    assignable: ['AGENT'],
  },
  {
    key: 'MANAGER_ADMIN',
    name: 'Manager Admin',
    label: 'Mgr Admin',
    color: '#c2410c',
    permissionsEditable: true,
    // Full agent & team settings and monitoring of everyone.
    grants: [
      edit('monitoring.agents'),
      edit('dashboards'),
      edit('queues'),
      edit('teams'),
      edit('users.view'),
      edit('users.create'),
      edit('users.edit'),
      edit('users.deactivate'),
      edit('users.bulk'),
      ...USER_FIELD_EDITS.map((p) => edit(p)),
      view('agentStatuses'),
    ],
    assignable: ['AGENT', 'MANAGER', 'MANAGER_DATA', 'MANAGER_TEAMS'],
  },
  {
    key: 'AGENT',
    name: 'Agent',
    label: 'Agent',
    color: '#15803d',
    permissionsEditable: false,
    // The only role with the agent adapter.
    grants: [edit('adapter.work'), edit('adapter.status'), edit('adapter.alias')],
    assignable: [],
  },
];

/** The definition of a default role by key. */
export function defaultRole(key: DefaultRoleKey): DefaultRoleDefinition {
  const role = DEFAULT_ROLES.find((r) => r.key === key);
  if (!role) throw new Error(`Unknown default role ${key}`);
  return role;
}
