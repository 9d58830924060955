/**
 * Settings of the Salesforce ticket connector, read from environment
 * variables. Every variable, its default and an example are listed in
 * README.md beside this file.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { TicketPriority, TicketStatus } from '../domain';
import { DEV_CREDENTIALS } from './dev-credentials';
import { EnvReader } from './env-reader';
import { Secret } from './secret';
import { parseValueMap, ValueMap } from './value-map';

export type SalesforceAuthConfig =
  | {
      /** OAuth 2.0 JWT bearer flow: a signed assertion for `username`, no password. */
      flow: 'jwt';
      clientId: string;
      username: string;
      privateKey: Secret;
      /** The assertion's `aud` claim. */
      audience: string;
    }
  | {
      /** OAuth 2.0 username-password flow; Salesforce expects the security token appended to the password. */
      flow: 'password';
      clientId: string;
      clientSecret: Secret | null;
      username: string;
      password: Secret;
      securityToken: Secret | null;
    }
  | {
      flow: 'refresh_token';
      clientId: string;
      clientSecret: Secret | null;
      refreshToken: Secret;
    };

/** Rule that links an ERP customer to its Salesforce Account. */
export type AccountMatch =
  /** The ERP stores the Account id on the customer (`Customer.salesforceAccountId`). */
  | { kind: 'account_id' }
  /** An Account field (an External ID) contains the ERP customer number. */
  | { kind: 'external_id'; field: string };

export interface SalesforceConfig {
  loginUrl: string;
  /** REST API version such as "62.0"; jsforce would otherwise use 50.0. */
  apiVersion: string;
  auth: SalesforceAuthConfig;
  /** True when the development credentials of the local fake are in use. */
  usesDevCredentials: boolean;
  accountMatch: AccountMatch;
  /** How long a customer's Account id (or its absence) is remembered. */
  accountCacheSeconds: number;
  /** API names of the Case fields that hold status, priority and origin. */
  caseFields: { status: string; priority: string; origin: string };
  /** Origin value written on Cases that the portal creates. */
  caseOrigin: string;
  statusMap: ValueMap<TicketStatus>;
  priorityMap: ValueMap<TicketPriority>;
  /** Limit for each HTTP request to Salesforce, in milliseconds. */
  timeoutMs: number;
  /** Retries of a read (GET) after a 5xx response or a network error. Writes are never retried. */
  retry: { maxRetries: number; delayMs: number };
  breaker: { failureThreshold: number; cooldownMs: number };
  /**
   * Read cache; ttlSeconds 0 turns it off. Without a Redis URL the cache lives
   * in process memory. The URL may contain a Redis password, so it is a Secret.
   */
  cache: { ttlSeconds: number; redisUrl: Secret | null };
}

export const TICKET_STATUSES: readonly TicketStatus[] = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'CLOSED'];
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['LOW', 'MEDIUM', 'HIGH'];

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
export const DEFAULT_API_VERSION = '62.0';
export const DEFAULT_STATUS_MAP =
  'New=NEW,Working=IN_PROGRESS,Escalated=IN_PROGRESS,Waiting on Customer=WAITING_ON_CUSTOMER,Closed=CLOSED';
export const DEFAULT_PRIORITY_MAP = 'Low=LOW,Medium=MEDIUM,High=HIGH';

const AUTH_FLOWS = ['jwt', 'password', 'refresh_token'] as const;
const ACCOUNT_MATCHES = ['account_id', 'external_id'] as const;

/**
 * Reads and checks every Salesforce setting. Throws one error that lists
 * every problem, each naming its variable with an example.
 */
