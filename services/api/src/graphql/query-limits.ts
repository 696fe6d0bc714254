import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Validation rules added to GraphQL's own: a maximum query depth. */
export function depthRules(maxDepth: number): ValidationRule[] {
  return [depthLimit(maxDepth)];
}

/** Throws when a query would cost more than `max` (lists count once per item asked for). */
export function assertComplexity(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  max: number,
): void {
  const complexity = getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (complexity > max) {
    throw new GraphQLError(`Query is too complex: ${complexity} (the limit is ${max}); ask for fewer fields or smaller pages`, {
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  }
}
