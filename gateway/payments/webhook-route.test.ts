import type { AddressInfo } from 'node:net';

import Fastify, { type FastifyInstance } from 'fastify';

import { WebhookSignatureError } from '../../connectors/stripe';
import type { WebhookResult } from './webhook';
import { registerStripeWebhookRoute } from './webhook-route';

// Requests go over loopback HTTP: Fastify's inject() loads cookie 2, an
// ES module that Jest's CommonJS runtime cannot require on Node 20.
interface Reply {
  statusCode: number;
  body: string;
  json(): unknown;
}

describe('registerStripeWebhookRoute', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  let calls: { body: Buffer; signature: string | undefined }[];
  let outcome: () => Promise<WebhookResult>;

  beforeEach(async () => {
    calls = [];
    outcome = async () => ({ eventId: 'evt_1', eventType: 'checkout.session.completed', status: 'processed', paymentId: 'pay_1', outcome: 'SUCCEEDED' });
    app = Fastify({ logger: false });
    app.post('/echo', async (request) => ({ parsed: request.body }));
    await registerStripeWebhookRoute(app, {
      handleStripeWebhook: (body, signature) => {
        calls.push({ body, signature });
        return outcome();
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  async function post(url: string, headers: Record<string, string>, payload: string): Promise<Reply> {
    const response = await fetch(`${baseUrl}${url}`, { method: 'POST', headers, body: payload });
    const body = await response.text();
    return { statusCode: response.status, body, json: () => JSON.parse(body) as unknown };
  }

  afterEach(async () => {
    await app.close();
  });

  it('passes the raw body and signature', async () => {
    const payload = '{\n  "id": "evt_1",\n  "amount": 1.10\n}';
    const response = await post('/webhooks/stripe', { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': 't=1,v1=abc' }, payload);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, status: 'processed' });
    expect(calls[0]?.body.toString('utf8')).toBe(payload);
    expect(calls[0]?.signature).toBe('t=1,v1=abc');
  });

  it('keeps JSON parsing on other routes', async () => {
    const response = await post('/echo', { 'content-type': 'application/json' }, '{"a":1}');
    expect(response.json()).toEqual({ parsed: { a: 1 } });
  });

  it('responds 400 on a bad signature', async () => {
    outcome = () => Promise.reject(new WebhookSignatureError('Webhook signature verification failed: No signatures found'));
    const response = await post('/webhooks/stripe', { 'content-type': 'text/plain' }, 'x');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'Webhook signature verification failed: No signatures found' });
  });

  it('responds 500 on other errors', async () => {
    outcome = () => Promise.reject(new Error('database is down'));
    const response = await post('/webhooks/stripe', { 'content-type': 'application/json' }, '{}');

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('database is down');
  });
});
