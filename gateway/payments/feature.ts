/** Whether Click to Pay is on in this gateway process, as the HTTP routes and resolvers see it. */
import type { PaymentsSettings } from './config';
import type { PaymentService } from './service';

export type PaymentsFeature =
  | { enabled: true; settings: PaymentsSettings; service: PaymentService }
  | {
      enabled: false;
      /** The environment variables whose absence turned payments off. */
      missing: readonly string[];
    };

/** Payments off because neither Stripe secret is set; the default of `buildApp`. */
export const PAYMENTS_OFF: PaymentsFeature = { enabled: false, missing: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] };
