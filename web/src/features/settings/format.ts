const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment as the viewer reads dates and times in their own locale. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "1 agent", "3 agents": a count with its noun. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
