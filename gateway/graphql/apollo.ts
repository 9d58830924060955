/**
 * Apollo Server for the portal schema, configured explicitly rather than
 * from NODE_ENV: Apollo Server 5 turns introspection and stack traces on
 * whenever NODE_ENV is not "production".
 */
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';

import { ErrorReferences } from '../errors';
import type { GatewayContext } from './context';
import { createDepthLimitRule } from './depth-limit';
import { MAX_DOCUMENT_TOKENS } from './document-limits';
import type { OperationExecutor } from './executor';
import { createExecutionGateway } from './executor';
import { createQueryCostRule, QueryLimitError } from './query-cost';

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
  introspection: boolean;
  executor?: OperationExecutor;
}

export function createApolloServer(options: ApolloOptions): ApolloServer<GatewayContext> {
  const references = new ErrorReferences();

  return new ApolloServer<GatewayContext>({
    // With introspection off, error messages must not suggest field, type or
    // enum value names either, in validation or in variable coercion.
    gateway: createExecutionGateway(options.schema, options.executor, { hideSuggestions: !options.introspection }),
    logger: options.logger,
    introspection: options.introspection,
    validationOptions: { hideSuggestions: !options.introspection },
    includeStacktraceInErrorResponses: false,
    formatError: references.formatError(options.logger),
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    validationRules: [createDepthLimitRule(), createQueryCostRule()],
    // CSRF prevention stays on (the default): a GET or a form-encoded POST
    // must carry a header that a cross-site form cannot set.
    csrfPrevention: true,
    // Batched requests would let one HTTP request multiply the work.
    allowBatchedHttpRequests: false,
    // main.ts shuts the whole process down on SIGINT and SIGTERM.
    stopOnTerminationSignals: false,
    plugins: [
      // The cache-control plugin wraps every field resolver and the portal
      // sends no cache hints; usage reporting would call Apollo's cloud.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      // The IDE page is for support staff exploring the schema, so it is
      // offered only when introspection is on.
      options.introspection
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: true })
        : ApolloServerPluginLandingPageDisabled(),
      errorReferencePlugin(references),
      validationErrorsPlugin(),
    ],
  });
}

/**
 * graphql-js 16.15 stops validating an operation whose repeated fields or
 * fragments exceed its work budget, and reports only "Validation aborted.".
 * That message is the exact text of graphql-js's validationAbortedError.
 */
const VALIDATION_ABORTED_MESSAGE = 'Validation aborted.';

/**
 * Cleans up validation errors before Apollo sends them. An operation over a
 * size limit gets only the limit errors, because the other errors of an
 * oversized document add nothing the client can act on. graphql-js's bare
 * "Validation aborted." is replaced with a message that asks the client to stop repeating
 * fields or fragments.
 * Apollo sends the same array that this hook receives, so it is edited in place.
 */
function validationErrorsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async validationDidStart() {
          return async (errors?: readonly Error[]) => {
            if (errors === undefined) {
              return;
            }
            const editable = errors as Error[];

            const limitErrors = editable.filter((error) => error instanceof QueryLimitError);
            if (limitErrors.length > 0) {
              editable.splice(0, editable.length, ...limitErrors);
              return;
            }

            for (const [index, error] of editable.entries()) {
              if (error.message === VALIDATION_ABORTED_MESSAGE) {
                editable[index] = new QueryLimitError(
                  'Validation stopped because the operation repeats the same fields or fragments too often to check. Select each field once per selection set (or give repeated fields distinct aliases and arguments), or split the operation into several requests.',
                );
              }
            }
          };
        },
      };
    },
  };
}

/** Logs each unexpected error under the id of the request it happened in. */
function errorReferencePlugin(references: ErrorReferences): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(requestContext) {
          for (const error of requestContext.errors) {
            references.record(error, requestContext.contextValue.requestId, requestContext.contextValue.logger);
          }
        },
      };
    },
  };
}
