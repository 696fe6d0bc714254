import type { CombinedError } from 'urql';
import { errorMessage } from '../graphql/error-message';

/** Shows a failed operation's message, or nothing. */
export function ErrorAlert({ error }: { error?: CombinedError | string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {typeof error === 'string' ? error : errorMessage(error)}
    </p>
  );
}
