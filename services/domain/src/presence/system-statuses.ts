import type { StatusAvailability, SystemStatusKey } from './agent-status.entity';

export interface SystemStatusDefinition {
  key: SystemStatusKey;
  name: string;
  color: string;
  availability: StatusAvailability;
  /** In Call and In Chat are set by integrations; Special Task and Offline are never chosen by agents. */
  agentSelectable: boolean;
}

/** The six statuses every tenant has. */
export const SYSTEM_STATUSES: SystemStatusDefinition[] = [
  { key: 'AVAILABLE', name: 'Available', color: '#16a34a', availability: 'AVAILABLE', agentSelectable: true },
  { key: 'UNAVAILABLE', name: 'Unavailable', color: '#dc2626', availability: 'UNAVAILABLE', agentSelectable: true },
  { key: 'IN_CALL', name: 'In Call', color: '#2563eb', availability: 'UNAVAILABLE', agentSelectable: false },
  { key: 'IN_CHAT', name: 'In Chat', color: '#7c3aed', availability: 'UNAVAILABLE', agentSelectable: false },
  { key: 'SPECIAL_TASK', name: 'Special Task', color: '#d97706', availability: 'UNAVAILABLE', agentSelectable: false },
  { key: 'OFFLINE', name: 'Offline', color: '#6b7280', availability: 'UNAVAILABLE', agentSelectable: false },
];
