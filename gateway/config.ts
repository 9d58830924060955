/**
 * Gateway configuration from environment variables. `loadConfig` validates
 * every variable up front, so a bad value stops start-up with one message
 * that names the variable, shows the value (unless it may hold a secret)
 * and gives an example.
 */
import path from 'node:path';

import type { LevelWithSilent } from 'pino';

import { loadSalesforceConfig, type SalesforceConfig } from '../connectors/salesforce';
import { parseDatabaseUrl } from '../connectors/sql';
import { ConfigError, parseBoolean, parseInteger } from './config-values';
import { loadDocumentsConfig, type DocumentsConfig } from './documents/config';
import { loadPaymentsConfig, type PaymentsConfig } from './payments/config';

export interface GatewayConfig {
  port: number;
  host: string;
  /** Absolute directory for the embedded SQLite files. */
  dataDir: string;
  erpDatabaseUrl: string;
  /** True when ERP_DATABASE_URL is unset: only then is demo data generated on first start. */
  erpIsEmbeddedDemo: boolean;
  portalDatabaseUrl: string;
  /** Absolute base address without a trailing slash, or null to derive it from each request. */
  publicUrl: string | null;
  logLevel: LevelWithSilent;
  graphqlIntrospection: boolean;
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  cookieSecure: boolean;
  /** Passed to Fastify's `trustProxy`: false, true, a hop count or a list of addresses and CIDR ranges. */
  trustProxy: boolean | number | string[];
  dbPoolMax: number;
  dbStatementTimeoutMs: number;
  /** Absolute directory of the built web client. */
  webDistDir: string;
  /** Company name printed at the top of invoice PDFs. */
  supplierName: string;
  /** Source of support tickets (TICKETS_SOURCE), with the Salesforce settings when it is salesforce. */
  tickets: TicketsConfig;
  /** Click to Pay (STRIPE_* and PAYMENTS_* variables), read by gateway/payments/config.ts. */
  payments: PaymentsConfig;
  /** Stores of order document files (DOCUMENT_* variables), read by gateway/documents/config.ts. */
  documents: DocumentsConfig;
}

export type TicketsConfig = { source: 'erp' } | { source: 'salesforce'; salesforce: SalesforceConfig };

// Re-exported so that callers of loadConfig catch the error type from the same module.
export { ConfigError };

type Environment = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the configuration; relative paths resolve against `cwd`. */
export function loadConfig(env: Environment = process.env, cwd: string = process.cwd()): GatewayConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const dataDir = path.resolve(cwd, read('PORTAL_DATA_DIR') ?? './data');

  const erpUrlFromEnv = read('ERP_DATABASE_URL');
  const erpDatabaseUrl = erpUrlFromEnv ?? `sqlite:${path.join(dataDir, 'erp-demo.sqlite')}`;
  checkDatabaseUrl('ERP_DATABASE_URL', erpDatabaseUrl);

  const portalDatabaseUrl = read('PORTAL_DATABASE_URL') ?? `sqlite:${path.join(dataDir, 'portal.sqlite')}`;
  checkDatabaseUrl('PORTAL_DATABASE_URL', portalDatabaseUrl);

  const publicUrl = parsePublicUrl(read('PUBLIC_URL'));

  return {
    port: parseInteger('PORT', read('PORT'), 4000, 0, 65535),
    host: parseHost(read('HOST')),
    dataDir,
    erpDatabaseUrl,
    erpIsEmbeddedDemo: erpUrlFromEnv === undefined,
    portalDatabaseUrl,
    publicUrl,
    logLevel: parseLogLevel(read('LOG_LEVEL')),
    graphqlIntrospection: parseBoolean('GRAPHQL_INTROSPECTION', read('GRAPHQL_INTROSPECTION'), true),
    sessionIdleMinutes: parseInteger('SESSION_IDLE_MINUTES', read('SESSION_IDLE_MINUTES'), 60, 1, 7 * 24 * 60),
    sessionMaxDays: parseInteger('SESSION_MAX_DAYS', read('SESSION_MAX_DAYS'), 7, 1, 365),
    cookieSecure: parseBoolean('COOKIE_SECURE', read('COOKIE_SECURE'), publicUrl?.startsWith('https:') ?? false),
    trustProxy: parseTrustProxy(read('TRUST_PROXY')),
    dbPoolMax: parseInteger('DB_POOL_MAX', read('DB_POOL_MAX'), 10, 1, 1000),
    dbStatementTimeoutMs: parseInteger('DB_STATEMENT_TIMEOUT_MS', read('DB_STATEMENT_TIMEOUT_MS'), 15_000, 1, 3_600_000),
    webDistDir: path.resolve(cwd, read('WEB_DIST_DIR') ?? 'web/dist'),
    supplierName: read('SUPPLIER_NAME') ?? 'Rover Supply Co.',
    tickets: parseTicketsSource(read('TICKETS_SOURCE'), env),
    payments: loadPaymentsConfig(env, publicUrl),
    documents: loadDocumentsConfig(env, cwd, erpUrlFromEnv === undefined),
  };
}

