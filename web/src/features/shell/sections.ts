import type { Viewer } from '../viewer/viewer-provider';

export interface Section {
  href: string;
  label: string;
  /** The permission whose VIEW level shows the section; EDIT enables its changes. */
  permission: string;
}

/** The console's sections in menu order, each shown only to viewers holding its permission. */
export const SECTIONS: readonly Section[] = [
  { href: '/', label: 'Live agents', permission: 'monitoring.agents' },
  { href: '/users', label: 'Users', permission: 'users.view' },
  { href: '/teams', label: 'Teams', permission: 'teams' },
  { href: '/roles', label: 'Roles & permissions', permission: 'roles' },
  { href: '/bulk', label: 'Bulk user management', permission: 'users.bulk' },
  { href: '/statuses', label: 'Agent statuses', permission: 'agentStatuses' },
  { href: '/queues', label: 'Queues', permission: 'queues' },
  { href: '/credentials', label: 'API credentials', permission: 'apiCredentials' },
  { href: '/audit', label: 'Audit log', permission: 'auditLog' },
];

/** The sections this viewer may open. */
export function visibleSections(viewer: Pick<Viewer, 'can'>): Section[] {
  return SECTIONS.filter((section) => viewer.can(section.permission));
}
