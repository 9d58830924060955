/**
 * POST /webhooks/stripe through the running gateway, with events that the
 * fake Stripe API signs and delivers, and the ERP write-back that follows.
 * Payments use the defaults: no partial payments, no minimums.
 */
import { sql } from 'kysely';

import { silentLogger } from '../../connectors/payments/test/databases';
import { signPayload } from '../../connectors/stripe/fake/webhook-sender';
import { createPaymentService } from '../payments';
import { signedInClient, type TestClient } from './client';
import { startTestServer, type TestServer } from './harness';
import { outstandingInvoices, PAY_INVOICES, payOnHostedPage, take, type OutstandingInvoice } from './payment-operations';
import { TEST_WEBHOOK_SECRET, type TestPayments } from './payments';

let server: TestServer;
let alice: TestClient;
let pool: OutstandingInvoice[];

beforeAll(async () => {
  server = await startTestServer({ payments: {} });
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  pool = await outstandingInvoices(alice);
});

afterAll(async () => {
  await server.close();
});

function payments(): TestPayments {
  if (server.payments === null) {
    throw new Error('The test server was started without payments.');
  }
  return server.payments;
}

interface Started {
  paymentId: string;
  checkoutUrl: string;
  invoices: OutstandingInvoice[];
}

async function startPayment(count: number): Promise<Started> {
  const invoices = take(pool, count);
  const response = await alice.graphql<{ payInvoices: { checkoutUrl: string; payment: { id: string } } }>(PAY_INVOICES, {
    input: { invoices: invoices.map((invoice) => ({ number: invoice.number })) },
  });
  if (response.errors !== undefined || !response.data) {
    throw new Error(`payInvoices failed: ${JSON.stringify(response.errors)}`);
  }
  return { paymentId: response.data.payInvoices.payment.id, checkoutUrl: response.data.payInvoices.checkoutUrl, invoices };
}

async function paymentStatus(paymentId: string): Promise<string> {
  const response = await alice.graphql<{ payment: { status: string } }>('query ($id: ID!) { payment(id: $id) { status } }', { id: paymentId });
  return response.data!.payment.status;
}

