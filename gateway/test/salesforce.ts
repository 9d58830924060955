/**
 * A test gateway whose tickets come from the fake Salesforce on a free
 * loopback port, configured the way an operator would: TICKETS_SOURCE and
 * SALESFORCE_* variables read by `loadConfig`. The connector talks to the
 * fake with the real jsforce client.
 */
import type { SalesforceTicketSource } from '../../connectors/salesforce';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from '../../connectors/salesforce/fake/server';
import { loadConfig } from '../config';
import { openTicketBackend } from '../tickets/backend';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

export interface SalesforceGateway {
  server: TestServer;
  fake: FakeSalesforce;
  source: SalesforceTicketSource;
  /** Salesforce Account ids of the demo customers, as the fake's demo data created them. */
  accounts: { acme: string; globex: string; initech: string };
  close(): Promise<void>;
}

/**
 * Starts the fake with its demo data (Accounts for C-10001, C-10002 and
 * C-10003) and a gateway over it. `env` adds SALESFORCE_* settings to the
 * login URL. Reads are not retried unless `env` sets SALESFORCE_RETRIES,
 * which keeps fault tests short.
 */
export async function startSalesforceGateway(options: { env?: Record<string, string>; fake?: FakeSalesforceOptions } = {}): Promise<SalesforceGateway> {
  const fake = await startFakeSalesforce({ seed: 'demo', ...options.fake });
  const config = loadConfig({ TICKETS_SOURCE: 'salesforce', SALESFORCE_LOGIN_URL: fake.url, SALESFORCE_RETRIES: '0', ...options.env });

  let source: SalesforceTicketSource | undefined;
  let server: TestServer;
  try {
    server = await startTestServer({
      tickets: (erp, logger) => {
        const backend = openTicketBackend(config.tickets, erp, logger);
        if (backend.kind !== 'salesforce') {
          throw new Error(`Expected the Salesforce ticket source, got ${backend.kind}. Check TICKETS_SOURCE in the test settings.`);
        }
        source = backend.source;
        return backend;
      },
    });
  } catch (error) {
    await fake.stop();
    throw error;
  }
  if (source === undefined) {
    throw new Error('The test server did not build a ticket source.');
  }

  return {
    server,
    fake,
    source,
    accounts: {
      acme: accountIdOf(fake, 'C-10001'),
      globex: accountIdOf(fake, 'C-10002'),
      initech: accountIdOf(fake, 'C-10003'),
    },
    async close() {
      await server.close();
      await fake.stop();
    },
  };
}

function accountIdOf(fake: FakeSalesforce, customerNumber: string): string {
  const account = fake.data.records('Account').find((record) => record['Rover_Customer_Number__c'] === customerNumber);
  if (account === undefined) {
    throw new Error(`The fake has no Account for customer ${customerNumber}; start it with seed "demo".`);
  }
  return String(account['Id']);
}

export interface CallCount {
  /** Requests to the REST data API as the connector counts them. */
  apiCalls: number;
  /** Requests to the token endpoint. */
  authCalls: number;
  /** Data API requests in the fake's own log, which must equal apiCalls. */
  logged: number;
}

/** Runs `work` and returns how many Salesforce requests it caused. */
export async function countCalls(gateway: SalesforceGateway, work: () => Promise<unknown>): Promise<CallCount> {
  const before = gateway.source.stats();
  gateway.fake.clearRequests();

  await work();

  const after = gateway.source.stats();
  return { apiCalls: after.apiCalls - before.apiCalls, authCalls: after.authCalls - before.authCalls, logged: gateway.fake.dataRequests().length };
}
