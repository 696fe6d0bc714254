'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { countOf } from '../settings/format';
import { AuditEventRow } from './audit-event-row';
import { AuditFilterBar, NO_FILTERS, toFilterInput, type AuditFilters } from './audit-filters';
import { AuditPageQuery } from './audit.operations';
import styles from './audit.module.css';

const PAGE_SIZE = 50;

/** "Settings - Audit Log": every change, newest first, who made it and what it changed. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // The cursor each page starts after; the first page starts at the newest event.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [{ data, fetching, error }] = useQuery({
    query: AuditPageQuery,
    variables: { filter: toFilterInput(filters), first: PAGE_SIZE, after: cursors.at(-1) },
  });
  const events = data?.auditEvents;
  const pageStart = (cursors.length - 1) * PAGE_SIZE;

  const filter = (next: AuditFilters) => {
    setFilters(next);
    setCursors([null]);
  };

  return (
    <>
      <PageHeader title="Audit log" description="Every change made in the console, through the API or by bulk upload: who made it, when, and what changed." />
      <AuditFilterBar filters={filters} onChange={filter} />
      <ErrorAlert error={error} />
      {!events && fetching && (
        <p className="muted" aria-busy="true">
          Loading the audit log…
        </p>
      )}
      {events && events.totalCount === 0 && (
        <div className="panel">
          <p className="muted">No change matches these filters.</p>
        </div>
      )}
      {events && events.totalCount > 0 && (
        <>
          <table className={`table ${styles.log}`} aria-busy={fetching || undefined}>
            <caption className="visually-hidden">Changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {events.edges.map(({ node }) => (
                <AuditEventRow key={node.id} event={node} onFilter={(change) => filter({ ...filters, ...change })} />
              ))}
            </tbody>
          </table>
          <nav className={styles.pager} aria-label="Audit log pages">
            <span className="muted" role="status">
              {pageStart + 1}–{pageStart + events.edges.length} of {countOf(events.totalCount, 'change')}
            </span>
            <button type="button" className="small" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </button>
            <button
              type="button"
              className="small"
              disabled={!events.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, events.pageInfo.endCursor])}
            >
              Older
            </button>
          </nav>
        </>
      )}
    </>
  );
}