export function loadSalesforceConfig(env: Readonly<Record<string, string | undefined>>): SalesforceConfig {
  const reader = new EnvReader(env);

  const loginUrl = readLoginUrl(reader);
  const loopback = isLoopbackUrl(loginUrl);

  const apiVersion = reader.optional('SALESFORCE_API_VERSION') ?? DEFAULT_API_VERSION;
  if (!/^[1-9]\d{1,2}\.0$/.test(apiVersion)) {
    reader.problems.push(
      `SALESFORCE_API_VERSION must be a REST API version such as ${DEFAULT_API_VERSION}, got ${JSON.stringify(apiVersion)}. Example: SALESFORCE_API_VERSION=${DEFAULT_API_VERSION}`,
    );
  }

  const { auth, usesDevCredentials } = readAuth(reader, loginUrl, loopback);

  const matchKind = reader.oneOf('SALESFORCE_ACCOUNT_MATCH', ACCOUNT_MATCHES, 'external_id') ?? 'external_id';
  const externalIdField = reader.apiName('SALESFORCE_ACCOUNT_EXTERNAL_ID_FIELD', 'Rover_Customer_Number__c');
  const accountMatch: AccountMatch =
    matchKind === 'account_id' ? { kind: 'account_id' } : { kind: 'external_id', field: externalIdField };

  const caseFields = {
    status: reader.apiName('SALESFORCE_CASE_STATUS_FIELD', 'Status'),
    priority: reader.apiName('SALESFORCE_CASE_PRIORITY_FIELD', 'Priority'),
    origin: reader.apiName('SALESFORCE_CASE_ORIGIN_FIELD', 'Origin'),
  };
  const caseOrigin = reader.optional('SALESFORCE_CASE_ORIGIN') ?? 'Customer Portal';
  if (caseOrigin.length > 255) {
    reader.problems.push(`SALESFORCE_CASE_ORIGIN must be at most 255 characters (a picklist value), got ${caseOrigin.length}.`);
  }

  const statusMap = readValueMap(reader, 'SALESFORCE_STATUS_MAP', DEFAULT_STATUS_MAP, TICKET_STATUSES);
  const priorityMap = readValueMap(reader, 'SALESFORCE_PRIORITY_MAP', DEFAULT_PRIORITY_MAP, TICKET_PRIORITIES);

  // A new ticket's priority is written as the first Salesforce value mapped to it.
  for (const priority of TICKET_PRIORITIES) {
    if (priorityMap.rawValuesFor(priority).length === 0) {
      reader.problems.push(
        `SALESFORCE_PRIORITY_MAP maps no Salesforce value to ${priority}, so a ticket with that priority cannot be created. Example: SALESFORCE_PRIORITY_MAP=${DEFAULT_PRIORITY_MAP}`,
      );
    }
  }

  const config: SalesforceConfig = {
    loginUrl,
    apiVersion,
    auth,
    usesDevCredentials,
    accountMatch,
    accountCacheSeconds: reader.integer('SALESFORCE_ACCOUNT_CACHE_SECONDS', 300, { min: 0, max: 86_400 }, 'seconds'),
    caseFields,
    caseOrigin,
    statusMap,
    priorityMap,
    timeoutMs: reader.integer('SALESFORCE_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }, 'milliseconds'),
    retry: {
      maxRetries: reader.integer('SALESFORCE_RETRIES', 1, { min: 0, max: 5 }, 'retries'),
      delayMs: reader.integer('SALESFORCE_RETRY_DELAY_MS', 250, { min: 0, max: 10_000 }, 'milliseconds'),
    },
    breaker: {
      failureThreshold: reader.integer('SALESFORCE_BREAKER_FAILURES', 5, { min: 1, max: 1_000 }, 'consecutive failures'),
      cooldownMs: reader.integer('SALESFORCE_BREAKER_COOLDOWN_MS', 30_000, { min: 10, max: 3_600_000 }, 'milliseconds'),
    },
    cache: {
      ttlSeconds: reader.integer('SALESFORCE_CACHE_TTL_SECONDS', 0, { min: 0, max: 3_600 }, 'seconds'),
      redisUrl: optionalSecret(reader.optional('REDIS_URL')),
    },
  };

  if (reader.problems.length > 0) {
    throw new Error(`Invalid Salesforce configuration:\n- ${reader.problems.join('\n- ')}`);
  }
  return config;
}

/** True for http(s) URLs on 127.0.0.0/8, ::1 or localhost: the local fake, never a real org. */
export function isLoopbackUrl(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function optionalSecret(value: string | undefined): Secret | null {
  return value === undefined ? null : new Secret(value);
}

function readLoginUrl(reader: EnvReader): string {
  const text = reader.optional('SALESFORCE_LOGIN_URL') ?? DEFAULT_LOGIN_URL;

  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }

  // Plain http would send credentials unencrypted, so it is only for the local fake.
  const valid = url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(text)));
  if (!valid) {
    reader.problems.push(
      `SALESFORCE_LOGIN_URL must be an https URL (http only on 127.0.0.1 or localhost), got ${JSON.stringify(text)}. Example: SALESFORCE_LOGIN_URL=${DEFAULT_LOGIN_URL}`,
    );
    return DEFAULT_LOGIN_URL;
  }
  return text.replace(/\/+$/, '');
}

