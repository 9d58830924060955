import Stripe from 'stripe';

import { createStripeClient } from '../client';
import { startWebhookReceiver, type WebhookReceiver } from '../test/webhook-receiver';
import { startFakeStripe, type FakeStripe } from './server';

const WEBHOOK_SECRET = 'whsec_test_fake_server';

function sessionParams(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      { quantity: 1, price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Invoice INV-1' } } },
      { quantity: 1, price_data: { currency: 'usd', unit_amount: 750, product_data: { name: 'Invoice INV-2' } } },
    ],
    client_reference_id: 'pay_test',
    metadata: { portal_payment_id: 'pay_test' },
    payment_intent_data: { metadata: { portal_payment_id: 'pay_test' } },
    success_url: 'http://127.0.0.1:4000/payments/pay_test?result=success&session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:4000/payments/pay_test?result=cancelled',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    ...overrides,
  };
}

function parseEvent(body: string): Stripe.Event {
  return JSON.parse(body) as Stripe.Event;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Timed out waiting for the condition.');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('fake Stripe server', () => {
  let receiver: WebhookReceiver;
  let fake: FakeStripe;
  let stripe: Stripe;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    fake = await startFakeStripe({ webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET, webhookRetryDelayMs: 20 });
    stripe = createStripeClient({ secretKey: fake.apiKey, apiUrl: fake.url, maxNetworkRetries: 2 });
  });

  afterEach(async () => {
    await fake.close();
    await receiver.close();
  });

  describe('Checkout Sessions', () => {
    it('creates, retrieves and expires a session', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());

      expect(created.id).toMatch(/^cs_test_/);
      expect(created.status).toBe('open');
      expect(created.amount_total).toBe(2000);
      expect(created.currency).toBe('usd');
      expect(created.url).toBe(`${fake.url}/c/pay/${created.id}`);
      expect(created.client_reference_id).toBe('pay_test');
      expect(created.metadata).toEqual({ portal_payment_id: 'pay_test' });

      const retrieved = await stripe.checkout.sessions.retrieve(created.id);
      expect(retrieved.id).toBe(created.id);

      const expired = await stripe.checkout.sessions.expire(created.id);
      expect(expired.status).toBe('expired');
      expect(expired.url).toBeNull();
      await fake.waitForDeliveries();
      expect(receiver.received.map((request) => parseEvent(request.body).type)).toEqual(['checkout.session.expired']);
    });

    it('rejects expiring a session that is not open', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      await stripe.checkout.sessions.expire(created.id);

      await expect(stripe.checkout.sessions.expire(created.id)).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 400,
      });
    });

    it('returns 404 for an unknown session', async () => {
      await expect(stripe.checkout.sessions.retrieve('cs_test_missing')).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 404,
        code: 'resource_missing',
      });
    });

    it('charges zero-decimal currencies in whole units', async () => {
      const created = await stripe.checkout.sessions.create(
        sessionParams({ line_items: [{ quantity: 1, price_data: { currency: 'jpy', unit_amount: 15000, product_data: { name: 'Invoice INV-J' } } }] }),
      );
      expect(created.amount_total).toBe(15000);
      expect(created.currency).toBe('jpy');
    });

    it('rejects invalid session parameters', async () => {
      const mixed = sessionParams({
        line_items: [
          { quantity: 1, price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'A' } } },
          { quantity: 1, price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'B' } } },
        ],
      });
      await expect(stripe.checkout.sessions.create(mixed)).rejects.toMatchObject({ statusCode: 400 });

      const { success_url: _omitted, ...withoutSuccessUrl } = sessionParams();
      await expect(stripe.checkout.sessions.create(withoutSuccessUrl)).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing' });

      const soon = sessionParams({ expires_at: Math.floor(Date.now() / 1000) + 600 });
      await expect(stripe.checkout.sessions.create(soon)).rejects.toMatchObject({ statusCode: 400, param: 'expires_at' });
      expect(fake.sessions()).toHaveLength(0);
    });

    it('rejects a request with a wrong API key', async () => {
      const stranger = createStripeClient({ secretKey: 'sk_test_wrong', apiUrl: fake.url });
      await expect(stranger.checkout.sessions.create(sessionParams())).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    });
  });

  describe('idempotent requests', () => {
    it('replays a repeated idempotent request', async () => {
      const params = sessionParams();
      const created = await stripe.checkout.sessions.create(params, { idempotencyKey: 'key-1' });
      const again = await stripe.checkout.sessions.create(params, { idempotencyKey: 'key-1' });

      expect(again.id).toBe(created.id);
      expect(fake.sessions()).toHaveLength(1);
      const replays = fake.requests.filter((request) => request.idempotencyKey === 'key-1' && request.replayed);
      expect(replays).toHaveLength(1);
    });

    it('sends Idempotent-Replayed: true on a replay', async () => {
      const body = 'mode=payment&success_url=http%3A%2F%2F127.0.0.1%2Fok&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=500&line_items[0][price_data][product_data][name]=X';
      const send = (): Promise<Response> =>
        fetch(`${fake.url}/v1/checkout/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'raw-key' },
          body,
        });

      const first = await send();
      const second = await send();
      const firstBody = (await first.json()) as { id: string };
      const secondBody = (await second.json()) as { id: string };

      expect(first.status).toBe(200);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(secondBody.id).toBe(firstBody.id);
    });

    it('rejects the same key with other parameters', async () => {
      await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'key-2' });
      const changed = sessionParams({ client_reference_id: 'pay_other' });

      const failure = await stripe.checkout.sessions.create(changed, { idempotencyKey: 'key-2' }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(failure).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
      expect(fake.sessions()).toHaveLength(1);
    });

    it('keeps a key free after a validation error', async () => {
      const { success_url: _omitted, ...invalid } = sessionParams();
      await expect(stripe.checkout.sessions.create(invalid, { idempotencyKey: 'key-3' })).rejects.toMatchObject({ statusCode: 400 });

      const created = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'key-3' });
      expect(created.status).toBe('open');
    });

    it('creates one session for concurrent retries', async () => {
      fake.setApiLatency(100);
      const params = sessionParams();

      const [a, b] = await Promise.all([
        stripe.checkout.sessions.create(params, { idempotencyKey: 'key-4' }),
        stripe.checkout.sessions.create(params, { idempotencyKey: 'key-4' }),
      ]);

      expect(a.id).toBe(b.id);
      expect(fake.sessions()).toHaveLength(1);
      // The second request met the first one in progress and stripe-node retried it.
      expect(fake.requests.some((request) => request.idempotencyKey === 'key-4' && request.status === 409)).toBe(true);
    });
  });

  describe('hosted page and webhooks', () => {
    it('takes a payment and sends an event', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      const page = await fetch(created.url as string);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('20.00 USD');

      const paid = await fetch(`${created.url}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=succeeded',
        redirect: 'manual',
      });
      expect(paid.status).toBe(303);
      expect(paid.headers.get('location')).toBe(`http://127.0.0.1:4000/payments/pay_test?result=success&session=${created.id}`);

      await fake.waitForDeliveries();
      expect(receiver.received).toHaveLength(1);
      const delivery = receiver.received[0]!;
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature as string, WEBHOOK_SECRET);
      expect(event.type).toBe('checkout.session.completed');
      const session = event.data.object as Stripe.Checkout.Session;
      expect(session.payment_status).toBe('paid');
      expect(session.payment_intent).toMatch(/^pi_/);

      const intent = await stripe.paymentIntents.retrieve(session.payment_intent as string);
      expect(intent.status).toBe('succeeded');
      expect(intent.amount).toBe(2000);
      expect(intent.metadata).toEqual({ portal_payment_id: 'pay_test' });
    });

    it('signs exactly like generateTestHeaderString', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.pay(created.id);
      await fake.waitForDeliveries();
      const delivery = receiver.received[0]!;
      const timestamp = Number(/t=(\d+)/.exec(delivery.signature as string)?.[1]);

      const expected = stripe.webhooks.generateTestHeaderString({ payload: delivery.body, secret: WEBHOOK_SECRET, timestamp });
      expect(delivery.signature).toBe(expected);
    });

    it('rejects paying a session twice', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.pay(created.id);

      const second = await fetch(`${created.url}/pay`, { method: 'POST', body: 'outcome=succeeded', redirect: 'manual' });
      expect(second.status).toBe(409);
      expect(fake.events.filter((event) => event.type === 'checkout.session.completed')).toHaveLength(1);
    });

    it('settles a delayed payment and reports refunds', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      const session = fake.pay(created.id, 'processing');
      expect(session.payment_status).toBe('unpaid');

      fake.settleAsyncPayment(created.id, 'succeeded');
      fake.refund(session.payment_intent as string, 500);
      fake.refund(session.payment_intent as string);
      await fake.waitForDeliveries();

      const events = receiver.received.map((request) => parseEvent(request.body));
      expect(events.map((event) => event.type)).toEqual([
        'checkout.session.completed',
        'checkout.session.async_payment_succeeded',
        'charge.refunded',
        'charge.refunded',
      ]);
      const lastCharge = events[3]!.data.object as Stripe.Charge;
      expect(lastCharge.amount_refunded).toBe(2000);
      expect(lastCharge.refunded).toBe(true);
      expect((events[2]!.data.object as Stripe.Charge).refunded).toBe(false);
    });

    it('reports a failed delayed payment', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.pay(created.id, 'processing');
      fake.settleAsyncPayment(created.id, 'failed');
      await fake.waitForDeliveries();

      expect(receiver.received.map((request) => parseEvent(request.body).type)).toEqual([
        'checkout.session.completed',
        'checkout.session.async_payment_failed',
      ]);
      const intent = fake.paymentIntent(fake.session(created.id)!.payment_intent as string);
      expect(intent?.status).toBe('requires_payment_method');
    });
  });

  describe('delivery controls', () => {
    it('releases held events in reverse', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.holdDeliveries();
      fake.pay(created.id);
      const paymentIntent = fake.session(created.id)!.payment_intent as string;
      fake.refund(paymentIntent);
      await fake.waitForDeliveries();
      expect(receiver.received).toHaveLength(0);

      await fake.releaseDeliveries('reverse');
      expect(receiver.received.map((request) => parseEvent(request.body).type)).toEqual(['charge.refunded', 'checkout.session.completed']);
    });

    it('sends every event twice when asked', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.setDuplicateDeliveries(true);
      fake.pay(created.id);
      await fake.waitForDeliveries();

      expect(receiver.received).toHaveLength(2);
      expect(parseEvent(receiver.received[0]!.body).id).toBe(parseEvent(receiver.received[1]!.body).id);
    });

    it('retries a failed delivery until it succeeds', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.failNextDeliveries(1);
      receiver.respondWith(500);
      fake.pay(created.id);
      await waitFor(() => receiver.received.length === 1);
      receiver.respondWith(200);
      await fake.waitForDeliveries();

      expect(fake.deliveries.map((delivery) => [delivery.attempt, delivery.status, delivery.simulatedFailure])).toEqual([
        [1, null, true],
        [2, 500, false],
        [3, 200, false],
      ]);
      expect(receiver.received).toHaveLength(2);
    });

    it('resends an event with an old signature time', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      fake.pay(created.id);
      await fake.waitForDeliveries();
      const eventId = fake.events[0]!.id;

      const oneHourAgo = Math.floor(Date.now() / 1000) - 3600;
      fake.resendEvent(eventId, { signedAt: oneHourAgo });
      await fake.waitForDeliveries();

      const late = receiver.received[1]!;
      expect(parseEvent(late.body).id).toBe(eventId);
      expect(() => stripe.webhooks.constructEvent(late.body, late.signature as string, WEBHOOK_SECRET, 300)).toThrow('Timestamp outside the tolerance zone');
    });

    it('offers the controls over HTTP', async () => {
      const created = await stripe.checkout.sessions.create(sessionParams());
      const control = (path: string, body = ''): Promise<Response> =>
        fetch(`${fake.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });

      expect((await control(`/_fake/checkout/sessions/${created.id}/expire`)).status).toBe(200);
      expect((await control(`/_fake/checkout/sessions/${created.id}/expire`)).status).toBe(400);
      expect(fake.session(created.id)?.status).toBe('expired');
    });
  });

  it('rejects a non-loopback webhook address', async () => {
    await expect(startFakeStripe({ webhookUrl: 'http://example.com/hook' })).rejects.toThrow('delivers only to http(s) on 127.0.0.1');
  });
});
