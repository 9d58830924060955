/** Addresses of the payment pages. The gateway builds the return addresses after checkout the same way. */

/** Builds the address of the review page for paying these invoices, for example "/payments/new?invoice=INV-1&invoice=INV-2". */
export function reviewPath(invoiceNumbers: readonly string[]): string {
  const params = new URLSearchParams();
  for (const number of invoiceNumbers) {
    params.append('invoice', number);
  }
  return `/payments/new?${params.toString()}`;
}

/** Builds the address of a payment's receipt page. */
export function paymentPath(paymentId: string): string {
  return `/payments/${encodeURIComponent(paymentId)}`;
}
