'use client';

import { useState } from 'react';
import type { AuditPageQuery } from '../../gql/graphql';
import { formatDateTime } from '../settings/format';
import { changedFields, describeValue, fieldLabel } from './audit-diff';
import type { AuditFilters } from './audit-filters';
import { actionLabel, targetNoun } from './audit-vocabulary';
import styles from './audit.module.css';

type AuditEvent = AuditPageQuery['auditEvents']['edges'][number]['node'];

/** One change in the log; it opens to show the fields it changed, before and after. */
export function AuditEventRow({ event, onFilter }: { event: AuditEvent; onFilter: (change: Partial<AuditFilters>) => void }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-event-${event.id}`;
  const when = formatDateTime(event.createdAt);
  const action = actionLabel(event.action);
  const noun = targetNoun(event.targetType);
  const target = event.targetName ?? (event.targetId ? `a ${noun} since deleted` : null);
  return (
    <>
      <tr aria-selected={open || undefined}>
        <td>
          <button type="button" className="small" aria-expanded={open} aria-controls={open ? detailsId : undefined} onClick={() => setOpen(!open)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> Details<span className="visually-hidden"> of {action} at {when}</span>
          </button>
        </td>
        <th scope="row" className={styles.when}>
          <time dateTime={event.createdAt}>{when}</time>
        </th>
        <td>
          <Actor event={event} />
        </td>
        <td>
          {action} <code className={styles.code}>{event.action}</code>
        </td>
        <td>
          <span className="muted">{noun}</span> {target}
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className={styles.details}>
          <td colSpan={5}>
            <Changes before={event.before} after={event.after} />
            <div className={styles.detailActions}>
              {event.actorUserId && event.actorName && (
                <button type="button" className="small" onClick={() => onFilter({ actor: { id: event.actorUserId!, name: event.actorName! } })}>
                  Only changes by {event.actorName}
                </button>
              )}
              {event.targetId && (
                <button type="button" className="small" onClick={() => onFilter({ target: { id: event.targetId!, name: target ?? noun } })}>
                  Only changes to this {noun}
                </button>
              )}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

function Actor({ event }: { event: AuditEvent }) {
  const viaBulk = event.bulkJobId && !event.action.startsWith('bulk.') && <span className="muted"> by bulk upload</span>;
  if (event.actorCredentialId) {
    return (
      <>
        {event.actorName ?? 'A deleted credential'} <span className="badge">API credential</span>
        {viaBulk}
      </>
    );
  }
  if (event.actorUserId) {
    return (
      <>
        {event.actorName ?? 'A deleted user'}
        {viaBulk}
      </>
    );
  }
  return <span className="muted">The system</span>;
}

function Changes({ before, after }: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }) {
  const changes = changedFields(before, after);
  if (changes.length === 0) return <p className="muted">No field values were recorded for this change.</p>;
  return (
    <table className={styles.diff}>
      <caption className="visually-hidden">Fields changed</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{fieldLabel(change.field)}</th>
            <td className={styles.before}>{describeValue(change.before, formatDateTime)}</td>
            <td className={styles.after}>{describeValue(change.after, formatDateTime)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
