import { Init1795475783371 } from './1795475783371-init';
import { RecordPresenceChanges1795665467172 } from './1795665467172-record-presence-changes';
import { PresenceAccessMark1795706681445 } from './1795706681445-presence-access-mark';
import { BulkPreviewFields1795790512384 } from './1795790512384-bulk-preview-fields';

/** Every migration, oldest first; the DataSource runs them in this order. */
export const MIGRATIONS: Function[] = [
  Init1795475783371,
  RecordPresenceChanges1795665467172,
  PresenceAccessMark1795706681445,
  BulkPreviewFields1795790512384,
];
