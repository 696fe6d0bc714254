const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An API timestamp (ISO string) as the viewer's local date and time. */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}
