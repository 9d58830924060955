/**
 * Runs the fake Stripe server for local demos (`npm run stripe:fake`).
 *
 * Environment:
 * - STRIPE_FAKE_PORT: port on 127.0.0.1, default 4200;
 * - STRIPE_FAKE_WEBHOOK_URL: where events go, default http://127.0.0.1:4000/webhooks/stripe;
 * - STRIPE_SECRET_KEY: the key clients must send, default sk_test_fake;
 * - STRIPE_WEBHOOK_SECRET: the signing secret, default whsec_fake.
 * Point the gateway at it with STRIPE_API_URL=http://127.0.0.1:4200 and the same two secrets.
 */
import { startFakeStripe } from './server';

async function main(): Promise<void> {
  const portText = process.env['STRIPE_FAKE_PORT']?.trim() || '4200';
  const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Invalid STRIPE_FAKE_PORT "${portText}": expected a port from 0 to 65535, for example STRIPE_FAKE_PORT=4200.`);
  }
  const webhookUrl = process.env['STRIPE_FAKE_WEBHOOK_URL']?.trim() || 'http://127.0.0.1:4000/webhooks/stripe';

  const fake = await startFakeStripe({
    port,
    webhookUrl,
    apiKey: process.env['STRIPE_SECRET_KEY']?.trim() || 'sk_test_fake',
    webhookSecret: process.env['STRIPE_WEBHOOK_SECRET']?.trim() || 'whsec_fake',
  });
  console.log(`Fake Stripe API listening on ${fake.url}; events go to ${webhookUrl}.`);

  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