function readAuth(
  reader: EnvReader,
  loginUrl: string,
  loopback: boolean,
): { auth: SalesforceAuthConfig; usesDevCredentials: boolean } {
  // Against the local fake every credential may be left out; anywhere else a
  // missing credential is an error, never a silent default.
  const devDefault = <T>(value: T): T | undefined => (loopback ? value : undefined);
  const flow = reader.oneOf('SALESFORCE_AUTH', AUTH_FLOWS, devDefault('password'));
  if (flow === undefined) {
    reader.problems.push(
      'SALESFORCE_AUTH is missing; choose how the connector signs in to Salesforce: jwt, password or refresh_token. Example: SALESFORCE_AUTH=jwt',
    );
  }

  const clientId =
    reader.optional('SALESFORCE_CLIENT_ID') ??
    devDefault(DEV_CREDENTIALS.clientId) ??
    reader.required('SALESFORCE_CLIENT_ID', '3MVG9...', "set the connected app's consumer key");
  const clientSecretText =
    reader.optionalSecret('SALESFORCE_CLIENT_SECRET') ?? (flow === 'password' ? devDefault(DEV_CREDENTIALS.clientSecret) : undefined);
  const clientSecret = clientSecretText === undefined ? null : new Secret(clientSecretText);

  switch (flow) {
    case 'jwt': {
      const username =
        reader.optional('SALESFORCE_USERNAME') ??
        devDefault(DEV_CREDENTIALS.username) ??
        reader.required('SALESFORCE_USERNAME', 'portal-integration@example.com', 'the JWT flow signs in as this Salesforce user');
      return {
        auth: {
          flow,
          clientId,
          username,
          privateKey: readPrivateKey(reader),
          audience: reader.optional('SALESFORCE_JWT_AUDIENCE') ?? defaultJwtAudience(loginUrl),
        },
        usesDevCredentials: false,
      };
    }

    case 'refresh_token':
      return {
        auth: {
          flow,
          clientId,
          clientSecret,
          refreshToken: new Secret(
            reader.requiredSecret('SALESFORCE_REFRESH_TOKEN', '5Aep861...', 'the refresh_token flow needs a refresh token issued to the connected app'),
          ),
        },
        usesDevCredentials: false,
      };

    case 'password':
    case undefined: {
      const username = reader.optional('SALESFORCE_USERNAME') ?? devDefault(DEV_CREDENTIALS.username);
      const password = reader.optionalSecret('SALESFORCE_PASSWORD') ?? devDefault(DEV_CREDENTIALS.password);
      const securityToken =
        reader.optionalSecret('SALESFORCE_SECURITY_TOKEN') ?? (password === DEV_CREDENTIALS.password ? DEV_CREDENTIALS.securityToken : undefined);

      if (flow === 'password') {
        if (username === undefined) {
          reader.required('SALESFORCE_USERNAME', 'portal-integration@example.com', 'the password flow signs in as this Salesforce user');
        }
        if (password === undefined) {
          reader.requiredSecret('SALESFORCE_PASSWORD', '<password>', "the password flow needs the integration user's password");
        }
        if (clientSecret === null) {
          reader.requiredSecret('SALESFORCE_CLIENT_SECRET', '<consumer secret>', "Salesforce's password flow needs the connected app's consumer secret");
        }
      }

      const usesDevCredentials =
        loopback && clientId === DEV_CREDENTIALS.clientId && username === DEV_CREDENTIALS.username && password === DEV_CREDENTIALS.password;
      return {
        auth: {
          flow: 'password',
          clientId,
          clientSecret,
          username: username ?? '',
          password: new Secret(password ?? ''),
          securityToken: securityToken === undefined ? null : new Secret(securityToken),
        },
        usesDevCredentials,
      };
    }
  }
}

function readPrivateKey(reader: EnvReader): Secret {
  const inline = reader.optionalSecret('SALESFORCE_PRIVATE_KEY');
  const file = reader.optional('SALESFORCE_PRIVATE_KEY_FILE');

  if (inline !== undefined && file !== undefined) {
    reader.problems.push('Set either SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE, not both.');
    return new Secret('');
  }
  if (inline === undefined && file === undefined) {
    reader.problems.push(
      'SALESFORCE_PRIVATE_KEY_FILE is missing; the JWT flow signs its assertion with the private key whose certificate is uploaded to the connected app. Example: SALESFORCE_PRIVATE_KEY_FILE=/run/secrets/salesforce.key (or the PEM text in SALESFORCE_PRIVATE_KEY)',
    );
    return new Secret('');
  }

  let pem: string;
  let source: string;
  if (file !== undefined) {
    source = `SALESFORCE_PRIVATE_KEY_FILE (${file})`;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'read error';
      reader.problems.push(`SALESFORCE_PRIVATE_KEY_FILE ${JSON.stringify(file)} cannot be read (${code}); check the path and its permissions.`);
      return new Secret('');
    }
  } else {
    source = 'SALESFORCE_PRIVATE_KEY';
    // Environment files often carry a PEM on one line with literal "\n".
    pem = (inline ?? '').replace(/\\n/g, '\n');
  }

  try {
    createPrivateKey(pem);
  } catch {
    reader.problems.push(`${source} is not a PEM private key; expected text starting with "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----".`);
  }
  return new Secret(pem);
}

/**
 * Salesforce expects `aud` to be https://login.salesforce.com for production
 * orgs and https://test.salesforce.com for sandboxes, even when the token is
 * requested from a My Domain URL; anything else (an Experience Cloud site,
 * the local fake) uses the login URL itself.
 */
function defaultJwtAudience(loginUrl: string): string {
  const hostname = new URL(loginUrl).hostname;
  if (hostname === 'test.salesforce.com' || hostname.endsWith('.sandbox.my.salesforce.com')) {
    return 'https://test.salesforce.com';
  }
  if (hostname.endsWith('.salesforce.com')) {
    return 'https://login.salesforce.com';
  }
  return loginUrl;
}

function readValueMap<Domain extends string>(
  reader: EnvReader,
  variable: string,
  fallback: string,
  allowed: readonly Domain[],
): ValueMap<Domain> {
  const result = parseValueMap(variable, reader.optional(variable) ?? fallback, allowed);
  if ('problems' in result) {
    reader.problems.push(...result.problems.map((problem) => `${problem} Example: ${variable}=${fallback}`));
    return new ValueMap<Domain>([]);
  }
  return result.map;
}
