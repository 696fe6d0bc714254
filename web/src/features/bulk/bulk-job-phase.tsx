'use client';

import Link from 'next/link';
import { useId, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import type { BulkJobFieldsFragment } from '../../gql/graphql';
import { errorMessage, fieldError } from '../../graphql/error-message';
import { ErrorAlert } from '../../ui/error-alert';
import { useViewer } from '../viewer/viewer-provider';
import { BulkProgressBar } from './bulk-progress-bar';
import { BulkCancelMutation, BulkProceedMutation } from './bulk.operations';
import styles from './bulk.module.css';

/** What the job is doing or did, in the words of its status, with what the viewer can do next. */
export function BulkJobPhase({ job }: { job: BulkJobFieldsFragment }) {
  switch (job.status) {
    case 'CREATED':
    case 'VALIDATING':
      return (
        <Phase title="Checking the file">
          <p role="status">Validating… {job.progress.processed} rows checked so far. Nothing changes until you proceed.</p>
          <JobActions job={job} />
        </Phase>
      );
    case 'SCHEME_INVALID':
      return (
        <Phase title="The file cannot be used">
          <p className="error">
            The file does not match the template, so no row was checked and nothing changed. Fix the problems listed below and{' '}
            <Link href="/bulk">upload the file again</Link>.
          </p>
        </Phase>
      );
    case 'VALIDATED':
      return (
        <Phase title="Validation result">
          <Figures
            figures={[
              ['Rows in the file', job.totalRows],
              ['New users', job.preview.creates],
              ['Updated users', job.preview.updates],
              ['Unchanged', job.preview.unchanged],
              ['Rows with errors', job.failedRows],
            ]}
          />
          <FieldChanges fields={job.preview.fields} />
          {job.failedRows > 0 ? (
            <p className="notice">
              {job.failedRows} of {job.totalRows} rows have errors and will not be uploaded; {job.validRows} rows are valid. Fix the file and upload it
              again, or ignore the errors to apply only the valid rows.
            </p>
          ) : (
            <p className="success">All {job.totalRows} rows are valid.</p>
          )}
          <JobActions job={job} />
        </Phase>
      );
    case 'PROCESSING':
      return (
        <Phase title="Applying the changes">
          <BulkProgressBar label="Applying" processed={job.progress.processed} total={job.progress.total} />
          <Figures figures={[['Users created or updated so far', job.affectedRows], ['Rows with errors', job.failedRows]]} />
        </Phase>
      );
    case 'COMPLETED':
    case 'COMPLETED_WITH_ERRORS':
      return (
        <Phase title="Result">
          <BulkProgressBar label="Applied" processed={job.progress.processed} total={job.progress.total} />
          <Figures
            figures={[
              ['Rows in the file', job.totalRows],
              ['Users created or updated', job.affectedRows],
              ['Rows with errors', job.failedRows],
            ]}
          />
          {job.status === 'COMPLETED' ? (
            <p className="success" role="status">
              Completed: {job.affectedRows} users created or updated.
            </p>
          ) : (
            <p className="notice" role="status">
              Completed with errors: {job.affectedRows} users created or updated; {job.failedRows} rows had errors and were not uploaded. Download the
              error log, fix those rows and upload them again.
            </p>
          )}
        </Phase>
      );
    case 'FAILED':
      return (
        <Phase title="The upload failed">
          <p className="error" role="alert">
            {job.failureMessage ?? 'The job stopped before it could finish.'} {job.affectedRows} users had been created or updated.
          </p>
        </Phase>
      );
    case 'CANCELLED':
      return (
        <Phase title="Cancelled">
          <p className="muted">This upload was cancelled before anything changed.</p>
        </Phase>
      );
  }
}

function Phase({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className={`panel ${styles.section}`} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}

function Figures({ figures }: { figures: [string, number][] }) {
  return (
    <dl className={styles.figures}>
      {figures.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Per field the updates change, how many rows change it ("Updates change: Status 12 · Teams 40"), as a labelled list. */
function FieldChanges({ fields }: { fields: BulkJobFieldsFragment['preview']['fields'] }) {
  const labelId = useId();
  if (fields.length === 0) return null;
  return (
    <div className={styles.fieldChanges}>
      <span id={labelId}>Updates change:</span>
      <ul aria-labelledby={labelId}>
        {fields.map(({ field, count }) => (
          <li key={field}>
            {field} <strong>{count}</strong>
            <span className="visually-hidden"> {count === 1 ? 'row' : 'rows'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Proceed (a job with errors needs "Ignore errors": the server refuses otherwise and says why) and
 * Cancel; only for viewers who may edit bulk jobs.
 */
function JobActions({ job }: { job: BulkJobFieldsFragment }) {
  const viewer = useViewer();
  const ignoreId = useId();
  const [ignoreErrors, setIgnoreErrors] = useState(false);
  const [proceeding, proceed] = useMutation(BulkProceedMutation);
  const [cancelling, cancel] = useMutation(BulkCancelMutation);
  if (!viewer.can('users.bulk', 'EDIT')) return null;
  const refusedIgnore = fieldError(proceeding.error)?.field === 'ignoreErrors' ? errorMessage(proceeding.error!) : null;
  const busy = proceeding.fetching || cancelling.fetching;
  return (
    <>
      {job.status === 'VALIDATED' && job.failedRows > 0 && (
        <div className={styles.actions}>
          <label className={styles.checkbox}>
            <input
              type="checkbox"
              checked={ignoreErrors}
              onChange={(e) => setIgnoreErrors(e.target.checked)}
              aria-invalid={refusedIgnore ? true : undefined}
              aria-describedby={refusedIgnore ? `${ignoreId}-error` : undefined}
            />
            Ignore errors: apply only the {job.validRows} valid rows
          </label>
        </div>
      )}
      {refusedIgnore && (
        <p id={`${ignoreId}-error`} className="field-error" role="alert">
          {refusedIgnore}
        </p>
      )}
      <div className={styles.actions}>
        {job.status === 'VALIDATED' && (
          <button type="button" className="primary" disabled={busy} onClick={() => void proceed({ id: job.id, ignoreErrors })}>
            Proceed
          </button>
        )}
        <button type="button" className="danger" disabled={busy} onClick={() => void cancel({ id: job.id })}>
          Cancel upload
        </button>
      </div>
      {!refusedIgnore && <ErrorAlert error={proceeding.error} />}
      <ErrorAlert error={cancelling.error} />
    </>
  );
}
