/**
 * Process entry point: reads the configuration, opens the ERP database and
 * the portal store, prepares demo data when the embedded demo ERP is in use,
 * and serves HTTP until SIGINT or SIGTERM.
 */
import 'reflect-metadata';

import { mkdirSync } from 'node:fs';

import type { Logger } from 'pino';

import { createErpConnector } from '../connectors/erp';
import { DEMO_CONTACT_EMAILS, ensureDemoDatabase } from '../connectors/erp/demo';
import { createPortalStore } from '../connectors/portal';
import type { Database } from '../connectors/sql';
import { openDatabase } from '../connectors/sql';
import { buildApp } from './app';
import { seedDemoCredentials } from './auth/demo-credentials';
import { DEFAULT_THROTTLE_LIMITS } from './auth/throttle';
import type { GatewayConfig } from './config';
import { ConfigError, loadConfig } from './config';
import { createDocumentFiles, logDocumentStores } from './documents/files';
import { createLogger } from './logging';
import { startPayments, type StartedPayments } from './payments';
import { openTicketBackend, type TicketBackend } from './tickets/backend';

/** Expired sessions and old sign-in failures are removed at start-up and then this often. */
const CLEANUP_INTERVAL_MS = 60 * 60_000;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);

  // The default SQLite files live in the data directory; create it on first start.
  if (config.erpIsEmbeddedDemo || config.portalDatabaseUrl.startsWith(`sqlite:${config.dataDir}`)) {
    mkdirSync(config.dataDir, { recursive: true });
  }

  const databaseOptions = { logger, poolMax: config.dbPoolMax, statementTimeoutMs: config.dbStatementTimeoutMs };
  const erpDatabase = openDatabase({ ...databaseOptions, url: config.erpDatabaseUrl, urlVariable: 'ERP_DATABASE_URL' });
  const portalDatabase = openDatabase({ ...databaseOptions, url: config.portalDatabaseUrl, urlVariable: 'PORTAL_DATABASE_URL' });
  const databases = [erpDatabase, portalDatabase];
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let tickets: TicketBackend | undefined;
  let payments: StartedPayments | undefined;

  try {
    // Only the embedded default gets demo data: a configured ERP is real.
    if (config.erpIsEmbeddedDemo) {
      await ensureDemoDatabase(erpDatabase);
    }

    const portal = createPortalStore(portalDatabase);
    await portal.migrate();

    if (config.erpIsEmbeddedDemo) {
      await seedDemoCredentials(portal.credentials, DEMO_CONTACT_EMAILS, logger);
    }

    const erp = createErpConnector(erpDatabase);
    tickets = openTicketBackend(config.tickets, erp, logger);
    payments = await startPayments(config.payments, {
      portalDatabase,
      erpDatabase,
      invoices: erp.invoices,
      logger,
      demoErp: config.erpIsEmbeddedDemo,
    });
    const documentFiles = createDocumentFiles(config.documents, config.supplierName);
    logDocumentStores(config.documents, logger);
    const server = await buildApp({ config, logger, erp, tickets, documentFiles, portal, payments: payments.feature });
    app = server;
    warnWithoutPublicUrl(config, logger);
    const cleanup = scheduleCleanup(logger, async () => {
      const now = new Date();
      await portal.sessions.deleteExpired(now);
      // Failures older than the throttle window no longer count.
      await portal.signInThrottle.deleteBefore(new Date(now.getTime() - DEFAULT_THROTTLE_LIMITS.windowMs));
    });

    installShutdown(logger, async () => {
      clearInterval(cleanup);
      await server.close();
      await closeTickets(tickets);
      await payments?.stop();
      await closeAll(databases);
    });

    await server.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `Rover portal listening on ${address}`,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'Start-up failed');
    await app?.close();
    await closeTickets(tickets);
    await payments?.stop();
    await closeAll(databases);
    process.exitCode = 1;
  }
}

function readConfigOrExit(): GatewayConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // Plain text on stderr: the logger's level is itself configuration.
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Warns when a gateway that other machines can reach has no PUBLIC_URL:
 * links such as Invoice.pdfUrl then take their host from each request's Host
 * header, which is checked for form but can still name any host.
 */
function warnWithoutPublicUrl(config: GatewayConfig, logger: Logger): void {
  const loopback = config.host === 'localhost' || config.host === '::1' || config.host.startsWith('127.');
  if (config.publicUrl === null && !loopback) {
    logger.warn(
      { host: config.host },
      'PUBLIC_URL is not set, so links such as Invoice.pdfUrl use the Host header of each request. Set PUBLIC_URL to the address customers use, for example PUBLIC_URL=https://portal.example.com.',
    );
  }
}

function scheduleCleanup(logger: Logger, cleanUp: () => Promise<void>): NodeJS.Timeout {
  const run = (): void => {
    cleanUp().catch((error: unknown) =>
      logger.warn({ err: error }, 'Could not delete expired sessions and old sign-in failures; retrying in an hour'),
    );
  };

  run();
  const timer = setInterval(run, CLEANUP_INTERVAL_MS);
  timer.unref();
  return timer;
}

/**
 * Closes the server (finishing requests in flight) and the databases on the
 * first SIGINT or SIGTERM; a second signal exits at once.
 */
function installShutdown(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal during shutdown; exiting now');
      process.exit(1);
    }
    stopping = true;

    logger.info({ signal }, 'Shutting down');
    close().then(
      () => logger.info('Stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exitCode = 1;
      },
    );
  };

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function closeTickets(tickets: TicketBackend | undefined): Promise<void> {
  if (tickets?.kind === 'salesforce') {
    await tickets.close();
  }
}

async function closeAll(databases: readonly Database[]): Promise<void> {
  await Promise.allSettled(databases.map((database) => database.close()));
}

void main();
