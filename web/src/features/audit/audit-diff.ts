/** One field an audit event records, as it was and as it became (undefined where not recorded). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields an event changed, in the order recorded: those only one side records (created or
 * deleted things) and those whose values differ. Unchanged fields are left out.
 */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): FieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

/** "agentSelectable" → "Agent selectable": a recorded field's name in words. */
export function fieldLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ENUM_VALUE = /^[A-Z][A-Z_]+$/;

/** A recorded value as a person reads it: names rather than objects, Yes/No, dates in their locale. */
export function describeValue(value: unknown, formatDate: (iso: string) => string): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (ISO_DATE_TIME.test(value)) return formatDate(value);
    // Enum values (UNAVAILABLE, CALL, ASSIGNED_TEAMS) read better as words.
    if (ENUM_VALUE.test(value)) return value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((item) => describeValue(item, formatDate)).join(', ') : 'none';
  const record = value as Record<string, unknown>;
  // Users and teams are recorded as { id, email } or { id, name }: the name is what a reader knows.
  const name = record.name ?? record.email;
  if (typeof name === 'string') return name;
  return Object.entries(record)
    .map(([key, item]) => `${fieldLabel(key)}: ${describeValue(item, formatDate)}`)
    .join('; ');
}
