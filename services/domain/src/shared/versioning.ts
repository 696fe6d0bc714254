import { conflict } from '../errors/app-error';

/** Throws CONFLICT when the version the client read is not the stored one: someone changed it since. */
export function assertVersion(stored: { version: number }, given: number, what: string): void {
  if (stored.version !== given) throw conflict(what);
}
