import Stripe from 'stripe';

import { signPayload } from './fake/webhook-sender';
import { verifyStripeWebhook, WebhookSignatureError } from './webhooks';

const SECRET = 'whsec_unit_test';
const NOW_MS = Date.UTC(2026, 10, 30, 14, 5, 0);
const NOW_S = NOW_MS / 1000;

function completedEvent(): string {
  return JSON.stringify({
    id: 'evt_1',
    object: 'event',
    created: NOW_S - 5,
    type: 'checkout.session.completed',
    data: {
      object: {
        id: 'cs_test_1',
        object: 'checkout.session',
        status: 'complete',
        payment_status: 'paid',
        amount_total: 2000,
        currency: 'usd',
        client_reference_id: 'pay_1',
        payment_intent: 'pi_1',
        metadata: { portal_payment_id: 'pay_1' },
        expires_at: NOW_S + 3600,
        url: null,
      },
    },
  });
}

const verification = { secret: SECRET, toleranceSeconds: 300, nowMs: NOW_MS };

describe('verifyStripeWebhook', () => {
  it('returns a checkout session event', () => {
    const body = completedEvent();
    const event = verifyStripeWebhook(Buffer.from(body), signPayload(body, SECRET, NOW_S), verification);

    expect(event).toMatchObject({
      id: 'evt_1',
      kind: 'checkout_session',
      type: 'checkout.session.completed',
      session: { id: 'cs_test_1', paymentStatus: 'paid', amountTotal: 2000, currency: 'USD', clientReferenceId: 'pay_1', paymentIntentId: 'pi_1' },
    });
  });

  it('accepts a header from generateTestHeaderString', () => {
    const body = completedEvent();
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: NOW_S });
    expect(verifyStripeWebhook(body, header, verification).id).toBe('evt_1');
  });

  it('rejects a tampered body', () => {
    const body = completedEvent();
    const header = signPayload(body, SECRET, NOW_S);
    const tampered = body.replace('"amount_total":2000', '"amount_total":1');

    expect(() => verifyStripeWebhook(tampered, header, verification)).toThrow(WebhookSignatureError);
  });

  it('rejects another secret', () => {
    const body = completedEvent();
    expect(() => verifyStripeWebhook(body, signPayload(body, 'whsec_other', NOW_S), verification)).toThrow(WebhookSignatureError);
  });

  it('rejects a signature older than the tolerance', () => {
    const body = completedEvent();
    const header = signPayload(body, SECRET, NOW_S - 301);
    expect(() => verifyStripeWebhook(body, header, verification)).toThrow('Webhook signature verification failed: Timestamp outside the tolerance zone');
  });

  it('rejects a missing header', () => {
    expect(() => verifyStripeWebhook(completedEvent(), undefined, verification)).toThrow('The request has no Stripe-Signature header.');
  });

  it('rejects a zero tolerance', () => {
    const body = completedEvent();
    expect(() => verifyStripeWebhook(body, signPayload(body, SECRET, NOW_S), { ...verification, toleranceSeconds: 0 })).toThrow(RangeError);
  });

  it('reduces a refund to its charge fields', () => {
    const body = JSON.stringify({
      id: 'evt_2',
      object: 'event',
      created: NOW_S,
      type: 'charge.refunded',
      data: { object: { id: 'ch_1', object: 'charge', amount: 2000, amount_refunded: 2000, refunded: true, currency: 'usd', payment_intent: 'pi_1', metadata: {} } },
    });
    const event = verifyStripeWebhook(body, signPayload(body, SECRET, NOW_S), verification);

    expect(event).toMatchObject({ kind: 'charge_refunded', charge: { id: 'ch_1', paymentIntentId: 'pi_1', amount: 2000, amountRefunded: 2000, refunded: true, currency: 'USD' } });
  });

  it('passes other event types through as other', () => {
    const body = JSON.stringify({ id: 'evt_3', object: 'event', created: NOW_S, type: 'customer.created', data: { object: {} } });
    expect(verifyStripeWebhook(body, signPayload(body, SECRET, NOW_S), verification)).toEqual({ id: 'evt_3', created: NOW_S, kind: 'other', type: 'customer.created' });
  });
});
