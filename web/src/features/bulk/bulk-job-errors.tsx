'use client';

import { useQuery } from 'urql';
import { ErrorAlert } from '../../ui/error-alert';
import { Pager, useCursorPages } from './cursor-pages';
import { errorLogUrl } from './bulk-files';
import { BulkJobErrorsQuery } from './bulk.operations';
import { useBulkDownload } from './use-bulk-download';
import styles from './bulk.module.css';

const PAGE_SIZE = 25;

/**
 * The job's error log as the seed's Error Log shows it (message, row, column) plus the severity,
 * paged, with the whole log as a CSV download. Row 0 is the file itself.
 */
export function BulkJobErrors({ jobId }: { jobId: string }) {
  const pages = useCursorPages();
  const [{ data, error }] = useQuery({ query: BulkJobErrorsQuery, variables: { id: jobId, first: PAGE_SIZE, after: pages.after } });
  const { buttonFor, error: downloadError } = useBulkDownload();
  const log = data?.bulkJob.errors;
  if (error) return <ErrorAlert error={error} />;
  if (!log || log.totalCount === 0) return null;
  return (
    <section className={`panel ${styles.section}`} aria-labelledby="bulk-errors-title">
      <div className={styles.errorsHeader}>
        <h2 id="bulk-errors-title">Errors and warnings ({log.totalCount})</h2>
        <button className="small" {...buttonFor(errorLogUrl(jobId))}>
          Download error log
        </button>
      </div>
      <ErrorAlert error={downloadError} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Error</th>
            <th scope="col">Severity</th>
          </tr>
        </thead>
        <tbody>
          {log.edges.map(({ node }, index) => (
            <tr key={`${pages.after}-${index}`}>
              <td>{node.row === 0 ? 'File' : node.row}</td>
              <td>{columnText(node)}</td>
              <td>{node.message}</td>
              <td>
                <span className="badge">{node.severity === 'ERROR' ? 'Error' : 'Warning'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Error log pages" pages={pages} pageSize={PAGE_SIZE} totalCount={log.totalCount} pageInfo={log.pageInfo} />
    </section>
  );
}

/** "First name (column 3)": the header as the file has it and where it is. */
function columnText({ column, columnName }: { column?: number | null; columnName?: string | null }): string {
  if (columnName && column) return `${columnName} (column ${column})`;
  return columnName ?? (column ? `Column ${column}` : '—');
}
