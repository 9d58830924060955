/**
 * Click to Pay for the test server: the fake Stripe API on a free loopback
 * port, sending signed events to the test server's webhook route, and the
 * payment service over the test databases. The test server must listen on
 * `port`, which is chosen before it starts because the fake needs the
 * webhook address up front.
 */
import { createServer } from 'node:net';

import type { Logger } from 'pino';

import { createCashReceiptsTable } from '../../connectors/erp/cash-receipts';
import { migratePaymentStore } from '../../connectors/payments';
import type { InvoiceSource } from '../../connectors/sources';
import type { Database } from '../../connectors/sql';
import { startFakeStripe, type FakeStripe } from '../../connectors/stripe/fake/server';
import { createPaymentService, type PaymentService, type PaymentsFeature, type PaymentsSettings } from '../payments';

export const TEST_WEBHOOK_SECRET = 'whsec_gateway_test';

export interface TestPayments {
  /** Port the test server must listen on; the fake sends events there. */
  port: number;
  feature: PaymentsFeature;
  service: PaymentService;
  settings: PaymentsSettings;
  fake: FakeStripe;
  close(): Promise<void>;
}

export interface TestPaymentsSetup {
  erpDatabase: Database;
  portalDatabase: Database;
  invoices: Pick<InvoiceSource, 'invoicesByNumber'>;
  logger: Logger;
  clock: () => Date;
  settings?: Partial<PaymentsSettings>;
}

export async function startTestPayments(setup: TestPaymentsSetup): Promise<TestPayments> {
  await createCashReceiptsTable(setup.erpDatabase.db, setup.erpDatabase.engine);
  await migratePaymentStore(setup.portalDatabase);

  const port = await findFreePort();
  const fake = await startFakeStripe({
    webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe`,
    webhookSecret: TEST_WEBHOOK_SECRET,
    webhookRetryDelayMs: 20,
    webhookMaxRetries: 2,
    now: () => setup.clock().getTime(),
    onError: () => undefined,
  });

  const settings: PaymentsSettings = {
    stripe: { secretKey: fake.apiKey, apiUrl: fake.url, timeoutMs: 5_000, maxNetworkRetries: 2 },
    webhookSecret: TEST_WEBHOOK_SECRET,
    webhookToleranceSeconds: 300,
    allowPartial: false,
    minimumAmounts: new Map(),
    successUrl: `http://127.0.0.1:${port}/payments/{PAYMENT_ID}?result=success`,
    cancelUrl: `http://127.0.0.1:${port}/payments/{PAYMENT_ID}?result=cancelled`,
    checkoutLifetimeMinutes: 60,
    ...setup.settings,
  };
  const service = createPaymentService({
    settings,
    portalDatabase: setup.portalDatabase,
    erpDatabase: setup.erpDatabase,
    invoices: setup.invoices,
    logger: setup.logger,
    clock: setup.clock,
  });

  return { port, feature: { enabled: true, settings, service }, service, settings, fake, close: () => fake.close() };
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The operating system returned no port for 127.0.0.1:0.'))));
    });
  });
}
