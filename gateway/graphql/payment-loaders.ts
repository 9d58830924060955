/**
 * DataLoaders of one request for Click to Pay, scoped to the viewer's
 * customer like those in loaders.ts. The holds of all invoices on a page are
 * read with one batch from the portal store.
 */
import DataLoader from 'dataloader';

import * as decimal from '../../connectors/decimal';
import type * as domain from '../../connectors/domain';
import { invoiceHold, type InvoiceHold, type PaymentService, type PaymentWithLines } from '../payments';

export interface PaymentLoaders {
  /** How much of each invoice's balance portal payments hold, keyed by invoice id. */
  invoiceHold: DataLoader<domain.Invoice, InvoiceHold, string>;
  /** Payments with their lines by payment id; null for an id that is not the customer's. */
  paymentById: DataLoader<string, PaymentWithLines | null>;
  /** Holds on all the customer's invoices, above zero only, read at most once per request. */
  customerHolds(): Promise<InvoiceHold[]>;
}

/**
 * Creates the loaders. With payments off (`service` null) every hold is zero
 * and nothing is read, and the payment lookups must not be called.
 */
export function createPaymentLoaders(
  service: PaymentService | null,
  customerId: string,
  invoiceById: DataLoader<string, domain.Invoice | null>,
): PaymentLoaders {
  const invoiceHolds = new DataLoader<domain.Invoice, InvoiceHold, string>(
    async (invoices) => {
      // Credit memos and settled invoices cannot be paid, so they need no read.
      const payable = invoices.filter(canBeHeld);
      const holds = service === null || payable.length === 0 ? [] : await service.invoiceHolds(customerId, payable);
      const byInvoiceId = new Map(holds.map((hold) => [hold.invoiceId, hold]));
      return invoices.map((invoice) => byInvoiceId.get(invoice.id) ?? invoiceHold(invoice.id, invoice.balance, []));
    },
    { cacheKeyFn: (invoice) => invoice.id },
  );

  const paymentById = new DataLoader<string, PaymentWithLines | null>((ids) => requireService(service).paymentsById(customerId, ids));

  let customerHolds: Promise<InvoiceHold[]> | undefined;
  return {
    invoiceHold: invoiceHolds,
    paymentById,
    customerHolds() {
      customerHolds ??=
        service === null ? Promise.resolve([]) : service.customerHolds(customerId, (ids) => loadAll(invoiceById, ids));
      return customerHolds;
    },
  };
}

function canBeHeld(invoice: domain.Invoice): boolean {
  return invoice.type === 'INVOICE' && decimal.compare(invoice.balance, '0') > 0;
}

function requireService(service: PaymentService | null): PaymentService {
  if (service === null) {
    throw new Error('A payment loader was called while payments are off; resolvers must check the payments feature first.');
  }
  return service;
}

/** `loadMany` that rejects with the first failed key's error instead of returning it in the list. */
async function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  return results.map((result) => {
    if (result instanceof Error) {
      throw result;
    }
    return result;
  });
}
