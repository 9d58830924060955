/** Payment records in the portal's own database: attempts, lines, applied webhook events, ERP write-back outbox. */
export { migratePaymentStore } from './migrations';
export type { PaymentsDatabase, WriteBackState } from './schema';
export { assertNever, canTransition, holdsInvoiceAmounts, isFinal, isPaymentState, PAYMENT_STATES, sourceStates } from './states';
export type { PaymentState } from './states';
export { PaymentQueries, PaymentStore } from './store';
export type {
  AttemptChanges,
  ClaimedWriteBack,
  HeldLine,
  NewPaymentAttempt,
  PaymentAttempt,
  PaymentAttemptLine,
  WriteBackRecord,
} from './store';
