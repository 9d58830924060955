/**
 * Finds the Salesforce Account of an ERP customer, by the Account id the ERP
 * stores or by an External ID field that contains the customer number, and
 * remembers the result (including "none") for SALESFORCE_ACCOUNT_CACHE_SECONDS.
 */
import type { Logger } from 'pino';

import type { Customer } from '../domain';
import type { DirectorySource } from '../sources';
import type { SalesforceClient } from './client';
import type { SalesforceConfig } from './config';
import { isSalesforceId, toId18 } from './salesforce-id';
import { quote } from './soql';

const MAX_REMEMBERED = 10_000;

export class AccountResolver {
  private readonly remembered = new Map<string, { accountId: string | null; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string | null>>();

  constructor(
    private readonly config: SalesforceConfig,
    private readonly client: SalesforceClient,
    private readonly directory: DirectorySource,
    private readonly logger: Logger,
  ) {}

  /** Returns the customer's Account id (18 characters), or null when the customer has none or is unknown. */
  async accountIdForCustomerId(customerId: string): Promise<string | null> {
    const known = this.recall(customerId);
    if (known !== undefined) {
      return known;
    }

    const [customer] = await this.directory.customersById([customerId]);
    if (customer === null || customer === undefined) {
      return null;
    }
    return this.accountIdFor(customer);
  }

  async accountIdFor(customer: Customer): Promise<string | null> {
    const known = this.recall(customer.id);
    if (known !== undefined) {
      return known;
    }

    // Concurrent requests for one customer share one lookup.
    let lookup = this.pending.get(customer.id);
    if (lookup === undefined) {
      lookup = this.lookUp(customer).finally(() => this.pending.delete(customer.id));
      this.pending.set(customer.id, lookup);
    }
    return lookup;
  }

  private async lookUp(customer: Customer): Promise<string | null> {
    const accountId = this.config.accountMatch.kind === 'account_id' ? storedAccountId(customer) : await this.findByExternalId(customer);

    if (accountId === null) {
      this.logger.warn(
        { customerId: customer.id, customerNumber: customer.number, match: this.config.accountMatch.kind },
        'ERP customer has no Salesforce Account; it sees no tickets and cannot create any',
      );
    }
    this.remember(customer.id, accountId);
    return accountId;
  }

  private async findByExternalId(customer: Customer): Promise<string | null> {
    if (this.config.accountMatch.kind !== 'external_id') {
      return null;
    }
    const field = this.config.accountMatch.field;

    // LIMIT 2 detects a customer number on several Accounts without reading them all.
    const result = await this.client.query<{ Id: string }>(`SELECT Id FROM Account WHERE ${field} = ${quote(customer.number)} LIMIT 2`);
    if (result.records.length > 1) {
      throw new Error(
        `Several Salesforce Accounts have ${field} = ${JSON.stringify(customer.number)}, so customer ${customer.number}'s tickets cannot be assigned to one. Give the number to exactly one Account (mark ${field} as a unique External ID).`,
      );
    }
    const record = result.records[0];
    return record === undefined ? null : toId18(record.Id);
  }

  private recall(customerId: string): string | null | undefined {
    const entry = this.remembered.get(customerId);
    if (entry === undefined || entry.expiresAt <= Date.now()) {
      return undefined;
    }
    return entry.accountId;
  }

  private remember(customerId: string, accountId: string | null): void {
    if (this.config.accountCacheSeconds === 0) {
      return;
    }
    if (this.remembered.size >= MAX_REMEMBERED) {
      this.remembered.clear();
    }
    this.remembered.set(customerId, { accountId, expiresAt: Date.now() + this.config.accountCacheSeconds * 1000 });
  }
}

function storedAccountId(customer: Customer): string | null {
  const value = customer.salesforceAccountId?.trim() ?? '';
  if (value === '') {
    return null;
  }
  if (!isSalesforceId(value)) {
    throw new Error(
      `Customer ${customer.number} has salesforceAccountId ${JSON.stringify(value)} in the ERP, which is not a Salesforce id; store the Account's 15- or 18-character id, such as "001000000000001AAA".`,
    );
  }
  return toId18(value);
}
