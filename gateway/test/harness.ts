/**
 * Test server: a real ERP SQLite file filled by the demo generator, a real
 * portal store file and the gateway listening on 127.0.0.1, all in a temp
 * directory. Each test file starts one with `startTestServer()` in beforeAll
 * and reuses it across its tests.
 */
import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

import { createErpConnector } from '../../connectors/erp';
import { DEMO_CONTACT_EMAILS, ensureDemoDatabase } from '../../connectors/erp/demo';
import { createPortalStore } from '../../connectors/portal';
import type { Database, QueryEvent } from '../../connectors/sql';
import { openDatabase } from '../../connectors/sql';
import type { AppDeps } from '../app';
import { buildApp } from '../app';
import { seedDemoCredentials } from '../auth/demo-credentials';
import type { DocumentsConfig } from '../documents/config';
import { createDocumentFiles } from '../documents/files';
import { createLogger } from '../logging';
import type { PaymentsSettings } from '../payments';
import { startTestPayments, type TestPayments } from './payments';
import type { TicketBackend } from '../tickets/backend';

export { DEMO_PASSWORD } from '../auth/demo-credentials';

/** A clock that tests move forward to expire sessions. */
export class TestClock {
  private offsetMs = 0;

  now = (): Date => new Date(Date.now() + this.offsetMs);

  advance(milliseconds: number): void {
    this.offsetMs += milliseconds;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  erpDatabase: Database;
  portalDatabase: Database;
  erp: ReturnType<typeof createErpConnector>;
  portal: ReturnType<typeof createPortalStore>;
  /** SQL statements run against the ERP database, in order; clear with `erpStatements.length = 0`. */
  erpStatements: QueryEvent[];
  /** SQL statements run against the portal store, in order. */
  portalStatements: QueryEvent[];
  /** Log records of the gateway, parsed from pino's JSON lines. */
  logRecords: Record<string, unknown>[];
  clock: TestClock;
  /** Directory the server serves the web client from; it does not exist until a test creates it. */
  webDistDir: string;
  /** Click to Pay with the fake Stripe API, when `payments` was passed; null otherwise. */
  payments: TestPayments | null;
  /** Runs SQL on the ERP database directly, for expectations computed independently of the gateway. */
  erpQuery<Row>(text: string): Promise<Row[]>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<AppDeps['config']>;
  /** Turns Click to Pay on with these settings over the defaults of gateway/test/payments.ts. */
  payments?: Partial<PaymentsSettings>;
  /** Builds the ticket source over the test ERP; the ERP's own tickets when absent. */
  tickets?: (erp: ReturnType<typeof createErpConnector>, logger: ReturnType<typeof createLogger>) => TicketBackend;
  /**
   * ERP database to use instead of a new SQLite file, such as a PostgreSQL
   * test database. The caller creates and drops it; demo data is written into
   * it when its tables hold no customer yet.
   */
  erpDatabase?: { url: string; poolMax?: number; statementTimeoutMs?: number; connectTimeoutMs?: number; onQuery?: (event: QueryEvent) => void };
  /** Document file settings over the default, which generates a PDF for each demo document. */
  documents?: Partial<DocumentsConfig>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const directory = mkdtempSync(path.join(tmpdir(), 'rover-gateway-test-'));
  const logRecords: Record<string, unknown>[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line.trim() !== '') {
            logRecords.push(JSON.parse(line) as Record<string, unknown>);
          }
        }
        callback();
      },
    }),
  );

  const erpStatements: QueryEvent[] = [];
  const erpDatabase = openDatabase({
    url: `sqlite:${path.join(directory, 'erp.sqlite')}`,
    ...options.erpDatabase,
    logger,
    onQuery: (event) => {
      erpStatements.push(event);
      options.erpDatabase?.onQuery?.(event);
    },
  });
  const portalStatements: QueryEvent[] = [];
  const portalDatabase = openDatabase({
    url: `sqlite:${path.join(directory, 'portal.sqlite')}`,
    logger,
    onQuery: (event) => portalStatements.push(event),
  });

  await ensureDemoDatabase(erpDatabase);
  const portal = createPortalStore(portalDatabase);
  await portal.migrate();
  await seedDemoCredentials(portal.credentials, DEMO_CONTACT_EMAILS, logger);

  const erp = createErpConnector(erpDatabase);
  const tickets = options.tickets?.(erp, logger);
  const webDistDir = path.join(directory, 'web-dist');
  const clock = new TestClock();
  const payments =
    options.payments === undefined
      ? null
      : await startTestPayments({ erpDatabase, portalDatabase, invoices: erp.invoices, logger, clock: clock.now, settings: options.payments });
  const documentFiles = createDocumentFiles(
    { storeDirectory: null, urlHosts: [], fetchTimeoutMs: 30_000, demoFiles: true, ...options.documents },
    'Rover Supply Co.',
  );
  const app = await buildApp({
    config: {
      publicUrl: null,
      graphqlIntrospection: true,
      sessionIdleMinutes: 60,
      sessionMaxDays: 7,
      cookieSecure: false,
      trustProxy: false,
      webDistDir,
      supplierName: 'Rover Supply Co.',
      ...options.config,
    },
    logger,
    erp,
    documentFiles,
    ...(tickets === undefined ? {} : { tickets }),
    ...(payments === null ? {} : { payments: payments.feature }),
    portal,
    clock: clock.now,
  });
  const address = await app.listen({ host: '127.0.0.1', port: payments?.port ?? 0 });
  erpStatements.length = 0;
  portalStatements.length = 0;

  return {
    baseUrl: address,
    app,
    erpDatabase,
    portalDatabase,
    erp,
    portal,
    erpStatements,
    portalStatements,
    logRecords,
    clock,
    payments,
    async close() {
      await app.close();
      await payments?.close();
      if (tickets?.kind === 'salesforce') {
        await tickets.close();
      }
      await erpDatabase.close();
      await portalDatabase.close();
      rmSync(directory, { recursive: true, force: true });
    },

    webDistDir: options.config?.webDistDir ?? webDistDir,
    async erpQuery<Row>(text: string): Promise<Row[]> {
      // The SQLite driver returns integers as bigint; tests compare numbers.
      const result = await sql.raw<Record<string, unknown>>(text).execute(erpDatabase.db);
      return result.rows.map(
        (row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value])) as Row,
      );
    },
  };
}
