import type { CombinedError } from 'urql';

/** The message to show for a failed operation: the server's own words, or a plain note when it could not be reached. */
export function errorMessage(error: CombinedError): string {
  return error.graphQLErrors[0]?.message ?? 'Could not reach the server. Check your connection and try again.';
}

/** Whether the server refused the operation because the session is missing, expired or revoked. */
export function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED');
}

/** Whether the server refused a change made over a stale version: someone else changed the thing since it was loaded. */
export function isConflict(error: CombinedError | undefined | null): boolean {
  return error?.graphQLErrors.some((e) => e.extensions.code === 'CONFLICT') ?? false;
}

/** The input field the server named as wrong (BAD_USER_INPUT), to show its message beside that field. */
export function fieldError(error: CombinedError | undefined | null): { field: string; message: string } | null {
  const first = error?.graphQLErrors.find((e) => e.extensions.code === 'BAD_USER_INPUT' && typeof e.extensions.field === 'string');
  return first ? { field: first.extensions.field as string, message: first.message } : null;
}

/**
 * Splits a failed mutation's error between a form's fields: a BAD_USER_INPUT naming one of them is
 * shown beside it (`errorOf`), anything else above the form's buttons (`formError`).
 */
export function formErrors(error: CombinedError | undefined, fields: readonly string[]) {
  const invalid = fieldError(error);
  const inline = invalid && fields.includes(invalid.field) ? invalid : null;
  return {
    errorOf: (field: string) => (inline?.field === field ? inline.message : null),
    formError: inline ? null : (error ?? null),
  };
}
