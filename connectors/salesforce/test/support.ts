/**
 * Test helpers: a fake Salesforce org on 127.0.0.1, an in-memory ERP
 * directory, a pino logger whose lines the test can read, and a ticket
 * source wired to all three with the real jsforce client.
 */
import { Writable } from 'node:stream';

import pino from 'pino';

import type { Contact, Customer } from '../../domain';
import type { DirectorySource } from '../../sources';
import type { CacheStore } from '../cache';
import { loadSalesforceConfig, type SalesforceConfig } from '../config';
import { createSalesforceTicketSource, type SalesforceTicketSource } from '../index';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from '../fake/server';

export const ACME: Customer = { id: 'cust-acme', number: 'C-10001', name: 'Acme Corporation', currency: 'USD', salesforceAccountId: null };
export const GLOBEX: Customer = { id: 'cust-globex', number: 'C-10002', name: 'Globex GmbH', currency: 'EUR', salesforceAccountId: null };
export const INITECH: Customer = { id: 'cust-initech', number: 'C-10003', name: 'Initech K.K.', currency: 'JPY', salesforceAccountId: null };

export const ALICE: Contact = { id: 'contact-alice', customerId: ACME.id, email: 'alice@acme.example', name: 'Alice Anderson', role: 'ADMIN', portalAccess: true };
export const BOB: Contact = { id: 'contact-bob', customerId: GLOBEX.id, email: 'bob@globex.example', name: 'Bob Becker', role: 'ADMIN', portalAccess: true };
export const CAROL: Contact = { id: 'contact-carol', customerId: INITECH.id, email: 'carol@initech.example', name: 'Carol Chen', role: 'ADMIN', portalAccess: true };

export class TestDirectory implements DirectorySource {
  readonly customers = new Map<string, Customer>();
  customerLookups = 0;

  constructor(customers: readonly Customer[]) {
    for (const customer of customers) {
      this.customers.set(customer.id, customer);
    }
  }

  async customersById(ids: readonly string[]): Promise<(Customer | null)[]> {
    this.customerLookups += 1;
    return ids.map((id) => this.customers.get(id) ?? null);
  }

  async contactsByEmail(emails: readonly string[]): Promise<(Contact | null)[]> {
    return emails.map(() => null);
  }

  async contactsById(ids: readonly string[]): Promise<(Contact | null)[]> {
    return ids.map(() => null);
  }

  async businessDate(): Promise<string> {
    return '2026-03-31';
  }
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function captureLogger(): { logger: pino.Logger; lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString('utf8');
      raw.push(text);
      for (const line of text.split('\n').filter((part) => part.trim() !== '')) {
        lines.push(JSON.parse(line) as LogLine);
      }
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, text: () => raw.join('') };
}

export interface TestEnvironment {
  fake: FakeSalesforce;
  source: SalesforceTicketSource;
  config: SalesforceConfig;
  directory: TestDirectory;
  logs: ReturnType<typeof captureLogger>;
  /** Account ids of ACME, GLOBEX and INITECH in the fake. */
  accounts: { acme: string; globex: string; initech: string };
  stop: () => Promise<void>;
}

/**
 * Starts a fake with one Account per test customer (matched on the customer
 * number) and a source with fast-failing settings; `env` overrides them.
 */
export async function startTestEnvironment(
  options: {
    fake?: FakeSalesforceOptions;
    /** Extra settings, or a function that derives them from the started fake (to issue a refresh token, say). */
    env?: Record<string, string> | ((fake: FakeSalesforce) => Record<string, string>);
    cache?: CacheStore;
    customers?: Customer[];
  } = {},
): Promise<TestEnvironment> {
  const fake = await startFakeSalesforce(options.fake);
  const [acme, globex, initech] = fake.data.addAccounts([
    { name: ACME.name, customerNumber: ACME.number },
    { name: GLOBEX.name, customerNumber: GLOBEX.number },
    { name: INITECH.name, customerNumber: INITECH.number },
  ]);

  const config = loadSalesforceConfig({
    SALESFORCE_LOGIN_URL: fake.url,
    SALESFORCE_RETRIES: '0',
    SALESFORCE_TIMEOUT_MS: '5000',
    ...(typeof options.env === 'function' ? options.env(fake) : options.env),
  });
  const directory = new TestDirectory(options.customers ?? [ACME, GLOBEX, INITECH]);
  const logs = captureLogger();
  const source = createSalesforceTicketSource({ config, directory, logger: logs.logger, cache: options.cache });

  return {
    fake,
    source,
    config,
    directory,
    logs,
    accounts: { acme: acme!.Id, globex: globex!.Id, initech: initech!.Id },
    stop: () => fake.stop(),
  };
}

/** Returns the scope the gateway passes for a customer. */
export function scopeOf(customer: Customer, asOf = '2026-03-31'): { customerId: string; asOf: string } {
  return { customerId: customer.id, asOf };
}