async function eventCount(paymentId: string | null = null): Promise<number> {
  let query = server.portalDatabase.db.selectFrom('payment_webhook_events').select((eb) => eb.fn.countAll().as('count'));
  if (paymentId !== null) {
    query = query.where('attempt_id', '=', paymentId);
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

async function receiptCount(paymentId: string): Promise<number> {
  const rows = await server.erpQuery<{ count: number }>(`SELECT COUNT(*) AS count FROM erp_cash_receipts WHERE receipt_reference LIKE 'CP-${paymentId}-%'`);
  return rows[0]!.count;
}

async function postWebhook(body: string, signature: string | null): Promise<Response> {
  return fetch(`${server.baseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    body,
  });
}

function nowSeconds(): number {
  return Math.floor(server.clock.now().getTime() / 1000);
}

describe('/webhooks/stripe through the gateway', () => {
  it('rejects a forged signature with 400', async () => {
    const started = await startPayment(1);
    const eventsBefore = await eventCount();
    const session = payments().fake.sessions().find((candidate) => candidate.client_reference_id === started.paymentId)!;
    const forged = JSON.stringify({
      id: 'evt_forged_gateway',
      object: 'event',
      type: 'checkout.session.completed',
      created: nowSeconds(),
      data: { object: { ...session, status: 'complete', payment_status: 'paid', payment_intent: 'pi_forged' } },
    });

    const wrongSecret = await postWebhook(forged, signPayload(forged, 'whsec_attacker', nowSeconds()));
    const unsigned = await postWebhook(forged, null);
    const tampered = await postWebhook(forged.replace('"paid"', '"unpaid"'), signPayload(forged, TEST_WEBHOOK_SECRET, nowSeconds()));
    const stale = await postWebhook(forged, signPayload(forged, TEST_WEBHOOK_SECRET, nowSeconds() - 301));

    expect([wrongSecret.status, unsigned.status, tampered.status, stale.status]).toEqual([400, 400, 400, 400]);
    expect(await wrongSecret.json()).toEqual({ error: expect.stringContaining('signature') });
    expect(await eventCount()).toBe(eventsBefore);
    expect(await paymentStatus(started.paymentId)).toBe('OPEN');
  });

  it('records a replayed event once', async () => {
    const { fake, service } = payments();
    const started = await startPayment(2);
    await payOnHostedPage(started.checkoutUrl);
    await fake.waitForDeliveries();
    const completed = fake.events.find(
      (event) => event.type === 'checkout.session.completed' && (event.data.object['client_reference_id'] as string) === started.paymentId,
    )!;

    fake.resendEvent(completed.id);
    fake.resendEvent(completed.id);
    await fake.waitForDeliveries();

    const replays = fake.deliveries.filter((delivery) => delivery.eventId === completed.id);
    expect(replays.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    expect(await paymentStatus(started.paymentId)).toBe('SUCCEEDED');
    expect(await eventCount(started.paymentId)).toBe(1);

    await service.runWriteBacks();
    fake.resendEvent(completed.id);
    await fake.waitForDeliveries();
    await service.runWriteBacks();
    expect(await receiptCount(started.paymentId)).toBe(2);
  });

  it('rejects a replay signed too long ago', async () => {
    const { fake } = payments();
    const started = await startPayment(1);
    await payOnHostedPage(started.checkoutUrl);
    await fake.waitForDeliveries();
    const completed = fake.events.find((event) => (event.data.object['client_reference_id'] as string) === started.paymentId)!;

    const signedAt = nowSeconds() - 3600;
    fake.resendEvent(completed.id, { signedAt });
    await fake.waitForDeliveries();

    const stale = fake.deliveries.filter((delivery) => delivery.eventId === completed.id && delivery.signedAt === signedAt);
    expect(stale.map((delivery) => delivery.status)).toEqual([400]);
    expect(await eventCount(started.paymentId)).toBe(1);
  });

  it('applies reordered deliveries once', async () => {
    const { fake } = payments();
    const started = await startPayment(1);
    const sessionId = fake.sessions().find((candidate) => candidate.client_reference_id === started.paymentId)!.id;

    fake.holdDeliveries();
    await fetch(`${started.checkoutUrl}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=processing',
      redirect: 'manual',
    });
    fake.settleAsyncPayment(sessionId, 'succeeded');
    await fake.releaseDeliveries('reverse');
    await fake.waitForDeliveries();

    expect(await paymentStatus(started.paymentId)).toBe('SUCCEEDED');
    expect(await eventCount(started.paymentId)).toBe(2);
  });

  it('writes back once after a restart', async () => {
    const { fake, settings } = payments();
    const started = await startPayment(2);
    await payOnHostedPage(started.checkoutUrl);
    await fake.waitForDeliveries();

    // The process that recorded the payment stopped before its write-back
    // ran, so a new process's service does it.
    const restarted = () =>
      createPaymentService({
        settings,
        portalDatabase: server.portalDatabase,
        erpDatabase: server.erpDatabase,
        invoices: server.erp.invoices,
        logger: silentLogger,
        clock: server.clock.now,
      });
    const first = await restarted().runWriteBacks();
    const second = await restarted().runWriteBacks();

    expect(first.written).toBeGreaterThanOrEqual(1);
    expect(second.claimed).toBe(0);
    expect(await receiptCount(started.paymentId)).toBe(2);
    const amounts = await sql<{ amount: number }>`SELECT amount FROM erp_cash_receipts WHERE receipt_reference LIKE ${`CP-${started.paymentId}-%`} ORDER BY id`.execute(
      server.erpDatabase.db,
    );
    // SQLite keeps ten-thousandths; the receipts carry each invoice balance exactly.
    const expected = started.invoices.map((invoice) => BigInt(invoice.balance.amount.replace('.', '')));
    expect(amounts.rows.map((row) => BigInt(row.amount))).toEqual(expected);
  });

  it('rejects a partial amount when partial payments are off', async () => {
    const [invoice] = take(pool, 1);

    const response = await alice.graphql(PAY_INVOICES, { input: { invoices: [{ number: invoice!.number, amount: '1.00' }] } });

    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.invoices.0.amount' });
    expect(response.errors?.[0]?.message).toContain('partial payments are not enabled');
  });
});
