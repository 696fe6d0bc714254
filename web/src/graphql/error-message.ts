import type { CombinedError } from 'urql';

/** The message to show for a failed operation: the server's own words, or a plain note when it could not be reached. */
export function errorMessage(error: CombinedError): string {
  return error.graphQLErrors[0]?.message ?? 'Could not reach the server. Check your connection and try again.';
}

/** Whether the server refused the operation because the session is missing, expired or revoked. */
export function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED');
}