function parseTicketsSource(value: string | undefined, env: Environment): TicketsConfig {
  const source = value?.toLowerCase() ?? 'erp';
  if (source === 'erp') {
    return { source };
  }
  if (source !== 'salesforce') {
    throw new ConfigError(`Invalid TICKETS_SOURCE "${value}": expected erp (the ERP's service cases, the default) or salesforce, for example TICKETS_SOURCE=salesforce.`);
  }

  // The Salesforce settings are checked only when they are used. Their
  // message lists every invalid SALESFORCE_* variable and leaves secrets out.
  try {
    return { source, salesforce: loadSalesforceConfig(env) };
  } catch (error) {
    throw new ConfigError(`TICKETS_SOURCE=salesforce needs valid Salesforce settings. ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkDatabaseUrl(name: string, value: string): void {
  // parseDatabaseUrl names the variable and gives examples, and leaves any
  // password out of its message.
  try {
    parseDatabaseUrl(name, value);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

function parseHost(value: string | undefined): string {
  if (value === undefined) {
    return '127.0.0.1';
  }

  // A host name, an IPv4 address or an IPv6 address (with or without brackets).
  if (!/^(\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]+|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/.test(value)) {
    throw new ConfigError(`Invalid HOST "${value}": expected a host name or IP address to listen on, for example HOST=0.0.0.0.`);
  }
  return value.replace(/^\[(.*)\]$/, '$1');
}

function parseLogLevel(value: string | undefined): LevelWithSilent {
  if (value === undefined) {
    return 'info';
  }

  const level = LOG_LEVELS.find((candidate) => candidate === value.toLowerCase());
  if (level === undefined) {
    throw new ConfigError(`Invalid LOG_LEVEL "${value}": expected one of ${LOG_LEVELS.join(', ')}, for example LOG_LEVEL=debug.`);
  }
  return level;
}

function parsePublicUrl(value: string | undefined): string | null {
  if (value === undefined) {
    return null;
  }

  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }

  const valid =
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if (!valid || url === null) {
    throw new ConfigError(
      `Invalid PUBLIC_URL "${value}": expected an absolute http or https address without query or fragment, for example PUBLIC_URL=https://portal.example.com.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined) {
    return false;
  }

  const normalized = value.toLowerCase();
  if (normalized === 'true' || normalized === 'false') {
    return normalized === 'true';
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }

  // A comma-separated list of proxy addresses or CIDR ranges.
  const entries = value.split(',').map((entry) => entry.trim());
  const addressPattern = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;
  if (entries.some((entry) => !addressPattern.test(entry))) {
    throw new ConfigError(
      `Invalid TRUST_PROXY "${value}": expected true, false, a number of proxy hops, or a comma-separated list of addresses and CIDR ranges, for example TRUST_PROXY=10.0.0.0/8,127.0.0.1.`,
    );
  }
  return entries;
}
