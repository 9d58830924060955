/**
 * A local Salesforce REST API for tests and development: the OAuth token
 * endpoint, SOQL queries with real `nextRecordsUrl` paging, sObject create and
 * retrieve, the limits resource and the Sforce-Limit-Info header, plus
 * switches that inject faults. It listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEV_CREDENTIALS } from '../dev-credentials';
import { FakeData } from './data';
import { seedDemoData } from './demo-data';
import { FaultSwitches } from './faults';
import { FakeAuth, type FakeConnectedApp } from './oauth';
import { DEFAULT_CLOSED_STATUSES, FakeOrg } from './org';
import { apiError, createRecord, notFound, retrieveRecord, type ApiAnswer } from './sobjects';
import { SoqlError } from './soql/errors';
import { executeSoql } from './soql/execute';

export interface FakeSalesforceOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Rows per query page before `nextRecordsUrl`; Salesforce's default is 2,000. */
  pageSize?: number;
  /** The daily API request limit reported in Sforce-Limit-Info. */
  apiRequestLimit?: number;
  /** Connected apps; defaults to the development app of DEV_CREDENTIALS. */
  apps?: FakeConnectedApp[];
  /** Case statuses that set IsClosed. */
  closedStatuses?: readonly string[];
  /** "demo" adds the demo Accounts, Contacts, Cases and comments. */
  seed?: 'none' | 'demo';
  /** Day the demo data is dated back from; defaults to today. */
  demoBaseDate?: Date;
}

export interface RequestLogEntry {
  kind: 'token' | 'data' | 'other';
  method: string;
  /** Path without the query string. */
  path: string;
  /** Length of the absolute URL as the client sent it. */
  urlLength: number;
  /** API version from the path, such as "62.0". */
  apiVersion: string | null;
  /** SOQL of a query request. */
  soql: string | null;
  status: number;
  durationMs: number;
}

export interface FakeSalesforce {
  url: string;
  data: FakeData;
  faults: FaultSwitches;
  /** The integration user (DEV_CREDENTIALS.username) and a support agent who writes support comments. */
  users: { integration: { id: string; username: string }; support: { id: string; name: string } };
  /** Invalidates every access token, as when sessions expire. */
  expireSessions(): void;
  issueRefreshToken(username?: string, clientId?: string): string;
  requests(): RequestLogEntry[];
  /** Requests to the REST data API (not the token endpoint). */
  dataRequests(): RequestLogEntry[];
  clearRequests(): void;
  stop(): Promise<void>;
}

