/**
 * Access checks of the payment fields: the viewer's permission first, then
 * whether payments are on in this gateway.
 */
import type { Permission } from '../auth/permissions';
import { notConfigured } from '../errors';
import type { PaymentService, PaymentsSettings } from '../payments';
import { requirePermission, requireViewer, type SignedInContext } from './access';
import type { GatewayContext } from './context';
import type { PaymentLoaders } from './payment-loaders';

/** Text for customers where a Pay button would be, while payments are off. */
export const PAYMENTS_UNAVAILABLE_REASON = 'Online payment is not set up in this portal. Pay these invoices the way you usually do, or ask us to turn online payment on.';

export interface PaymentsAccess extends SignedInContext {
  service: PaymentService;
  settings: PaymentsSettings;
  paymentLoaders: PaymentLoaders;
}

/** Throws UNAUTHENTICATED, FORBIDDEN or NOT_CONFIGURED, in that order of checks. */
export function requirePayments(context: GatewayContext, permission: Permission): PaymentsAccess {
  const signedIn = requirePermission(context, permission);
  const { payments } = context;
  if (!payments.enabled) {
    throw notConfigured(
      `Online payment is not configured in this portal, because ${payments.missing.join(' and ')} ${payments.missing.length === 1 ? 'is' : 'are'} not set. ` +
        'Pay the invoices another way, or ask the portal operator to set up Stripe.',
      payments.missing,
    );
  }
  return { ...signedIn, service: payments.service, settings: payments.settings, paymentLoaders: requirePaymentLoaders(context) };
}

/** Returns the payment loaders of a signed-in request. While payments are off they return zero holds. */
export function requirePaymentLoaders(context: GatewayContext): PaymentLoaders {
  requireViewer(context);
  if (context.paymentLoaders === null) {
    throw new Error('The request has a viewer but no payment loaders; createContext must create both.');
  }
  return context.paymentLoaders;
}
