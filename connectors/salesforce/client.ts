/**
 * The only code that sends requests to Salesforce's REST API. Every call goes
 * through one path that:
 * - signs in lazily and, on INVALID_SESSION_ID, renews the token and resends
 *   the request once (a second rejection fails at once, never loops);
 * - applies a timeout per HTTP request and retries failed reads a bounded
 *   number of times (jsforce's own retries are switched off, so the count
 *   and the delays are this module's);
 * - turns unavailability into UpstreamUnavailableError and feeds the
 *   circuit breaker;
 * - counts every HTTP request and records the Sforce-Limit-Info header.
 *
 * Queries follow every `nextRecordsUrl`, so a result is never cut short
 * (jsforce's `Connection.query` would stop at `maxFetch`, 10,000 records by
 * default).
 */
import { Connection } from 'jsforce';
import type { HttpRequest } from 'jsforce/lib/types';
import type { Logger } from 'pino';

import { UpstreamUnavailableError } from '../errors';
import { requestToken, TokenRequestError, type SessionToken } from './auth';
import { CircuitBreaker, CircuitOpenError, type BreakerStateName } from './breaker';
import type { SalesforceConfig } from './config';
import { encodeSoql } from './in-chunks';
import { ObservedTransport } from './observed-transport';
import { classifyFailure, SalesforceRequestError } from './request-errors';

export interface QueryResult<R> {
  totalSize: number;
  records: R[];
}

interface QueryPage<R> {
  totalSize: number;
  done: boolean;
  records: R[];
  nextRecordsUrl?: string;
}

/** The org's daily API request usage from the latest Sforce-Limit-Info header. */
export interface ApiUsage {
  used: number;
  max: number;
  /** When the header was read, ISO 8601. */
  observedAt: string;
}

export interface ClientCounters {
  /** HTTP requests to the REST data API, including retries, renewed sends and query pages. */
  apiCalls: number;
  /** Requests to the OAuth token endpoint (sign-ins and renewals). */
  authCalls: number;
}

interface Session {
  token: SessionToken;
  connection: Connection;
}

class InvalidSessionError extends Error {
  override readonly name = 'InvalidSessionError';
}

const UPSTREAM = 'salesforce';

