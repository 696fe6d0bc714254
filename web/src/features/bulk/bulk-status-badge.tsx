import type { BulkJobStatus } from '../../gql/graphql';
import { STATUS_TONE, STATUS_WORDS } from './bulk-status';
import styles from './bulk.module.css';

/** A job's status in words, tinted by how it went. */
export function BulkStatusBadge({ status }: { status: BulkJobStatus }) {
  return (
    <span className={`badge ${styles.badge}`} data-tone={STATUS_TONE[status]}>
      {STATUS_WORDS[status]}
    </span>
  );
}
