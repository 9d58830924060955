/**
 * Shown in place of tickets when the ticket source (Salesforce) fails with
 * UPSTREAM_UNAVAILABLE, while invoices and orders keep working.
 */
export const TICKETS_UNAVAILABLE_MESSAGE = 'Support tickets are temporarily unavailable. Try again in a minute.';
