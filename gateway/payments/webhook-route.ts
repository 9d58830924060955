/**
 * `POST /webhooks/stripe`: hands the raw request body and the
 * `Stripe-Signature` header to the payment service.
 *
 * The route lives in its own Fastify plugin scope, whose only content-type
 * parser keeps the body as a Buffer, because the signature covers the exact
 * bytes Stripe sent. Other routes keep the app's JSON parser.
 */
import type { FastifyInstance } from 'fastify';

import { WebhookSignatureError } from '../../connectors/stripe';
import type { WebhookResult } from './webhook';

export interface StripeWebhookRouteDeps {
  handleStripeWebhook(rawBody: Buffer, signatureHeader: string | undefined): Promise<WebhookResult>;
  /** Largest accepted body; Stripe's events are a few kilobytes. Default 1 MiB. */
  bodyLimitBytes?: number;
}

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/**
 * Registers the route. It responds 200 once the event is recorded (or was
 * recorded before), 400 when the signature fails and 500 on any other
 * error, which makes Stripe retry the delivery.
 */
export async function registerStripeWebhookRoute(app: FastifyInstance, deps: StripeWebhookRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024 }, (_request, body, done) => {
      done(null, body);
    });

    scope.post(STRIPE_WEBHOOK_PATH, async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['stripe-signature'];
      const signature = Array.isArray(header) ? header[0] : header;

      try {
        const result = await deps.handleStripeWebhook(rawBody, signature);
        return reply.code(200).send({ received: true, status: result.status });
      } catch (error) {
        if (error instanceof WebhookSignatureError) {
          request.log.warn({ reason: error.message }, 'Rejected a Stripe webhook request whose signature did not verify');
          return reply.code(400).send({ error: error.message });
        }
        request.log.error({ err: error }, 'Handling a Stripe webhook failed; Stripe will retry it');
        return reply.code(500).send({ error: 'The webhook could not be processed; it will be retried.' });
      }
    });
  });
}
