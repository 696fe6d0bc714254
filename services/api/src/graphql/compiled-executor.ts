import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Apollo's executor for queries and mutations, with graphql-jit: each operation is compiled once to
 * a function (Apollo keeps one parsed document per query text) and then runs without graphql-js's
 * per-field interpretation, which was most of a users page's execution time. Apollo still parses,
 * validates and runs its plugins. Apollo takes a custom executor only through its gateway
 * interface, hence the shape; the schema never changes.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const compile = (document: DocumentNode, operationName: string | undefined) => {
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) {
      query = compileQuery(schema, document, operationName);
      byName.set(key, query);
    }
    return query;
  };
  return {
    async load() {
      return {
        executor: async ({ document, operationName, request, context }) => {
          const query = compile(document, operationName ?? undefined);
          if (!isCompiledQuery(query)) return query;
          const result = (await query.query(undefined, context, request.variables ?? {})) as ExecutionResult;
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}

/** graphql-jit's errors leave `extensions` unset (and read-only), which Apollo's formatting reads: rebuilt as graphql-js errors. */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  return Object.assign(rebuilt, { locations: error.locations });
}