const ORG_ID = '00D000000000001AAA';
const MIN_VERSION = 20;
const MAX_VERSION = 66;
const MAX_BODY_BYTES = 1_000_000;
const MAX_OPEN_CURSORS = 100;

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const pageSize = options.pageSize ?? 2_000;
  const apiRequestLimit = options.apiRequestLimit ?? 15_000;
  let baseUrl = '';

  const org = new FakeOrg(options.closedStatuses ?? DEFAULT_CLOSED_STATUSES);
  const auth = new FakeAuth(ORG_ID, () => baseUrl, options.apps ?? [{ clientId: DEV_CREDENTIALS.clientId, clientSecret: DEV_CREDENTIALS.clientSecret }]);
  const faults = new FaultSwitches();
  const log: RequestLogEntry[] = [];
  const cursors = new Map<string, { records: Record<string, unknown>[]; version: string }>();
  const timers = new Set<NodeJS.Timeout>();
  let apiRequestsUsed = 0;
  let cursorSerial = 0;

  // Users: the integration user signs in; the support agent writes support comments.
  const [integration, support] = [
    org.insert('User', { Name: 'Portal Integration', Username: DEV_CREDENTIALS.username, Email: DEV_CREDENTIALS.username, IsActive: true }, { userId: '' }),
    org.insert('User', { Name: 'Sam Rivera', Username: 'sam.rivera@supplier.example', Email: 'sam.rivera@supplier.example', IsActive: true }, { userId: '' }),
  ];
  const integrationId = String(integration?.Id);
  const supportId = String(support?.Id);
  auth.addLogin({ userId: integrationId, username: DEV_CREDENTIALS.username, password: DEV_CREDENTIALS.password, securityToken: DEV_CREDENTIALS.securityToken });
  const data = new FakeData(org, () => supportId);

  if (options.seed === 'demo') {
    seedDemoData(data, { integrationUserId: integrationId, supportUserId: supportId }, options.demoBaseDate ?? new Date());
  }

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const runQuery = (soql: string, version: string): ApiAnswer => {
    let result;
    try {
      result = executeSoql(org, soql, version);
    } catch (error) {
      if (error instanceof SoqlError) {
        return apiError(400, error.errorCode, error.message);
      }
      throw error;
    }

    if (result.kind === 'count') {
      return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } };
    }
    return { status: 200, body: pageOf(result.records, 0, version) };
  };

  const pageOf = (records: Record<string, unknown>[], offset: number, version: string): Record<string, unknown> => {
    const end = offset + pageSize;
    const page: Record<string, unknown> = { totalSize: records.length, done: end >= records.length, records: records.slice(offset, end) };
    if (end < records.length) {
      // Keep the full result under a query locator, as Salesforce does.
      let locator = [...cursors.entries()].find(([, cursor]) => cursor.records === records)?.[0];
      if (locator === undefined) {
        cursorSerial += 1;
        locator = `01gFAKE${String(cursorSerial).padStart(11, '0')}`;
        cursors.set(locator, { records, version });
        if (cursors.size > MAX_OPEN_CURSORS) {
          cursors.delete(cursors.keys().next().value as string);
        }
      }
      page.nextRecordsUrl = `/services/data/v${version}/query/${locator}-${end}`;
    }
    return page;
  };

  const handleData = async (request: IncomingMessage, version: string, rest: string, url: URL, body: string): Promise<ApiAnswer> => {
    const userId = auth.userForAccessToken((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    const fault = faults.take(request.method ?? 'GET');
    if (fault.delayMs > 0) {
      await delay(fault.delayMs);
    }
    if (userId === null || fault.invalidSession) {
      return apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    if (fault.requestLimit) {
      return apiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    if (fault.serverErrorStatus !== null) {
      return apiError(fault.serverErrorStatus, 'SERVER_UNAVAILABLE', 'The server is temporarily unable to handle the request.');
    }

    const method = request.method ?? 'GET';
    const locator = /^query\/(01g[A-Za-z0-9]+)-(\d+)$/.exec(rest);
    if (method === 'GET' && rest === 'query') {
      const soql = url.searchParams.get('q');
      return soql === null ? apiError(400, 'MALFORMED_QUERY', 'The q parameter is missing.') : runQuery(soql, version);
    }
    if (method === 'GET' && locator !== null) {
      const cursor = cursors.get(locator[1] ?? '');
      const offset = Number(locator[2]);
      if (cursor === undefined || offset >= cursor.records.length) {
        return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      }
      return { status: 200, body: pageOf(cursor.records, offset, version) };
    }
    if (method === 'GET' && rest === 'limits') {
      return { status: 200, body: { DailyApiRequests: { Max: apiRequestLimit, Remaining: Math.max(0, apiRequestLimit - apiRequestsUsed) } } };
    }

    const sobject = /^sobjects\/(\w+)(?:\/(\w+))?$/.exec(rest);
    if (sobject !== null && method === 'POST' && sobject[2] === undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return apiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
      }
      return createRecord(org, sobject[1] ?? '', parsed, userId);
    }
    if (sobject !== null && method === 'GET' && sobject[2] !== undefined) {
      return retrieveRecord(org, sobject[1] ?? '', sobject[2], version);
    }
    return notFound();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(request.url ?? '/', baseUrl);
    const body = await readBody(request);
    const entry: RequestLogEntry = {
      kind: 'other',
      method: request.method ?? 'GET',
      path: url.pathname,
      urlLength: baseUrl.length + (request.url ?? '').length,
      apiVersion: null,
      soql: url.searchParams.get('q'),
      status: 0,
      durationMs: 0,
    };

    let answer: ApiAnswer;
    const headers: Record<string, string> = {};
    const dataPath = /^\/services\/data\/v(\d+\.\d)\/(.+)$/.exec(url.pathname);

    if (url.pathname === '/services/oauth2/token' && request.method === 'POST') {
      entry.kind = 'token';
      entry.soql = null;
      answer = body === null ? apiError(413, 'REQUEST_TOO_LARGE', 'Request body too large.') : auth.handleTokenRequest(new URLSearchParams(body));
    } else if (url.pathname === '/services/data' || url.pathname === '/services/data/') {
      answer = { status: 200, body: supportedVersions() };
    } else if (dataPath !== null) {
      entry.kind = 'data';
      const version = dataPath[1] ?? '';
      entry.apiVersion = version;
      if (Number(version) < MIN_VERSION || Number(version) > MAX_VERSION) {
        answer = notFound();
      } else if (body === null) {
        answer = apiError(413, 'REQUEST_TOO_LARGE', 'Request body too large.');
      } else {
        answer = await handleData(request, version, dataPath[2] ?? '', url, body);
        if (answer.status !== 401) {
          apiRequestsUsed += 1;
          headers['Sforce-Limit-Info'] = `api-usage=${apiRequestsUsed}/${apiRequestLimit}`;
        }
      }
    } else {
      answer = notFound();
    }

    entry.status = answer.status;
    entry.durationMs = Date.now() - started;
    log.push(entry);
    if (!response.destroyed) {
      response.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
      response.end(JSON.stringify(answer.body));
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`Fake Salesforce failed on ${request.method ?? 'GET'} ${request.url ?? ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json;charset=UTF-8' });
      }
      response.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: error instanceof Error ? error.message : String(error) }]));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    data,
    faults,
    users: { integration: { id: integrationId, username: DEV_CREDENTIALS.username }, support: { id: supportId, name: 'Sam Rivera' } },
    expireSessions: () => auth.expireSessions(),
    issueRefreshToken: (username = DEV_CREDENTIALS.username, clientId = DEV_CREDENTIALS.clientId) => auth.issueRefreshToken(username, clientId),
    requests: () => [...log],
    dataRequests: () => log.filter((entry) => entry.kind === 'data'),
    clearRequests: () => {
      log.length = 0;
    },
    stop: async () => {
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads a request body as text; null when it is larger than MAX_BODY_BYTES. */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      return null;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function supportedVersions(): { label: string; url: string; version: string }[] {
  const versions = [];
  for (let version = MIN_VERSION; version <= MAX_VERSION; version += 1) {
    versions.push({ label: `v${version}.0`, url: `/services/data/v${version}.0`, version: `${version}.0` });
  }
  return versions;
}
