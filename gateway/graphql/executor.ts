/**
 * The execution seam: the single place where a parsed and validated GraphQL
 * operation is run against the schema. It is plugged into Apollo Server
 * through Apollo's gateway interface, whose `executor` replaces Apollo's own
 * call to graphql-js.
 *
 * To use a compiled executor such as graphql-jit, pass a different
 * `OperationExecutor` to `createExecutionGateway`; resolvers, validation,
 * plugins and error formatting stay as they are. The executor receives the
 * document Apollo already parsed and validated, and must return a plain
 * execution result (no incremental delivery).
 */
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { execute, printSchema } from 'graphql';

// Apollo's gateway types, taken from @apollo/server's own option types so
// that this file needs no package beyond @apollo/server.
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type SchemaListener = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues: Record<string, unknown> | undefined;
  operationName: string | undefined;
  contextValue: unknown;
  /** Leave "Did you mean ...?" suggestions out of variable coercion errors, so they do not reveal schema names. */
  hideSuggestions: boolean;
}

export type OperationExecutor = (request: OperationRequest) => Promise<ExecutionResult> | ExecutionResult;

/** The reference executor: graphql-js `execute`. */
export const graphqlJsExecutor: OperationExecutor = (request) => execute(request);

/**
 * Wraps a fixed schema and an executor in Apollo's gateway interface. The
 * schema never changes while the server runs, so schema updates are
 * reported once, on load.
 */
export function createExecutionGateway(
  schema: GraphQLSchema,
  executor: OperationExecutor = graphqlJsExecutor,
  options: { hideSuggestions: boolean } = { hideSuggestions: false },
): GatewayInterface {
  const listeners = new Set<SchemaListener>();

  const gatewayExecutor: GatewayExecutor = async (requestContext) => {
    const result = await executor({
      schema,
      document: requestContext.document,
      variableValues: requestContext.request.variables,
      operationName: requestContext.operationName ?? undefined,
      contextValue: requestContext.context,
      hideSuggestions: options.hideSuggestions,
    });
    return result;
  };

  return {
    async load() {
      const schemaContext = { apiSchema: schema, coreSupergraphSdl: printSchema(schema) };
      for (const listener of listeners) {
        listener(schemaContext);
      }
      return { schema, executor: gatewayExecutor };
    },

    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },

    async stop() {
      listeners.clear();
    },
  };
}
