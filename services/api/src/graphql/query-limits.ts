import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Validation rules added to GraphQL's own: a maximum query depth. */
export function depthRules(maxDepth: number): ValidationRule[] {
  return [depthLimit(maxDepth)];
}

// Apollo hands back the same parsed document for the same query text, so a script repeating a query
// is priced once per set of variables. Small bounds: big variables (bulk inputs) are priced each time.
const pricesByDocument = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_PRICES_PER_DOCUMENT = 100;
const MAX_PRICED_VARIABLES_LENGTH = 1000;

/** Throws when a query would cost more than `max` (lists count once per item asked for). */
export function assertComplexity(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  max: number,
): void {
  const complexity = priceOf(schema, query, variables, operationName);
  if (complexity > max) {
    throw new GraphQLError(`Query is too complex: ${complexity} (the limit is ${max}); ask for fewer fields or smaller pages`, {
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  }
}

function priceOf(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number {
  const key = `${operationName ?? ''} ${JSON.stringify(variables ?? {})}`;
  const prices = pricesByDocument.get(query) ?? new Map<string, number>();
  const known = prices.get(key);
  if (known !== undefined) return known;
  const price = getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (key.length <= MAX_PRICED_VARIABLES_LENGTH) {
    if (prices.size >= MAX_PRICES_PER_DOCUMENT) prices.clear();
    prices.set(key, price);
    pricesByDocument.set(query, prices);
  }
  return price;
}
