/**
 * Parsing and redaction of database URLs.
 *
 * Error messages and log lines show URLs only through `redactDatabaseUrl`,
 * so a password never reaches a log.
 */
import path from 'node:path';

import type { Engine } from './engine';

export type DatabaseUrl = SqliteUrl | PostgresUrl | MssqlUrl;

export interface SqliteUrl {
  engine: 'sqlite';
  /** Absolute file path, or ":memory:". */
  filename: string;
}

export interface PostgresUrl {
  engine: 'postgres';
  /** The URL for `pg`, without an `options` query parameter (see `startupOptions`). */
  connectionString: string;
  /** Value of the URL's `options` query parameter (server settings such as "-c search_path=erp"), if any. */
  startupOptions: string | null;
}

export interface MssqlUrl {
  engine: 'mssql';
  server: string;
  port: number;
  database: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
}

export const DATABASE_URL_EXAMPLES: Readonly<Record<Engine, readonly string[]>> = {
  sqlite: ['sqlite:./data/erp-demo.sqlite', 'sqlite:/var/lib/rover/erp.sqlite', 'sqlite::memory:'],
  postgres: ['postgres://portal:PASSWORD@localhost:5432/rover_erp'],
  mssql: ['mssql://portal:PASSWORD@localhost:1433/rover_erp?encrypt=true&trustServerCertificate=false'],
};

const MSSQL_PARAMETERS = ['encrypt', 'trustServerCertificate'];

/** Thrown for a database URL that cannot be used. The message names the setting and shows examples. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';

  constructor(
    readonly variableName: string,
    readonly reason: string,
  ) {
    const examples = Object.values(DATABASE_URL_EXAMPLES)
      .flat()
      .map((example) => `  ${example}`)
      .join('\n');
    super(`${variableName} is not a usable database URL: ${reason}. Examples:\n${examples}`);
  }
}

/**
 * Parses a database URL. The error for an unusable value names
 * `variableName` (such as "ERP_DATABASE_URL"). Relative SQLite paths are
 * resolved against the current directory.
 */
export function parseDatabaseUrl(variableName: string, value: string): DatabaseUrl {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new DatabaseUrlError(variableName, 'the value is empty');
  }

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite':
      return parseSqliteUrl(variableName, trimmed);
    case 'postgres':
    case 'postgresql':
      return parsePostgresUrl(variableName, trimmed);
    case 'mssql':
    case 'sqlserver':
      return parseMssqlUrl(variableName, trimmed);
    case undefined:
      throw new DatabaseUrlError(variableName, 'it does not start with a scheme such as "sqlite:", "postgres://" or "mssql://"');
    default:
      throw new DatabaseUrlError(variableName, `the scheme "${scheme}:" is not supported`);
  }
}

function parseSqliteUrl(variableName: string, value: string): SqliteUrl {
  // Both sqlite:path and sqlite://path are accepted, and sqlite:///abs/path keeps its leading slash.
  let location = value.slice('sqlite:'.length);
  if (location.startsWith('//')) {
    location = location.slice(2);
  }

  if (location === '') {
    throw new DatabaseUrlError(variableName, 'the SQLite file path after "sqlite:" is empty');
  }
  if (location === ':memory:') {
    return { engine: 'sqlite', filename: ':memory:' };
  }
  return { engine: 'sqlite', filename: path.resolve(location) };
}

function parseServerUrl(variableName: string, value: string, engine: 'postgres' | 'mssql'): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value may hold a password, so only its shape is described.
    throw new DatabaseUrlError(variableName, `the ${engine} URL cannot be parsed (check for unescaped "@", "/" or "#" in the user name or password)`);
  }

  if (url.hostname === '') {
    throw new DatabaseUrlError(variableName, 'the host name is missing');
  }
  if (url.pathname.length <= 1) {
    throw new DatabaseUrlError(variableName, 'the database name after the host is missing');
  }
  return url;
}

function parsePostgresUrl(variableName: string, value: string): PostgresUrl {
  const url = parseServerUrl(variableName, value, 'postgres');

  const startupOptions = url.searchParams.get('options');
  url.searchParams.delete('options');
  return { engine: 'postgres', connectionString: url.toString(), startupOptions };
}

function parseMssqlUrl(variableName: string, value: string): MssqlUrl {
  const url = parseServerUrl(variableName, value, 'mssql');

  for (const name of url.searchParams.keys()) {
    if (!MSSQL_PARAMETERS.includes(name)) {
      throw new DatabaseUrlError(variableName, `the SQL Server option "${name}" is not supported (supported: ${MSSQL_PARAMETERS.join(', ')})`);
    }
  }
  if (url.username === '') {
    throw new DatabaseUrlError(variableName, 'the SQL Server user name is missing');
  }

  const port = url.port === '' ? 1433 : Number(url.port);
  return {
    engine: 'mssql',
    server: url.hostname,
    port,
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    encrypt: parseFlag(variableName, url, 'encrypt', true),
    trustServerCertificate: parseFlag(variableName, url, 'trustServerCertificate', false),
  };
}

function parseFlag(variableName: string, url: URL, name: string, defaultValue: boolean): boolean {
  const text = url.searchParams.get(name);
  if (text === null) {
    return defaultValue;
  }
  if (text !== 'true' && text !== 'false') {
    throw new DatabaseUrlError(variableName, `the option ${name}="${text}" must be true or false`);
  }
  return text === 'true';
}

/** Returns the URL with its password replaced by "***", for logs and messages. */
export function redactDatabaseUrl(value: string): string {
  if (/^sqlite:/i.test(value.trim())) {
    return value.trim();
  }

  try {
    const url = new URL(value.trim());
    if (url.password !== '') {
      url.password = '***';
    }
    return url.toString();
  } catch {
    // An unparsable value may still contain a password, so none of it is shown.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.trim())?.[1] ?? 'unknown';
    return `${scheme}:(unparsable URL, not shown)`;
  }
}
