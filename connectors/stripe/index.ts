/** Stripe connector: the only code in the portal that imports stripe-node. */
export { createStripeClient, parseStripeApiUrl, STRIPE_API_VERSION } from './client';
export type { StripeClientConfig, StripeEndpoint } from './client';
export {
  fromMinorUnits,
  minorUnitExponent,
  minorUnitStep,
  STRIPE_MAX_AMOUNT_MINOR,
  toMinorUnits,
  toStripeCurrency,
  UnrepresentableAmountError,
} from './amounts';
export type { UnrepresentableReason } from './amounts';
export { StripeCheckout, toSessionSummary } from './checkout';
export type {
  CheckoutLineRequest,
  CheckoutPaymentStatus,
  CheckoutSessionRequest,
  CheckoutSessionStatus,
  CheckoutSessionSummary,
  PaymentIntentSummary,
} from './checkout';
export { StripeRejectedError, translateStripeError } from './errors';
export { verifyStripeWebhook, WebhookSignatureError } from './webhooks';
export type { CheckoutSessionEventType, RefundedChargeSummary, StripeWebhookEvent, WebhookVerification } from './webhooks';
