/**
 * Support tickets from Salesforce: a portal ticket is a Case on the
 * customer's Account, and its public comments are the Case's published
 * CaseComments. See README.md beside this file for settings and wiring.
 */
import type { Logger } from 'pino';

import type { Contact, Customer, TicketComment } from '../domain';
import { UpstreamUnavailableError } from '../errors';
import type { DirectorySource, HealthCheck, TicketSource } from '../sources';
import { AccountQueries } from './account-queries';
import { AccountResolver } from './accounts';
import { AccountScopedCache, MemoryCacheStore, type CacheStatistics, type CacheStore } from './cache';
import { CaseMapper } from './case-records';
import { SalesforceClient, type ApiUsage, type ClientCounters } from './client';
import type { SalesforceConfig } from './config';
import { connectRedisCacheStore } from './redis-cache';
import { TicketConditions } from './ticket-filter';
import { TicketLister } from './ticket-list';
import { TicketReader } from './ticket-reads';
import { TicketWriter } from './ticket-writes';
import { UnknownValueReporter, type UnknownValueCount } from './unknown-values';

export { loadSalesforceConfig, type SalesforceConfig } from './config';
export { MemoryCacheStore, type CacheStore } from './cache';
export { RedisCacheStore } from './redis-cache';
export { AccountNotLinkedError } from './ticket-writes';

/** A health check sends a request only when no call has reached Salesforce for this long. */
const HEALTH_PROBE_INTERVAL_MS = 60_000;

export interface SalesforceStats extends ClientCounters {
  breaker: 'closed' | 'open' | 'half-open';
  /** Case values missing from the mapping tables, with how often each was read. */
  unknownValues: UnknownValueCount[];
  /** Null when the read cache is off. */
  cache: CacheStatistics | null;
}

export interface SalesforceTicketSource extends TicketSource {
  /**
   * Adds a published comment, written by `contact`, to the customer's ticket
   * `ticketNumber`. Returns null when the customer has no ticket with that
   * number. Throws ConnectorInputError for an empty or too long body.
   */
  addComment(customer: Customer, contact: Contact, ticketNumber: string, body: string): Promise<TicketComment | null>;
  /**
   * For `/readyz`: fails while the circuit breaker is open or Salesforce does
   * not respond. Sends a request (GET /limits) only when no call has reached
   * Salesforce in the last minute.
   */
  readonly health: HealthCheck;
  /** The org's API usage from the latest Sforce-Limit-Info header; null before the first call. */
  limits(): ApiUsage | null;
  stats(): SalesforceStats;
}

export function createSalesforceTicketSource(options: {
  config: SalesforceConfig;
  directory: DirectorySource;
  logger: Logger;
  /** Store for the read cache; used only when SALESFORCE_CACHE_TTL_SECONDS is above 0. */
  cache?: CacheStore;
}): SalesforceTicketSource {
  const { config, directory } = options;
  const logger = options.logger.child({ connector: 'salesforce' });

  const client = new SalesforceClient(config, logger);
  const cache =
    options.cache !== undefined && config.cache.ttlSeconds > 0 ? new AccountScopedCache(options.cache, config.cache.ttlSeconds, logger) : null;
  const queries = new AccountQueries(client, cache);
  const reporter = new UnknownValueReporter(logger);
  const mapper = new CaseMapper(config, reporter);
  const conditions = new TicketConditions(config);
  const accounts = new AccountResolver(config, client, directory, logger);
  const lister = new TicketLister(queries, mapper, conditions);
  const reader = new TicketReader(config, client, queries, mapper, conditions);
  const writer = new TicketWriter(config, client, queries, accounts, mapper, logger);

  return {
    async listTickets(scope, request) {
      const accountId = await accounts.accountIdForCustomerId(scope.customerId);
      return accountId === null ? { items: [], hasNextPage: false } : lister.list(scope.customerId, accountId, request);
    },

    async countTickets(scope, filter) {
      const accountId = await accounts.accountIdForCustomerId(scope.customerId);
      return accountId === null ? 0 : reader.count(accountId, filter);
    },

    async ticketsByNumber(customerId, numbers) {
      if (numbers.length === 0) {
        return [];
      }
      const accountId = await accounts.accountIdForCustomerId(customerId);
      return accountId === null ? numbers.map(() => null) : reader.byNumber(customerId, accountId, numbers);
    },

    async commentsByTicketId(customerId, ticketIds) {
      if (ticketIds.length === 0) {
        return [];
      }
      const accountId = await accounts.accountIdForCustomerId(customerId);
      return accountId === null ? ticketIds.map(() => []) : reader.comments(accountId, ticketIds);
    },

    async ticketCounts(scope) {
      const accountId = await accounts.accountIdForCustomerId(scope.customerId);
      return accountId === null ? { open: 0, closed: 0, recent: 0 } : reader.counts(accountId, scope);
    },

    createTicket: (customer, contact, ticket) => writer.createTicket(customer, contact, ticket),

    addComment: (customer, contact, ticketNumber, body) => writer.addComment(customer, contact, ticketNumber, body),

    health: {
      name: 'salesforce',
      async check() {
        if (client.breakerState === 'open') {
          throw new UpstreamUnavailableError('salesforce', 'The Salesforce circuit breaker is open after repeated failures.');
        }

        // Every REST call counts against the org's daily limit, so a call that
        // succeeded in the last minute replaces the probe request.
        const lastSuccessAt = client.lastSuccessAt;
        if (lastSuccessAt !== null && Date.now() - lastSuccessAt < HEALTH_PROBE_INTERVAL_MS) {
          return;
        }
        await client.readLimits();
      },
    },

    limits: () => client.latestApiUsage,

    stats: () => ({
      ...client.counters,
      breaker: client.breakerState,
      unknownValues: reporter.snapshot(),
      cache: cache === null ? null : { ...cache.statistics },
    }),
  };
}

/**
 * Opens the read cache's store that the configuration sets: Redis when
 * REDIS_URL is set, process memory otherwise, nothing when
 * SALESFORCE_CACHE_TTL_SECONDS is 0. The caller closes it on shutdown.
 */
export function openTicketCacheStore(config: SalesforceConfig): { store: CacheStore; close: () => Promise<void> } | null {
  if (config.cache.ttlSeconds === 0) {
    return null;
  }
  if (config.cache.redisUrl !== null) {
    return connectRedisCacheStore(config.cache.redisUrl.reveal());
  }
  return { store: new MemoryCacheStore(), close: async () => undefined };
}
