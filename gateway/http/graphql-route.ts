/**
 * The /graphql route: Apollo Server behind Fastify, with a context per
 * request that carries the viewer of the session cookie and a fresh set of
 * DataLoaders.
 */
import type { ApolloServer } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { SessionManager } from '../auth/sessions';
import type { SignInService } from '../auth/sign-in';
import type { GatewayContext } from '../graphql/context';
import type { ErpConnector } from '../../connectors/erp';
import type { TicketSource } from '../../connectors/sources';
import { createLoaders } from '../graphql/loaders';
import { createPaymentLoaders } from '../graphql/payment-loaders';
import type { PaymentsFeature } from '../payments';
import { checkDocumentLimits } from '../graphql/document-limits';
import { replyWithGraphQLError } from './http-errors';
import { parseJsonBody } from './json-body';
import { landingPageContentSecurityPolicy } from './security-headers';
import { clearSessionCookie, requestOrigin, sessionToken, setSessionCookie, viewerFromCookie } from './session-cookie';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  erp: ErpConnector;
  tickets: TicketSource;
  payments: PaymentsFeature;
  sessions: SessionManager;
  signIn: SignInService;
  publicUrl: string | null;
}

export async function registerGraphQLRoute(app: FastifyInstance, options: GraphQLRouteOptions): Promise<void> {
  const handler = fastifyApolloHandler(options.apollo, {
    context: (request, reply) => createContext(options, request, reply),
  });

  // A scope of its own, so the JSON parser and the GraphQL-shaped error
  // responses apply to /graphql only.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
    scope.setErrorHandler(replyWithGraphQLError);

    scope.route({
      method: ['GET', 'POST', 'OPTIONS'],
      url: '/graphql',
      preHandler: rejectDeepDocuments,
      handler,
      // Apollo's IDE page loads its scripts from Apollo's CDN.
      helmet: { contentSecurityPolicy: { useDefaults: false, directives: landingPageContentSecurityPolicy() } },
    });
  });
}

/**
 * Rejects a document that graphql-js would parse or validate by recursing
 * too deep, before Apollo parses it, in the format of Apollo's own parse errors.
 */
async function rejectDeepDocuments(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const container = request.method === 'GET' ? request.query : request.body;
  const query = typeof container === 'object' && container !== null ? (container as { query?: unknown }).query : undefined;
  if (typeof query !== 'string') {
    return;
  }

  const error = checkDocumentLimits(query);
  if (error !== null) {
    await reply.code(400).send({ errors: [{ message: error.message, locations: error.locations, extensions: { code: ApolloServerErrorCode.GRAPHQL_PARSE_FAILED } }] });
  }
}

async function createContext(options: GraphQLRouteOptions, request: FastifyRequest, reply: FastifyReply): Promise<GatewayContext> {
  const { erp, tickets, sessions, signIn } = options;
  const viewer = await viewerFromCookie(sessions, request, reply);
  const loaders = viewer === null ? null : createLoaders(erp, tickets, viewer.customer.id);
  const paymentService = options.payments.enabled ? options.payments.service : null;

  return {
    requestId: request.id,
    logger: request.log,
    viewer,
    loaders,
    erp,
    tickets,
    payments: options.payments,
    paymentLoaders: viewer === null || loaders === null ? null : createPaymentLoaders(paymentService, viewer.customer.id, loaders.invoiceById),
    publicBaseUrl: options.publicUrl ?? requestOrigin(request),
    auth: {
      async signIn(email, password) {
        const signedIn = await signIn.authenticate(email, password, request.ip, request.log);

        // A new token on every sign-in, so a token planted before sign-in
        // (session fixation) never becomes a signed-in session.
        await sessions.end(sessionToken(request));
        const token = await sessions.start(signedIn.contact.id, signedIn.contact.email);
        setSessionCookie(sessions, reply, token);
        return signedIn;
      },

      async signOut() {
        await sessions.end(sessionToken(request));
        clearSessionCookie(sessions, reply);
      },
    },
  };
}
