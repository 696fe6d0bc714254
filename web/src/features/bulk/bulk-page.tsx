'use client';

import { PageHeader } from '../../ui/page-header';
import { useViewer } from '../viewer/viewer-provider';
import { BulkDownloads } from './bulk-downloads';
import { BulkHistory } from './bulk-history';
import { BulkUpload } from './bulk-upload';
import styles from './bulk.module.css';

/** Bulk user management: download a file, upload it for validation, and follow every upload's status. */
export function BulkPage() {
  const viewer = useViewer();
  return (
    <>
      <PageHeader
        title="Bulk user management"
        description="Create or change many users at once from a CSV, XLSX or JSON file. Only the columns your roles may edit are taken from the file."
      />
      <div className={styles.steps}>
        <BulkDownloads />
        {viewer.can('users.bulk', 'EDIT') && <BulkUpload />}
      </div>
      <BulkHistory />
    </>
  );
}
