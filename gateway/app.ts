/**
 * The gateway's HTTP server: a Fastify instance with /graphql, the invoice
 * PDF and order document routes, health probes and the web client.
 * `buildApp` takes every collaborator as an argument; main.ts opens the
 * databases and passes them in.
 */
import { randomUUID } from 'node:crypto';

import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { NO_DOCUMENT_FILES } from '../connectors/documents';
import type { ErpConnector } from '../connectors/erp';
import type { PortalStore } from '../connectors/portal';
import type { DocumentFileSource } from '../connectors/sources';
import { SessionManager } from './auth/sessions';
import { SignInService } from './auth/sign-in';
import { SignInThrottle } from './auth/throttle';
import type { GatewayConfig } from './config';
import { createApolloServer } from './graphql/apollo';
import type { OperationExecutor } from './graphql/executor';
import { buildGatewaySchema } from './graphql/schema';
import { registerDocumentRoutes } from './http/documents';
import { registerGraphQLRoute } from './http/graphql-route';
import { registerHealthRoutes } from './http/health';
import { replyWithError } from './http/http-errors';
import { registerMetricsRoute } from './http/metrics';
import { registerOrderDocumentRoutes } from './http/order-documents';
import { helmetOptions } from './http/security-headers';
import { registerWebClient } from './http/web-client';
import { PAYMENTS_OFF, registerStripeWebhookRoute, type PaymentsFeature } from './payments';
import type { TicketBackend } from './tickets/backend';
import { optionalHealthChecks, readinessDetails } from './tickets/operations';


export interface AppDeps {
  config: Pick<
    GatewayConfig,
    | 'publicUrl'
    | 'graphqlIntrospection'
    | 'sessionIdleMinutes'
    | 'sessionMaxDays'
    | 'cookieSecure'
    | 'trustProxy'
    | 'webDistDir'
    | 'supplierName'
  >;
  logger: Logger;
  erp: ErpConnector;
  /** Ticket source chosen by TICKETS_SOURCE; defaults to the ERP's service cases. The caller closes it. */
  tickets?: TicketBackend;
  /** Files of order documents, from `createDocumentFiles`; by default every download fails with NOT_CONFIGURED. */
  documentFiles?: DocumentFileSource;
  /** Click to Pay, from `startPayments`; default off. */
  payments?: PaymentsFeature;
  /** The portal store; the gateway never calls its migrate(), which main.ts runs once at start-up. */
  portal: Omit<PortalStore, 'migrate'>;
  /** Replaces graphql-js execution, for example with graphql-jit; see graphql/executor.ts. */
  executor?: OperationExecutor;
  /** Current time for sessions and throttling; tests pass a movable clock. */
  clock?: () => Date;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, logger, erp, portal } = deps;
  const tickets: TicketBackend = deps.tickets ?? { kind: 'erp', source: erp.tickets };
  const clock = deps.clock ?? (() => new Date());

  const app = Fastify({
    // Typed as Fastify's logger so that the instance has Fastify's default
    // generic types, which the route modules and plugins expect.
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: trustProxyOption(config.trustProxy),
    // A proxy's x-request-id is kept when it is a UUID; anything else could
    // forge log lines, so a new id is made instead.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && UUID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => replyWithError(error, request, reply));

  await app.register(fastifyHelmet, helmetOptions(config.publicUrl?.startsWith('https:') ?? false));

  const sessions = new SessionManager(
    portal.sessions,
    erp.directory,
    { idleMinutes: config.sessionIdleMinutes, maxDays: config.sessionMaxDays, cookieSecure: config.cookieSecure },
    clock,
  );
  const signIn = new SignInService(portal.credentials, erp.directory, new SignInThrottle(portal.signInThrottle), clock);

  const apollo = createApolloServer({
    schema: buildGatewaySchema(),
    logger,
    introspection: config.graphqlIntrospection,
    ...(deps.executor === undefined ? {} : { executor: deps.executor }),
  });
  await apollo.start();

  // Fastify's close() stops accepting connections and waits for requests in
  // flight; Apollo stops after that. fastifyApolloDrainPlugin is not used:
  // its drain step calls fastify.close() itself, which deadlocks when the
  // close started from Fastify, as it does here.
  app.addHook('onClose', async () => {
    await apollo.stop();
  });

  const payments = deps.payments ?? PAYMENTS_OFF;
  if (payments.enabled) {
    await registerStripeWebhookRoute(app, { handleStripeWebhook: (body, signature) => payments.service.handleStripeWebhook(body, signature) });
  }
  await registerGraphQLRoute(app, { apollo, erp, tickets: tickets.source, payments, sessions, signIn, publicUrl: config.publicUrl });
  registerDocumentRoutes(app, { erp, sessions, supplierName: config.supplierName });
  registerOrderDocumentRoutes(app, { erp, sessions, files: deps.documentFiles ?? NO_DOCUMENT_FILES });
  registerHealthRoutes(app, [erp.health, portal.health], {
    optionalChecks: optionalHealthChecks(tickets),
    details: () => readinessDetails(tickets),
  });
  registerMetricsRoute(app, tickets);
  await registerWebClient(app, config.webDistDir);

  return app;
}

/**
 * Fastify's types accept no hop count although its runtime does, so a count
 * becomes the same rule as a function: trust the nearest `hops` proxies.
 */
function trustProxyOption(trustProxy: GatewayConfig['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy === 'number') {
    const hops = trustProxy;
    return (_address, hop) => hop < hops;
  }
  return trustProxy;
}
