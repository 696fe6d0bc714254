'use client';

import type { AuditFilterInput } from '../../gql/graphql';
import { ACTION_LABELS, TARGET_TYPES, actionsOf } from './audit-vocabulary';
import styles from './audit.module.css';

/** What the log is narrowed to; the person and the target are picked from a row, by name. */
export interface AuditFilters {
  targetType: string;
  action: string;
  /** Days as <input type="date"> gives them (YYYY-MM-DD), both included. */
  fromDay: string;
  toDay: string;
  actor: { id: string; name: string } | null;
  target: { id: string; name: string } | null;
}

export const NO_FILTERS: AuditFilters = { targetType: '', action: '', fromDay: '', toDay: '', actor: null, target: null };

/** The filters as the API takes them: whole days in the viewer's time zone, the last one included. */
export function toFilterInput(filters: AuditFilters): AuditFilterInput {
  return {
    targetType: filters.targetType || null,
    action: filters.action || null,
    from: filters.fromDay ? startOfDay(filters.fromDay, 0).toISOString() : null,
    to: filters.toDay ? startOfDay(filters.toDay, 1).toISOString() : null,
    actorUserId: filters.actor?.id ?? null,
    targetId: filters.target?.id ?? null,
  };
}

function startOfDay(day: string, plusDays: number): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + plusDays);
}

/** The filter bar: what changed, which action, which days, and the person or target chosen from a row. */
export function AuditFilterBar({ filters, onChange }: { filters: AuditFilters; onChange: (filters: AuditFilters) => void }) {
  const set = (change: Partial<AuditFilters>) => onChange({ ...filters, ...change });
  const actions = actionsOf(filters.targetType);
  const daysReversed = Boolean(filters.fromDay && filters.toDay && filters.fromDay > filters.toDay);
  return (
    <form className={`panel ${styles.filters}`} role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <div className={styles.filter}>
        <label htmlFor="audit-target-type">What changed</label>
        <select
          id="audit-target-type"
          value={filters.targetType}
          onChange={(e) => {
            const targetType = e.target.value;
            // An action of another kind of thing would match nothing.
            set({ targetType, action: actionsOf(targetType).includes(filters.action) ? filters.action : '' });
          }}
        >
          <option value="">Everything</option>
          {TARGET_TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filter}>
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" value={filters.action} onChange={(e) => set({ action: e.target.value })}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.filter}>
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" type="date" value={filters.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
      </div>
      <div className={styles.filter}>
        <label htmlFor="audit-to">To (included)</label>
        <input
          id="audit-to"
          type="date"
          value={filters.toDay}
          onChange={(e) => set({ toDay: e.target.value })}
          aria-invalid={daysReversed || undefined}
          aria-describedby={daysReversed ? 'audit-days-error' : undefined}
        />
      </div>
      {daysReversed && (
        <p id="audit-days-error" className={`field-error ${styles.wide}`}>
          The last day is before the first one, so nothing can match.
        </p>
      )}
      {(filters.actor || filters.target) && (
        <div className={styles.wide}>
          {filters.actor && (
            <span className="badge">
              By {filters.actor.name}
              <button type="button" className={styles.chipRemove} onClick={() => set({ actor: null })} aria-label={`Stop showing only changes by ${filters.actor.name}`}>
                ✕
              </button>
            </span>
          )}{' '}
          {filters.target && (
            <span className="badge">
              To {filters.target.name}
              <button type="button" className={styles.chipRemove} onClick={() => set({ target: null })} aria-label={`Stop showing only changes to ${filters.target.name}`}>
                ✕
              </button>
            </span>
          )}
        </div>
      )}
      {Object.values(filters).some(Boolean) && (
        <button type="button" className={`small ${styles.clear}`} onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  );
}
