/** The kinds of things the audit log records changes to, as AuditFilterInput.targetType names them. */
export const TARGET_TYPES: { value: string; label: string; noun: string }[] = [
  { value: 'user', label: 'Users', noun: 'user' },
  { value: 'team', label: 'Teams', noun: 'team' },
  { value: 'role', label: 'Roles', noun: 'role' },
  { value: 'queue', label: 'Queues', noun: 'queue' },
  { value: 'agentStatus', label: 'Agent statuses', noun: 'agent status' },
  { value: 'apiCredential', label: 'API credentials', noun: 'API credential' },
  { value: 'bulk_job', label: 'Bulk uploads', noun: 'bulk upload' },
];

/** Every action the API records, in words; the key's first part is its target type's prefix. */
export const ACTION_LABELS: Record<string, string> = {
  'user.create': 'Added user',
  'user.clone': 'Cloned user',
  'user.update': 'Changed user',
  'user.deactivate': 'Deactivated user',
  'user.reactivate': 'Reactivated user',
  'user.unlock': 'Unlocked sign-in',
  'user.password.change': 'Changed password',
  'user.invitation.resend': 'Resent invitation',
  'user.invitation.accept': 'Accepted invitation',
  'team.create': 'Created team',
  'team.update': 'Changed team',
  'team.delete': 'Deleted team',
  'team.members.add': 'Added team members',
  'team.members.remove': 'Removed team members',
  'role.create': 'Created role',
  'role.update': 'Changed role',
  'role.delete': 'Deleted role',
  'role.reorder': 'Reordered roles',
  'queue.create': 'Created queue',
  'queue.update': 'Changed queue',
  'queue.delete': 'Deleted queue',
  'queue.assign': 'Assigned to queue',
  'queue.unassign': 'Unassigned from queue',
  'agentStatus.create': 'Created status',
  'agentStatus.update': 'Changed status',
  'agentStatus.archive': 'Archived status',
  'agentStatus.delete': 'Deleted status',
  'apiCredential.create': 'Created API credential',
  'apiCredential.revoke': 'Revoked API credential',
  'bulk.upload': 'Uploaded bulk file',
  'bulk.proceed': 'Applied bulk file',
  'bulk.cancel': 'Cancelled bulk job',
};

// Bulk jobs are the one target type whose actions are named differently.
const ACTION_PREFIX: Record<string, string> = { bulk_job: 'bulk.' };

/** The actions recorded for one target type (every action when none is chosen). */
export function actionsOf(targetType: string): string[] {
  const prefix = targetType ? (ACTION_PREFIX[targetType] ?? `${targetType}.`) : '';
  return Object.keys(ACTION_LABELS).filter((action) => action.startsWith(prefix));
}

/** An action in words, or its code when this console does not know it yet. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The word for one thing of a target type ("queue"), as in "changes to this queue". */
export function targetNoun(targetType: string): string {
  return TARGET_TYPES.find((type) => type.value === targetType)?.noun ?? targetType;
}
