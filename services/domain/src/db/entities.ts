import { Tenant } from '../tenants/tenant.entity';
import { User } from '../users/user.entity';
import { Location } from '../locations/location.entity';
import { Team } from '../teams/team.entity';
import { TeamMembership } from '../teams/team-membership.entity';
import { Role } from '../roles/role.entity';
import { RolePermission } from '../roles/role-permission.entity';
import { RoleAssignableRole } from '../roles/role-assignable-role.entity';
import { UserRole } from '../roles/user-role.entity';
import { Queue } from '../queues/queue.entity';
import { QueueAssignment } from '../queues/queue-assignment.entity';
import { Skill } from '../skills/skill.entity';
import { UserSkill } from '../skills/user-skill.entity';
import { AgentStatus } from '../presence/agent-status.entity';
import { AgentPresence } from '../presence/agent-presence.entity';
import { AgentStatusEvent } from '../presence/agent-status-event.entity';
import { BulkJob } from '../bulk/bulk-job.entity';
import { BulkJobError } from '../bulk/bulk-job-error.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { ApiCredential } from '../auth/api-credential.entity';
import { ApiCredentialRole } from '../auth/api-credential-role.entity';
import { Session } from '../auth/session.entity';
import { Invitation } from '../auth/invitation.entity';
import { OutboundEmail } from '../outbox/outbound-email.entity';

/** Every TypeORM entity; the migrations must match them exactly (a test checks). */
export const ENTITIES = [
  Tenant,
  User,
  Location,
  Team,
  TeamMembership,
  Role,
  RolePermission,
  RoleAssignableRole,
  UserRole,
  Queue,
  QueueAssignment,
  Skill,
  UserSkill,
  AgentStatus,
  AgentPresence,
  AgentStatusEvent,
  BulkJob,
  BulkJobError,
  AuditEvent,
  ApiCredential,
  ApiCredentialRole,
  Session,
  Invitation,
  OutboundEmail,
];