export class SalesforceClient {
  readonly counters: ClientCounters = { apiCalls: 0, authCalls: 0 };
  private apiUsage: ApiUsage | null = null;
  private session: Session | null = null;
  private pendingSignIn: Promise<Session> | null = null;
  private lastSuccess: number | null = null;
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly config: SalesforceConfig,
    private readonly logger: Logger,
  ) {
    this.breaker = new CircuitBreaker({
      failureThreshold: config.breaker.failureThreshold,
      cooldownMs: config.breaker.cooldownMs,
      onChange: (from, to) => {
        const log = to === 'open' ? this.logger.warn.bind(this.logger) : this.logger.info.bind(this.logger);
        log({ from, to, cooldownMs: config.breaker.cooldownMs }, 'Salesforce circuit breaker changed state');
      },
    });
  }

  get breakerState(): BreakerStateName {
    return this.breaker.state;
  }

  get latestApiUsage(): ApiUsage | null {
    return this.apiUsage;
  }

  /** When a call last reached Salesforce (epoch milliseconds), or null before the first. */
  get lastSuccessAt(): number | null {
    return this.lastSuccess;
  }

  /** Id of the Salesforce user the connector acts as; signs in when needed. */
  async integrationUserId(): Promise<string> {
    return (await this.sessionForLocalUse()).token.userId;
  }

  /** Id of the org the connector is signed in to; signs in when needed. */
  async organizationId(): Promise<string> {
    return (await this.sessionForLocalUse()).token.orgId;
  }

  /**
   * Returns a function that gives the full URL a query would be sent to, for
   * keeping chunked IN queries under a URL length. Signs in when needed,
   * because the URL starts with the org's instance URL.
   */
  async queryUrlBuilder(): Promise<(soql: string) => string> {
    const session = await this.sessionForLocalUse();
    const base = `${session.token.instanceUrl}/services/data/v${this.config.apiVersion}/query?q=`;
    return (soql) => base + encodeSoql(soql);
  }

  /** Runs a SOQL query and follows every `nextRecordsUrl` until the result is complete. */
  async query<R>(soql: string): Promise<QueryResult<R>> {
    const label = `query on ${/\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? 'an object'}`;

    let page = await this.call<QueryPage<R>>({ method: 'GET', url: `/query?q=${encodeSoql(soql)}` }, true, label, soql);
    const records = [...page.records];
    while (!page.done) {
      if (page.nextRecordsUrl === undefined) {
        throw new SalesforceRequestError(`Salesforce returned an unfinished ${label} without a nextRecordsUrl.`, null, null);
      }
      page = await this.call<QueryPage<R>>({ method: 'GET', url: page.nextRecordsUrl }, true, `${label} (next page)`);
      for (const record of page.records) {
        records.push(record);
      }
    }

    // COUNT() returns no rows and the count in totalSize; anything else must
    // return every row it counts.
    if (records.length > 0 && records.length !== page.totalSize) {
      throw new SalesforceRequestError(
        `Salesforce returned ${records.length} of ${page.totalSize} records for a ${label}; refusing an incomplete result.`,
        null,
        null,
      );
    }
    return { totalSize: page.totalSize, records };
  }

  /** Creates one record and returns its id. Never retried, so a timeout cannot create it twice. */
  async create(sobject: string, fields: Record<string, unknown>): Promise<string> {
    const result = await this.call<{ id?: string; success?: boolean; errors?: unknown[] }>(
      {
        method: 'POST',
        url: `/sobjects/${sobject}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      },
      false,
      `create ${sobject}`,
    );

    if (result.success !== true || typeof result.id !== 'string') {
      throw new SalesforceRequestError(`Salesforce did not create the ${sobject}: ${JSON.stringify(result.errors ?? result)}.`, null, null);
    }
    return result.id;
  }

  /** Reads the org's limits resource; the health check uses it as a cheap call. */
  async readLimits(): Promise<Record<string, { Max: number; Remaining: number }>> {
    return this.call({ method: 'GET', url: '/limits' }, true, 'limits');
  }

  private async call<T>(request: HttpRequest, idempotent: boolean, label: string, soql?: string): Promise<T> {
    return this.guarded(label, async () => {
      const session = await this.currentSession();
      try {
        return await this.send<T>(session, request, idempotent, label, soql);
      } catch (error) {
        if (!(error instanceof InvalidSessionError)) {
          throw error;
        }
      }

      // The token expired or was revoked: renew it and send once more.
      this.logger.info({ request: label }, 'Salesforce session is invalid; renewing the access token');
      const renewed = await this.renewSession(session);
      try {
        return await this.send<T>(renewed, request, idempotent, label, soql);
      } catch (error) {
        if (error instanceof InvalidSessionError) {
          this.logger.error({ request: label }, 'Salesforce rejected a freshly issued session');
          throw new UpstreamUnavailableError(
            UPSTREAM,
            `Salesforce rejected the ${label} with INVALID_SESSION_ID again right after the access token was renewed. Check that the integration user is active, has the "API Enabled" permission and is not blocked by login IP ranges or session settings.`,
            { cause: error },
          );
        }
        throw error;
      }
    });
  }

  /** Runs `work` under the circuit breaker: refused while open, and counted as success or failure. */
  private async guarded<T>(label: string, work: () => Promise<T>): Promise<T> {
    let permit;
    try {
      permit = this.breaker.acquire();
    } catch (error) {
      if (error instanceof CircuitOpenError) {
        throw new UpstreamUnavailableError(UPSTREAM, `Salesforce ${label} was not sent: ${error.message}.`, { cause: error });
      }
      throw error;
    }

    try {
      const result = await work();
      this.breaker.succeeded(permit);
      this.lastSuccess = Date.now();
      return result;
    } catch (error) {
      if (error instanceof UpstreamUnavailableError) {
        this.breaker.failed(permit);
      } else {
        // Salesforce responded (with a rejection), so the org itself is reachable.
        this.breaker.succeeded(permit);
      }
      throw error;
    }
  }

  /** Sends one request, retrying reads after 5xx responses and network errors. */
  private async send<T>(session: Session, request: HttpRequest, idempotent: boolean, label: string, soql?: string): Promise<T> {
    const { timeoutMs } = this.config;
    const { maxRetries, delayMs } = this.config.retry;

    for (let attempt = 0; ; attempt += 1) {
      this.counters.apiCalls += 1;
      const transport = new ObservedTransport();
      const started = Date.now();
      let timedOut = false;

      try {
        // jsforce's retries are off (no methods qualify) so that each attempt is counted here.
        const pending = session.connection.request<T>(request, { transport, timeout: timeoutMs, retry: { methods: [] } });
        const result = await withTimeout(pending, timeoutMs, () => {
          timedOut = true;
        });
        this.recordApiUsage(transport);
        this.logger.debug({ request: label, soql, status: transport.response?.statusCode, durationMs: Date.now() - started }, 'Salesforce call');
        return result;
      } catch (error) {
        this.recordApiUsage(transport);
        const durationMs = Date.now() - started;
        const failure = classifyFailure(error, transport.response, timedOut || durationMs >= timeoutMs);
        const context = { request: label, status: failure.status, errorCode: failure.errorCode, durationMs, attempt };

        if (failure.kind === 'invalid-session') {
          throw new InvalidSessionError(failure.detail);
        }

        if (failure.kind === 'rejected') {
          this.logger.error({ ...context, soql, detail: failure.detail }, 'Salesforce rejected a request');
          throw new SalesforceRequestError(
            `Salesforce rejected the ${label}: ${failure.errorCode ?? `HTTP ${failure.status ?? '?'}`}: ${failure.detail}`,
            failure.errorCode,
            failure.status,
            { cause: error },
          );
        }

        if (idempotent && failure.retryable && attempt < maxRetries) {
          const waitMs = delayMs * 2 ** attempt;
          this.logger.warn({ ...context, retryInMs: waitMs }, 'Salesforce call failed; retrying');
          await sleep(waitMs);
          continue;
        }

        this.logger.error({ ...context, detail: failure.detail }, 'Salesforce call failed');
        throw new UpstreamUnavailableError(UPSTREAM, this.describeUnavailable(label, failure.errorCode, failure.status, failure.detail), {
          cause: error,
        });
      }
    }
  }

  private describeUnavailable(label: string, errorCode: string | null, status: number | null, detail: string): string {
    if (errorCode === 'TIMEOUT') {
      return `Salesforce did not answer the ${label} within ${this.config.timeoutMs} ms (SALESFORCE_TIMEOUT_MS).`;
    }
    if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
      const usage = this.apiUsage === null ? '' : ` (api-usage ${this.apiUsage.used}/${this.apiUsage.max})`;
      return `Salesforce rejected the ${label} with REQUEST_LIMIT_EXCEEDED${usage} because the org's API request limit is used up. Calls succeed again once the rolling 24-hour window frees capacity.`;
    }
    if (status !== null) {
      return `Salesforce responded to the ${label} with HTTP ${status}${errorCode === null ? '' : ` ${errorCode}`}: ${detail}`;
    }
    return `Salesforce could not be reached for the ${label}: ${detail}`;
  }

  private recordApiUsage(transport: ObservedTransport): void {
    const header = transport.response?.headers['sforce-limit-info'];
    const match = header === undefined ? null : /api-usage=(\d+)\/(\d+)/.exec(header);
    if (match !== null) {
      this.apiUsage = { used: Number(match[1]), max: Number(match[2]), observedAt: new Date().toISOString() };
    }
  }

  /**
   * Returns the session for reading its details. An existing session skips the
   * circuit breaker, so reading it never counts as the half-open probe. Only a
   * needed sign-in goes through the breaker.
   */
  private async sessionForLocalUse(): Promise<Session> {
    return this.session ?? this.guarded('sign-in', () => this.currentSession());
  }

  private async currentSession(): Promise<Session> {
    return this.session ?? this.renewSession(null);
  }

  /**
   * Signs in again unless another request already replaced `stale`. Requests
   * that fail together share one sign-in.
   */
  private renewSession(stale: Session | null): Promise<Session> {
    if (this.session !== null && this.session !== stale) {
      return Promise.resolve(this.session);
    }
    this.pendingSignIn ??= this.signIn().finally(() => {
      this.pendingSignIn = null;
    });
    return this.pendingSignIn;
  }

  private async signIn(): Promise<Session> {
    const { auth, loginUrl, apiVersion, timeoutMs } = this.config;
    this.counters.authCalls += 1;

    let token: SessionToken;
    try {
      token = await requestToken(loginUrl, auth, timeoutMs);
    } catch (error) {
      if (!(error instanceof TokenRequestError)) {
        throw error;
      }
      this.logger.error({ flow: auth.flow, loginUrl, oauthError: error.oauthError, status: error.status }, 'Salesforce sign-in failed');
      throw new UpstreamUnavailableError(UPSTREAM, `${error.message} ${signInHint(this.config)}`, { cause: error });
    }

    // No oauth2 client id and no refresh function are passed, so jsforce has
    // no session refresh delegate and cannot renew (or loop) on its own.
    const connection = new Connection({ instanceUrl: token.instanceUrl, accessToken: token.accessToken, version: apiVersion });
    this.session = { token, connection };
    this.logger.info({ flow: auth.flow, instanceUrl: token.instanceUrl, userId: token.userId }, 'Signed in to Salesforce');
    return this.session;
  }
}

function signInHint(config: SalesforceConfig): string {
  switch (config.auth.flow) {
    case 'jwt':
      return 'Check SALESFORCE_CLIENT_ID, SALESFORCE_USERNAME and SALESFORCE_PRIVATE_KEY(_FILE): the key must match the certificate uploaded to the connected app, and the user must be pre-authorized for it.';
    case 'password':
      return 'Check SALESFORCE_USERNAME, SALESFORCE_PASSWORD, SALESFORCE_SECURITY_TOKEN, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET.';
    case 'refresh_token':
      return 'Check SALESFORCE_REFRESH_TOKEN and SALESFORCE_CLIENT_ID; the refresh token may have been revoked or may have expired.';
  }
}

/** Resolves or rejects like `pending`, or rejects after `timeoutMs` (calling `onTimeout` first). */
function withTimeout<T>(pending: Promise<T>, timeoutMs: number, onTimeout: () => void): Promise<T> {
  // The losing promise may still reject later; that rejection is expected and handled here.
  pending.catch(() => undefined);

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`Timed out after ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
