'use client';

import Link from 'next/link';
import { useCallback, useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
import { errorMessage } from '../../graphql/error-message';
import { useConnectionLost } from '../../graphql/graphql-provider';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { BulkJobErrors } from './bulk-job-errors';
import { BulkJobPhase } from './bulk-job-phase';
import { BulkJobLiveSubscription, BulkJobViewQuery } from './bulk.operations';
import { BulkStatusBadge } from './bulk-status-badge';
import { furtherAlong, hasEnded } from './bulk-status';
import { formatDateTime } from './format-date-time';
import styles from './bulk.module.css';

/** How often the job is read again, and its progress resubscribed, after the subscription failed. */
const RESUME_EVERY_MS = 5000;

/**
 * One upload from validation to the end: what it would do, proceed or cancel, the live progress of
 * the apply, and the error log. The bulkJobProgress subscription keeps it current until the job ends.
 */
export function BulkJobView({ jobId }: { jobId: string }) {
  const [{ data, error }, reexecuteQuery] = useQuery({ query: BulkJobViewQuery, variables: { id: jobId } });
  const [{ data: live, error: liveError }, resubscribe] = useSubscription({
    query: BulkJobLiveSubscription,
    variables: { id: jobId },
    pause: !data || hasEnded(data.bulkJob.status),
  });
  // The query is refetched after proceed or cancel; the subscription streams everything between.
  const job = furtherAlong(data?.bulkJob, live?.bulkJobProgress);
  const inProgress = job !== undefined && !hasEnded(job.status);
  const reread = useCallback(() => reexecuteQuery({ requestPolicy: 'network-only' }), [reexecuteQuery]);
  // Progress made while the socket was down reached no subscription.
  const connectionLost = useConnectionLost(reread);
  // A subscription ended by an error follows the job no more: read it again and resubscribe until it ends.
  useEffect(() => {
    if (!liveError || !inProgress) return;
    const timer = setInterval(() => {
      reread();
      resubscribe();
    }, RESUME_EVERY_MS);
    return () => clearInterval(timer);
  }, [liveError, inProgress, reread, resubscribe]);

  const back = (
    <Link className={styles.back} href="/bulk">
      ← Bulk user management
    </Link>
  );
  if (!job) {
    return (
      <>
        {back}
        {error ? (
          <ErrorAlert error={error} />
        ) : (
          <p className="muted" aria-busy="true">
            Loading the upload…
          </p>
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader
        title={job.filename}
        description={`${job.format} file uploaded ${formatDateTime(job.createdAt)}${job.uploadedBy ? ` by ${job.uploadedBy}` : ''}`}
        actions={
          <span>
            <span className="visually-hidden">Status: </span>
            <BulkStatusBadge status={job.status} />
          </span>
        }
      />
      {inProgress && liveError && (
        <p className="notice" role="status">
          Live updates have stopped: {errorMessage(liveError)} Retrying…
        </p>
      )}
      {inProgress && !liveError && connectionLost && (
        <p className="notice" role="status">
          Live updates have stopped: reconnecting to the server…
        </p>
      )}
      <BulkJobPhase job={job} />
      {/* A new status brings new lines (validation's, then apply's): read the log again. */}
      <BulkJobErrors key={job.status} jobId={job.id} />
    </>
  );
}
