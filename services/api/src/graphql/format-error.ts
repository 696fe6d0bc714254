import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, type Logger } from '@switchboard/domain';

/**
 * The one place errors are turned into what a client sees: domain errors keep their code (and
 * field), GraphQL's own errors about the request pass through, and anything else becomes
 * "Internal server error" for the client and a full log line for us.
 */
export function toClientError(error: GraphQLError, logger: Logger): GraphQLFormattedError {
  const original = error.originalError;
  const base = { message: error.message, locations: error.locations, path: error.path };
  if (original instanceof AppError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  if (original === undefined || original === null || original instanceof GraphQLError) {
    const code = (original instanceof GraphQLError ? original.extensions.code : error.extensions.code) ?? 'GRAPHQL_VALIDATION_FAILED';
    return { ...base, extensions: { code } };
  }
  logger.error({ err: original, path: error.path }, 'unexpected error in a resolver');
  return { message: 'Internal server error', locations: error.locations, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
