/**
 * The ticket source the gateway serves, chosen by TICKETS_SOURCE: the ERP's
 * service cases (the default) or Salesforce Cases. Resolvers see only the
 * `TicketSource`. The operator routes (/readyz, /metrics) also read the
 * Salesforce source's health, API usage and counters.
 */
import type { Logger } from 'pino';

import type { ErpConnector } from '../../connectors/erp';
import { createSalesforceTicketSource, openTicketCacheStore, type SalesforceTicketSource } from '../../connectors/salesforce';
import type { TicketSource } from '../../connectors/sources';
import type { TicketsConfig } from '../config';

export type TicketBackend =
  | {
      kind: 'erp';
      /** Shares the ERP database, so the ERP's readiness check covers it. */
      source: TicketSource;
    }
  | {
      kind: 'salesforce';
      source: SalesforceTicketSource;
      /** Closes the read cache's store (a Redis connection); call it once on shutdown. */
      close(): Promise<void>;
    };

/** Builds the configured ticket source. Salesforce is not called until the first request. */
export function openTicketBackend(config: TicketsConfig, erp: ErpConnector, logger: Logger): TicketBackend {
  switch (config.source) {
    case 'erp':
      return { kind: 'erp', source: erp.tickets };

    case 'salesforce': {
      const cacheStore = openTicketCacheStore(config.salesforce);
      const source = createSalesforceTicketSource({
        config: config.salesforce,
        directory: erp.directory,
        logger,
        ...(cacheStore === null ? {} : { cache: cacheStore.store }),
      });
      // Only the host is logged, because a URL can carry a user name and password.
      logger.info(
        { loginHost: new URL(config.salesforce.loginUrl).host, apiVersion: config.salesforce.apiVersion, cacheTtlSeconds: config.salesforce.cache.ttlSeconds },
        'Support tickets come from Salesforce',
      );
      return { kind: 'salesforce', source, close: async () => cacheStore?.close() };
    }

    default: {
      const unhandled: never = config;
      throw new Error(`Unhandled ticket source ${JSON.stringify(unhandled)}.`);
    }
  }
}
