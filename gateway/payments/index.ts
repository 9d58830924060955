/** Click to Pay: online payment of invoices through Stripe Checkout. */
export { loadPaymentsConfig, PAYMENT_ID_PLACEHOLDER } from './config';
export type { PaymentsConfig, PaymentsSettings } from './config';
export { ATTEMPT_METADATA_KEY, DEFAULT_WRITE_BACK_OPTIONS } from './context';
export type { CheckoutApi, PaymentViewer, ReceiptWriter, WriteBackOptions } from './context';
export { formatAmount } from './format';
export { invoiceHold } from './holds';
export type { HoldingPayment, InvoiceHold } from './holds';
export { createPaymentService, PaymentService } from './service';
export type { PaymentPage, PaymentServiceDeps, PaymentServiceSetup, PaymentWithLines, WriteBackLoop } from './service';
export { MAX_INVOICES_PER_PAYMENT } from './start-payment';
export type { PayInvoiceRequest, StartedPayment } from './start-payment';
export type { WebhookResult } from './webhook';
export { registerStripeWebhookRoute, STRIPE_WEBHOOK_PATH } from './webhook-route';
export type { StripeWebhookRouteDeps } from './webhook-route';
export type { WriteBackRunResult } from './write-back';
