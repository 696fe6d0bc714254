'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import type { BulkJobStatus } from '../../gql/graphql';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { Pager, useCursorPages } from './cursor-pages';
import { errorLogUrl } from './bulk-files';
import { BulkHistoryQuery } from './bulk.operations';
import { BulkStatusBadge } from './bulk-status-badge';
import { isUnderWay, STATUS_WORDS } from './bulk-status';
import { formatDateTime } from './format-date-time';
import { useBulkDownload } from './use-bulk-download';
import styles from './bulk.module.css';

const PAGE_SIZE = 20;
/** How often the history is read again while a job it lists is under way. */
const REFRESH_EVERY_MS = 2500;

/** Midnight at the start of a yyyy-mm-dd day in the viewer's time zone, `days` later. */
function startOfDay(day: string, days = 0): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days);
}

/** The upload history ("Track upload status"): newest first, filtered by upload date and status, paged. */
export function BulkHistory() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState<BulkJobStatus | ''>('');
  const pages = useCursorPages();
  const rangeError = from && to && to < from ? 'The end date is before the start date' : null;
  const filter = {
    from: from ? startOfDay(from).toISOString() : null,
    // Inclusive of the whole last day: the API's `to` is exclusive.
    to: to ? startOfDay(to, 1).toISOString() : null,
    status: status || null,
  };
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: BulkHistoryQuery,
    variables: { filter, first: PAGE_SIZE, after: pages.after },
    pause: rangeError !== null,
  });
  const changeFilter = (apply: () => void) => {
    apply();
    pages.reset();
  };
  const jobs = data?.bulkJobs.edges.map((edge) => edge.node) ?? [];
  const filtered = Boolean(from || to || status);
  const { buttonFor, error: downloadError } = useBulkDownload();

  // Jobs validate and apply on their own: while one listed is under way, its status (and counts) must move.
  const anyUnderWay = jobs.some((job) => isUnderWay(job.status));
  // The next read is asked once the last one answered (never two at once), and not while the tab is hidden.
  useEffect(() => {
    if (!anyUnderWay || fetching) return;
    let timer: ReturnType<typeof setTimeout>;
    const readLater = () => {
      timer = setTimeout(() => (document.hidden ? readLater() : reexecute({ requestPolicy: 'network-only' })), REFRESH_EVERY_MS);
    };
    readLater();
    return () => clearTimeout(timer);
  }, [anyUnderWay, fetching, data, reexecute]);

  return (
    <section className="panel" aria-labelledby="bulk-history-title">
      <h2 id="bulk-history-title">Upload history</h2>
      <div className={styles.filters} role="group" aria-label="Filter the upload history">
        <div>
          <Field label="Uploaded from" type="date" value={from} max={to || undefined} onChange={(e) => changeFilter(() => setFrom(e.target.value))} />
        </div>
        <div>
          <Field label="Uploaded to" type="date" value={to} min={from || undefined} error={rangeError} onChange={(e) => changeFilter(() => setTo(e.target.value))} />
        </div>
        <div>
          <label htmlFor="bulk-history-status">Status</label>
          <select id="bulk-history-status" value={status} onChange={(e) => changeFilter(() => setStatus(e.target.value as BulkJobStatus | ''))}>
            <option value="">All statuses</option>
            {(Object.keys(STATUS_WORDS) as BulkJobStatus[]).map((key) => (
              <option key={key} value={key}>
                {STATUS_WORDS[key]}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button
            type="button"
            className="small"
            onClick={() =>
              changeFilter(() => {
                setFrom('');
                setTo('');
                setStatus('');
              })
            }
          >
            Clear filters
          </button>
        )}
      </div>
      <ErrorAlert error={error} />
      <ErrorAlert error={downloadError} />
      {!data && fetching && (
        <p className="muted" aria-busy="true">
          Loading the upload history…
        </p>
      )}
      {data && jobs.length === 0 && <p className="muted">{filtered ? 'No uploads match these filters.' : 'No files have been uploaded yet.'}</p>}
      {jobs.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Uploaded files, newest first</caption>
          <thead>
            <tr>
              <th scope="col">File name</th>
              <th scope="col">Uploaded on</th>
              <th scope="col">Uploaded by</th>
              <th scope="col">Rows</th>
              <th scope="col">Changed</th>
              <th scope="col">With errors</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Error log</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <th scope="row" className={styles.rowHeader}>
                  <Link href={`/bulk/${job.id}`}>{job.filename}</Link>
                </th>
                <td>{formatDateTime(job.createdAt)}</td>
                <td>{job.uploadedBy ?? '—'}</td>
                <td>{job.totalRows}</td>
                <td>{job.affectedRows}</td>
                <td>{job.failedRows}</td>
                <td>
                  <BulkStatusBadge status={job.status} />
                </td>
                <td>
                  {/* Warnings too: a job with warnings only has a log worth reading. */}
                  {job.hasErrorLog && (
                    <button className={`small ${styles.nowrap}`} {...buttonFor(errorLogUrl(job.id))} aria-label={`Download the error log of ${job.filename}`}>
                      Error log
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && <Pager label="Upload history pages" pages={pages} pageSize={PAGE_SIZE} totalCount={data.bulkJobs.totalCount} pageInfo={data.bulkJobs.pageInfo} />}
    </section>
  );
}
