import type { AddressInfo } from 'node:net';

import { ConnectorInputError } from '../../connectors/errors';
import { TEST_ENGINES } from '../../connectors/payments/test/databases';
import { signPayload } from '../../connectors/stripe/fake/webhook-sender';
import type { StartedPayment } from './start-payment';
import { PaymentHarness, startHarness, WEBHOOK_SECRET } from './test/harness';

describe.each(TEST_ENGINES)('Stripe webhooks on %s', (engine) => {
  let harness: PaymentHarness;

  beforeAll(async () => {
    harness = await startHarness(engine);
  });

  afterAll(async () => {
    await harness.close();
  });

  async function payment(id: string) {
    const [found] = await harness.service.paymentsById(harness.viewer.customer.id, [id]);
    if (found === null || found === undefined) {
      throw new Error(`Payment ${id} not found.`);
    }
    return found.payment;
  }

  async function postWebhook(body: string, signature: string | null): Promise<number> {
    const { port } = harness.app.server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === null ? {} : { 'stripe-signature': signature }) },
      body,
    });
    return response.status;
  }

  function nowSeconds(): number {
    return Math.floor(harness.clock().getTime() / 1000);
  }

  async function writeBackState(paymentId: string): Promise<string | null> {
    const row = await harness.portal.db.selectFrom('payment_write_backs').select('state').where('attempt_id', '=', paymentId).executeTakeFirst();
    return (row?.state as string | undefined) ?? null;
  }

  describe('full payments', () => {
    let started: StartedPayment;

    beforeEach(async () => {
      await harness.reset();
      await harness.addInvoices([
        { number: 'INV-1', balance: '125.5000' },
        { number: 'INV-2', balance: '74.2500' },
      ]);
      started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }, { number: 'INV-2' }]);
    });

    it('records a payment and queues write-back', async () => {
      const response = await harness.payOnHostedPage(started.checkoutUrl);

      expect(response.status).toBe(303);
      const paid = await payment(started.payment.id);
      expect(paid).toMatchObject({ state: 'SUCCEEDED', paymentIntentId: expect.stringMatching(/^pi_/) });
      expect(paid.succeededAt).not.toBeNull();
      expect(await writeBackState(started.payment.id)).toBe('PENDING');
      expect(harness.fake.deliveries.map((delivery) => delivery.status)).toEqual([200]);
    });

    it('records a redelivered payment once', async () => {
      harness.fake.setDuplicateDeliveries(true);
      await harness.payOnHostedPage(started.checkoutUrl);
      const eventId = harness.fake.events[0]!.id;
      harness.fake.resendEvent(eventId);
      await harness.fake.waitForDeliveries();

      expect(harness.fake.deliveries.filter((delivery) => delivery.eventId === eventId).map((delivery) => delivery.status)).toEqual([200, 200, 200]);
      expect(await harness.webhookEventCount()).toBe(1);
      expect((await payment(started.payment.id)).state).toBe('SUCCEEDED');

      await harness.service.runWriteBacks();
      expect(await harness.receipts()).toHaveLength(2);
    });

    it('ignores expiry after payment', async () => {
      await harness.payOnHostedPage(started.checkoutUrl);
      const completed = harness.fake.events[0]!;
      const late = JSON.stringify(
        { ...completed, id: 'evt_late_expired', type: 'checkout.session.expired', data: { object: { ...completed.data.object, status: 'expired', payment_status: 'unpaid' } } },
        null,
        2,
      );

      expect(await postWebhook(late, signPayload(late, WEBHOOK_SECRET, nowSeconds()))).toBe(200);

      expect((await payment(started.payment.id)).state).toBe('SUCCEEDED');
      const outcome = await harness.portal.db.selectFrom('payment_webhook_events').select('outcome').where('event_id', '=', 'evt_late_expired').executeTakeFirstOrThrow();
      expect(outcome.outcome).toBe('ignored: payment is SUCCEEDED, which does not move to EXPIRED');
    });

    it('holds a paid invoice until booked', async () => {
      await harness.payOnHostedPage(started.checkoutUrl);
      const invoice = { id: harness.invoiceId('INV-1'), balance: '125.5000' };

      const [before] = await harness.service.invoiceHolds(harness.viewer.customer.id, [invoice]);
      expect(before).toMatchObject({ inFlight: '0', awaitingErp: '125.5', total: '125.5' });
      const error = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorInputError);
      expect((error as Error).message).toBe(
        `Invoice INV-1 was paid online in payment ${started.payment.id} (125.50 USD); the ERP has not booked it yet. No further payment is needed.`,
      );

      await harness.setBalance('INV-1', '0.0000');
      const [after] = await harness.service.invoiceHolds(harness.viewer.customer.id, [{ ...invoice, balance: '0.0000' }]);
      expect(after).toMatchObject({ awaitingErp: '0', total: '0', payments: [] });
    });

    it('rejects forged and tampered requests', async () => {
      await harness.fake.waitForDeliveries();
      const session = harness.fake.session(started.payment.checkoutSessionId as string)!;
      const forged = JSON.stringify({
        id: 'evt_forged',
        object: 'event',
        type: 'checkout.session.completed',
        created: nowSeconds(),
        data: { object: { ...session, status: 'complete', payment_status: 'paid', payment_intent: 'pi_forged' } },
      });

      expect(await postWebhook(forged, signPayload(forged, 'whsec_attacker', nowSeconds()))).toBe(400);
      expect(await postWebhook(forged, null)).toBe(400);
      const signed = signPayload(forged, WEBHOOK_SECRET, nowSeconds());
      expect(await postWebhook(forged.replace('"paid"', '"unpaid"'), signed)).toBe(400);
      expect(await postWebhook(forged, signPayload(forged, WEBHOOK_SECRET, nowSeconds() - 301))).toBe(400);

      expect(await harness.webhookEventCount()).toBe(0);
      expect((await payment(started.payment.id)).state).toBe('OPEN');
    });

    it('cancels write-back of a refund', async () => {
      await harness.payOnHostedPage(started.checkoutUrl);
      const paid = await payment(started.payment.id);
      harness.fake.refund(paid.paymentIntentId as string);
      await harness.fake.waitForDeliveries();

      expect(await payment(started.payment.id)).toMatchObject({ state: 'REFUNDED', amountRefunded: '199.7500' });
      expect(await writeBackState(started.payment.id)).toBe('CANCELLED');
      expect(await harness.service.runWriteBacks()).toEqual({ claimed: 0, written: 0, cancelled: 0, failed: 0 });
      expect(await harness.receipts()).toHaveLength(0);
    });

    it('applies a refund before its payment', async () => {
      harness.fake.holdDeliveries();
      await harness.payOnHostedPage(started.checkoutUrl);
      const paymentIntentId = harness.fake.session(started.payment.checkoutSessionId as string)!.payment_intent as string;
      harness.fake.refund(paymentIntentId);
      await harness.fake.releaseDeliveries('reverse');

      expect(harness.fake.deliveries.map((delivery) => [delivery.eventType, delivery.status])).toEqual([
        ['charge.refunded', 200],
        ['checkout.session.completed', 200],
      ]);
      expect((await payment(started.payment.id)).state).toBe('REFUNDED');
      expect(await writeBackState(started.payment.id)).toBeNull();
    });

    it('records a partial refund', async () => {
      await harness.payOnHostedPage(started.checkoutUrl);
      const paid = await payment(started.payment.id);
      harness.fake.refund(paid.paymentIntentId as string, 2550);
      await harness.fake.waitForDeliveries();

      expect(await payment(started.payment.id)).toMatchObject({ state: 'SUCCEEDED', amountRefunded: '25.5000' });
    });

    it('frees invoices of an expired session', async () => {
      harness.fake.expireSession(started.payment.checkoutSessionId as string);
      await harness.fake.waitForDeliveries();

      expect((await payment(started.payment.id)).state).toBe('EXPIRED');
      const again = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }, { number: 'INV-2' }]);
      expect(again.payment.id).not.toBe(started.payment.id);
    });

    it('ignores a foreign session', async () => {
      const body = JSON.stringify({
        id: 'evt_foreign',
        object: 'event',
        type: 'checkout.session.completed',
        created: nowSeconds(),
        data: { object: { id: 'cs_test_foreign', object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 100, currency: 'usd', metadata: {}, expires_at: nowSeconds() } },
      });

      expect(await postWebhook(body, signPayload(body, WEBHOOK_SECRET, nowSeconds()))).toBe(200);
      expect(await harness.webhookEventCount()).toBe(1);
    });
  });

  describe('delayed payments', () => {
    let started: StartedPayment;

    beforeEach(async () => {
      await harness.reset({ settings: { allowPartial: true } });
      await harness.addInvoices([{ number: 'INV-1', balance: '100.0000' }]);
      started = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1', amount: '40.00' }]);
    });

    it('applies reordered delayed-payment events', async () => {
      harness.fake.holdDeliveries();
      await harness.payOnHostedPage(started.checkoutUrl, 'processing');
      harness.fake.settleAsyncPayment(started.payment.checkoutSessionId as string, 'succeeded');
      await harness.fake.releaseDeliveries('reverse');

      expect(harness.fake.deliveries.map((delivery) => delivery.eventType)).toEqual(['checkout.session.async_payment_succeeded', 'checkout.session.completed']);
      expect((await payment(started.payment.id)).state).toBe('SUCCEEDED');
      expect(await harness.service.runWriteBacks()).toMatchObject({ claimed: 1, written: 1 });
      expect((await harness.receipts()).map((receipt) => receipt.amount)).toEqual(['40.0000']);
    });

    it('frees the amount of a failed settlement', async () => {
      await harness.payOnHostedPage(started.checkoutUrl, 'processing');
      expect((await payment(started.payment.id)).state).toBe('PENDING_SETTLEMENT');
      const invoice = { id: harness.invoiceId('INV-1'), balance: '100.0000' };
      expect((await harness.service.invoiceHolds(harness.viewer.customer.id, [invoice]))[0]).toMatchObject({ inFlight: '40' });

      harness.fake.settleAsyncPayment(started.payment.checkoutSessionId as string, 'failed');
      await harness.fake.waitForDeliveries();

      expect((await payment(started.payment.id)).state).toBe('FAILED');
      expect((await harness.service.invoiceHolds(harness.viewer.customer.id, [invoice]))[0]).toMatchObject({ total: '0' });
    });

    it('leaves the remainder payable', async () => {
      await harness.payOnHostedPage(started.checkoutUrl);

      const rest = await harness.service.startPayment(harness.viewer, [{ number: 'INV-1' }]);
      expect(rest.payment.total).toBe('60.0000');

      // The ERP books the first 40; the second payment is still open.
      await harness.setBalance('INV-1', '60.0000');
      const [hold] = await harness.service.invoiceHolds(harness.viewer.customer.id, [{ id: harness.invoiceId('INV-1'), balance: '60.0000' }]);
      expect(hold).toMatchObject({ inFlight: '60', awaitingErp: '0', total: '60' });
    });
  });
});
