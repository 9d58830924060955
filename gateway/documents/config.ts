/**
 * Settings of the stores that the gateway reads order document files from:
 * the DOCUMENT_* environment variables. A bad value raises `ConfigError`
 * naming the variable and showing an example.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

import { ConfigError } from '../config-values';

export interface DocumentsConfig {
  /** DOCUMENT_STORE_DIR as an absolute path, or null when unset. */
  storeDirectory: string | null;
  /** DOCUMENT_URL_HOSTS, each spelled as `URL.host` spells it (lower case, no default port). */
  urlHosts: string[];
  /** DOCUMENT_FETCH_TIMEOUT_MS: time limit for fetching one file from a URL. */
  fetchTimeoutMs: number;
  /** DOCUMENT_DEMO_FILES: generate a PDF for storage keys under "demo/". */
  demoFiles: boolean;
}

type Environment = Readonly<Record<string, string | undefined>>;

const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/**
 * Reads the document variables. Relative paths resolve against `cwd`.
 * `embeddedDemo` is true when the ERP is the embedded demo database, which
 * turns demo files on unless DOCUMENT_DEMO_FILES is set.
 */
export function loadDocumentsConfig(env: Environment, cwd: string, embeddedDemo: boolean): DocumentsConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  return {
    storeDirectory: parseStoreDirectory(read('DOCUMENT_STORE_DIR'), cwd),
    urlHosts: parseUrlHosts(read('DOCUMENT_URL_HOSTS')),
    fetchTimeoutMs: parseTimeout(read('DOCUMENT_FETCH_TIMEOUT_MS')),
    demoFiles: parseDemoFiles(read('DOCUMENT_DEMO_FILES'), embeddedDemo),
  };
}

function parseStoreDirectory(value: string | undefined, cwd: string): string | null {
  if (value === undefined) {
    return null;
  }

  const directory = path.resolve(cwd, value);
  let isDirectory = false;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) {
    throw new ConfigError(
      `Invalid DOCUMENT_STORE_DIR "${value}": ${directory} is not an existing directory. Mount the ERP's document store and point the variable at it, for example DOCUMENT_STORE_DIR=/mnt/erp-documents.`,
    );
  }
  return directory;
}

function parseUrlHosts(value: string | undefined): string[] {
  if (value === undefined) {
    return [];
  }

  const hosts: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    hosts.push(parseHost(entry));
  }
  return [...new Set(hosts)];
}

/** Accepts "host" or "host:port" only, and spells it as `URL.host` does, so ":443" is dropped. */
function parseHost(entry: string): string {
  const invalid = (): ConfigError =>
    new ConfigError(
      `Invalid DOCUMENT_URL_HOSTS entry "${entry}": expected a host name with an optional port, without scheme, path or wildcard, for example DOCUMENT_URL_HOSTS=files.erp.example.com,docs.example.net:8443.`,
    );
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(entry)) {
    throw invalid();
  }

  let url: URL;
  try {
    url = new URL(`https://${entry}`);
  } catch {
    throw invalid();
  }
  if (url.pathname !== '/' || url.host === '') {
    throw invalid();
  }
  return url.host;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) {
    return DEFAULT_FETCH_TIMEOUT_MS;
  }

  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 1_000 || parsed > 600_000) {
    throw new ConfigError(
      `Invalid DOCUMENT_FETCH_TIMEOUT_MS "${value}": expected a whole number of milliseconds from 1000 to 600000, for example DOCUMENT_FETCH_TIMEOUT_MS=${DEFAULT_FETCH_TIMEOUT_MS}.`,
    );
  }
  return parsed;
}

function parseDemoFiles(value: string | undefined, embeddedDemo: boolean): boolean {
  if (value === undefined) {
    return embeddedDemo;
  }

  const normalized = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(normalized)) {
    return false;
  }
  throw new ConfigError(`Invalid DOCUMENT_DEMO_FILES "${value}": expected true or false, for example DOCUMENT_DEMO_FILES=true.`);
}
