'use client';

import { ErrorAlert } from '../../ui/error-alert';
import { useViewer } from '../viewer/viewer-provider';
import { exportUrl, templateUrl, type SheetFormat } from './bulk-files';
import { useBulkDownload } from './use-bulk-download';
import styles from './bulk.module.css';

const FORMATS: SheetFormat[] = ['csv', 'xlsx'];

/** Step 1: the template for new users and the complete list of users to edit, as CSV or XLSX. */
export function BulkDownloads() {
  const viewer = useViewer();
  // The list holds only users the viewer may see, so it needs the user list permission too.
  const canExport = viewer.can('users.view');
  const { buttonFor, error } = useBulkDownload();
  return (
    <section className={`panel ${styles.step}`} aria-labelledby="bulk-step-download">
      <h2 id="bulk-step-download">Step 1: Download a file</h2>
      <p className="muted">
        Fill in the template to add users, or download the complete list of users to change existing ones. Keep the column headers as they are:
        the file has only the columns your roles may edit.
      </p>
      <div className={styles.downloads}>
        <span className="label">Template</span>
        <span className={styles.links}>
          {FORMATS.map((format) => (
            <button key={format} className="small" {...buttonFor(templateUrl(format))}>
              Template ({format.toUpperCase()})
            </button>
          ))}
        </span>
        {canExport && (
          <>
            <span className="label">Complete list of users</span>
            <span className={styles.links}>
              {FORMATS.map((format) => (
                <button key={format} className="small" {...buttonFor(exportUrl(format))}>
                  Complete list of users ({format.toUpperCase()})
                </button>
              ))}
            </span>
          </>
        )}
      </div>
      <ErrorAlert error={error} />
    </section>
  );
}
