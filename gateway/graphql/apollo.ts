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
import type { OperationExecutor } from './executor';
import { createExecutionGateway } from './executor';

export interface ApolloOptions {
  schema: GraphQLSchema;
  logger: Logger;
  introspection: boolean;
  executor?: OperationExecutor;
}

export function createApolloServer(options: ApolloOptions): ApolloServer<GatewayContext> {
  const references = new ErrorReferences();

  return new ApolloServer<GatewayContext>({
    gateway: createExecutionGateway(options.schema, options.executor),
    logger: options.logger,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: references.formatError(options.logger),
    validationRules: [createDepthLimitRule()],
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
    ],
  });
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
