/**
 * End-to-end setup for the payment service tests. The real stripe-node
 * client talks HTTP to the fake Stripe server, which delivers events to the
 * webhook route on a Fastify server. The portal database has the payment
 * tables. The ERP database has the contract tables from `createErpTables`
 * plus `erp_cash_receipts`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

import type { Contact, Customer, CurrencyCode, DecimalString } from '../../../connectors/domain';
import { createErpConnector, createErpTables } from '../../../connectors/erp';
import { CashReceiptWriter, createCashReceiptsTable, type StoredCashReceipt } from '../../../connectors/erp/cash-receipts';
import { migratePaymentStore, PaymentStore } from '../../../connectors/payments';
import { createTestDatabase, silentLogger, type TestDatabase, type TestEngine } from '../../../connectors/payments/test/databases';
import type { Database } from '../../../connectors/sql';
import { createStripeClient, StripeCheckout } from '../../../connectors/stripe';
import { startFakeStripe, type FakeStripe } from '../../../connectors/stripe/fake/server';
import type { PaymentsSettings } from '../config';
import type { PaymentViewer, ReceiptWriter, WriteBackOptions } from '../context';
import { PaymentService } from '../service';
import { registerStripeWebhookRoute } from '../webhook-route';

export const WEBHOOK_SECRET = 'whsec_harness';

export interface InvoiceFixture {
  number: string;
  balance: DecimalString;
  currency?: CurrencyCode;
  type?: 'INVOICE' | 'CREDIT_MEMO';
}

export interface HarnessOptions {
  settings?: Partial<PaymentsSettings>;
  writeBack?: Partial<WriteBackOptions>;
}

export class PaymentHarness {
  readonly clockOffset = { ms: 0 };
  readonly clock = (): Date => new Date(Date.now() + this.clockOffset.ms);
  readonly invoiceIds = new Map<string, string>();
  service!: PaymentService;
  fake!: FakeStripe;
  app!: FastifyInstance;
  portal!: Database;
  erp!: Database;
  viewer!: PaymentViewer;
  settings!: PaymentsSettings;

  private writeBack: Partial<WriteBackOptions> | undefined;
  private portalDatabase!: TestDatabase;
  private erpDatabase!: TestDatabase;
  private customerId = '';

  constructor(readonly engine: TestEngine) {}

  /** Creates the databases and the webhook server, once per test file. */
  async start(): Promise<void> {
    this.portalDatabase = await createTestDatabase(this.engine, 'portal');
    this.erpDatabase = await createTestDatabase(this.engine, 'erp');
    this.portal = this.portalDatabase.open();
    this.erp = this.erpDatabase.open();
    await migratePaymentStore(this.portal);
    await createErpTables(this.erp.db, this.engine);
    await createCashReceiptsTable(this.erp.db, this.engine);
    await this.createCustomer();

    // The route calls whatever service is current, so each test can build its own.
    this.app = Fastify({ logger: false });
    await registerStripeWebhookRoute(this.app, { handleStripeWebhook: (body, signature) => this.service.handleStripeWebhook(body, signature) });
    await this.app.listen({ port: 0, host: '127.0.0.1' });
  }

  /**
   * Empties the payment and invoice tables, starts a fresh fake Stripe
   * server and builds the service with `options`; call it before each test.
   */
  async reset(options: HarnessOptions = {}): Promise<void> {
    await this.fake?.close();
    this.clockOffset.ms = 0;
    this.invoiceIds.clear();
    for (const table of ['payment_write_backs', 'payment_webhook_events', 'payment_attempt_lines', 'payment_attempts', 'payment_customer_locks']) {
      await this.portal.db.deleteFrom(table).execute();
    }
    await this.erp.db.deleteFrom('erp_cash_receipts').execute();
    await this.erp.db.deleteFrom('erp_invoices').execute();

    const { port } = this.app.server.address() as AddressInfo;
    this.fake = await startFakeStripe({
      webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
      webhookSecret: WEBHOOK_SECRET,
      webhookRetryDelayMs: 20,
      webhookMaxRetries: 2,
      now: () => this.clock().getTime(),
      onError: () => undefined,
    });
    this.writeBack = options.writeBack;
    this.settings = {
      stripe: { secretKey: this.fake.apiKey, apiUrl: this.fake.url, timeoutMs: 5_000, maxNetworkRetries: 2 },
      webhookSecret: WEBHOOK_SECRET,
      webhookToleranceSeconds: 300,
      allowPartial: false,
      minimumAmounts: new Map(),
      successUrl: 'http://127.0.0.1:4000/payments/{PAYMENT_ID}?result=success',
      cancelUrl: 'http://127.0.0.1:4000/payments/{PAYMENT_ID}?result=cancelled',
      checkoutLifetimeMinutes: 60,
      ...options.settings,
    };
    this.service = this.createService();
  }

  /**
   * Another service instance, as a second gateway process would build it:
   * its own Stripe client and, on PostgreSQL, its own connection pools.
   * SQLite shares the connection (see connectors/payments/test/databases.ts).
   */
  createService(options: { receipts?: ReceiptWriter; separateConnections?: boolean; logger?: Logger } = {}): PaymentService {
    const separate = options.separateConnections === true && this.engine === 'postgres';
    const portal = separate ? this.portalDatabase.open() : this.portal;
    const erp = separate ? this.erpDatabase.open() : this.erp;
    return new PaymentService({
      settings: this.settings,
      store: new PaymentStore(portal),
      invoices: createErpConnector(erp).invoices,
      checkout: new StripeCheckout(createStripeClient(this.settings.stripe)),
      receipts: options.receipts ?? new CashReceiptWriter(erp),
      logger: options.logger ?? silentLogger,
      clock: this.clock,
      ...(this.writeBack === undefined ? {} : { writeBack: this.writeBack }),
    });
  }

  async close(): Promise<void> {
    await this.fake?.close();
    await this.app?.close();
    await this.portalDatabase?.close();
    await this.erpDatabase?.close();
  }

  async addInvoices(fixtures: readonly InvoiceFixture[]): Promise<void> {
    const { adapter } = this.erp;
    for (const fixture of fixtures) {
      const balance = fixture.balance;
      const id = await adapter.insertReturningId(
        this.erp.db.insertInto('erp_invoices').values({
          customer_id: this.customerId,
          invoice_number: fixture.number,
          invoice_type: fixture.type ?? 'INVOICE',
          invoice_date: adapter.dateParameter('2026-11-01'),
          due_date: adapter.dateParameter('2026-12-01'),
          currency_code: fixture.currency ?? 'USD',
          amount: adapter.decimalParameter(balance),
          balance: adapter.decimalParameter(balance),
          order_id: null,
        }),
      );
      this.invoiceIds.set(fixture.number, id);
    }
  }

  /** Changes an invoice's ERP balance, as the ERP does when it applies a payment. */
  async setBalance(number: string, balance: DecimalString): Promise<void> {
    await this.erp.db
      .updateTable('erp_invoices')
      .set({ balance: this.erp.adapter.decimalParameter(balance) })
      .where('invoice_number', '=', number)
      .execute();
  }

  invoiceId(number: string): string {
    const id = this.invoiceIds.get(number);
    if (id === undefined) {
      throw new Error(`No invoice ${number} in the test ERP.`);
    }
    return id;
  }

  /** Pays on the hosted page as a customer's browser would, and waits for the webhooks. */
  async payOnHostedPage(checkoutUrl: string, outcome: 'succeeded' | 'processing' = 'succeeded'): Promise<Response> {
    const response = await fetch(`${checkoutUrl}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `outcome=${outcome}`,
      redirect: 'manual',
    });
    await this.fake.waitForDeliveries();
    return response;
  }

  async receipts(): Promise<StoredCashReceipt[]> {
    const writer = new CashReceiptWriter(this.erp);
    const receipts: StoredCashReceipt[] = [];
    for (const id of this.invoiceIds.values()) {
      receipts.push(...(await writer.receiptsByInvoiceId(id)));
    }
    return receipts;
  }

  async webhookEventCount(): Promise<number> {
    const row = await this.portal.db.selectFrom('payment_webhook_events').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  private async createCustomer(): Promise<void> {
    const { adapter } = this.erp;
    this.customerId = await adapter.insertReturningId(
      this.erp.db.insertInto('erp_customers').values({ customer_number: 'C-100', name: 'Acme Corporation', currency_code: 'USD', salesforce_account_id: null }),
    );
    const contactId = await adapter.insertReturningId(
      this.erp.db.insertInto('erp_contacts').values({
        customer_id: this.customerId,
        email: 'alice@acme.example',
        full_name: 'Alice Example',
        portal_role: 'BILLING',
        portal_access: adapter.booleanParameter(true),
      }),
    );
    const customer: Customer = { id: this.customerId, number: 'C-100', name: 'Acme Corporation', currency: 'USD', salesforceAccountId: null };
    const contact: Contact = { id: contactId, customerId: this.customerId, email: 'alice@acme.example', name: 'Alice Example', role: 'BILLING', portalAccess: true };
    this.viewer = { customer, contact };
  }
}

/**
 * Starts a harness for one test file. Use in beforeAll, call `reset` in
 * beforeEach and `close` in afterAll.
 */
export async function startHarness(engine: TestEngine): Promise<PaymentHarness> {
  const harness = new PaymentHarness(engine);
  try {
    await harness.start();
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}
