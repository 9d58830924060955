/**
 * GraphQL documents and helpers shared by the payment tests that go through
 * HTTP: picking outstanding demo invoices, paying them, and converting an
 * API amount to Stripe's minor units independently of the code under test.
 */
import type { TestClient } from './client';

export const PAY_INVOICES = `
  mutation Pay($input: PayInvoicesInput!) {
    payInvoices(input: $input) {
      checkoutUrl
      payment { id status total { amount currency } lines { invoiceNumber amount { amount currency } } checkoutUrl }
    }
  }`;

export const INVOICE_PAYMENT_FIELDS = `
  query Invoice($number: String!) {
    invoice(number: $number) {
      number status balance { amount currency }
      pendingPaymentAmount { amount currency } payableAmount { amount currency }
      pendingPayments { paymentId status amount { amount } }
    }
  }`;

export const PAYMENT = `
  query Payment($id: ID!) {
    payment(id: $id) {
      id status total { amount currency } completedAt checkoutUrl
      lines { invoiceNumber amount { amount } invoice { number status } }
    }
  }`;

export interface OutstandingInvoice {
  number: string;
  balance: { amount: string; currency: string };
}

/** Outstanding invoices (not credit memos) of the client's company with a balance of at least `minimumBalance`, newest first. */
export async function outstandingInvoices(client: TestClient, minimumBalance = '0'): Promise<OutstandingInvoice[]> {
  const response = await client.graphql<{ invoices: { edges: { node: OutstandingInvoice }[] } }>(
    `query { invoices(first: 100, filter: { status: OUTSTANDING, type: INVOICE }) { edges { node { number balance { amount currency } } } } }`,
  );
  if (response.errors !== undefined || !response.data) {
    throw new Error(`Listing outstanding invoices failed: ${JSON.stringify(response.errors)}`);
  }
  const minimum = toScaled(minimumBalance);
  return response.data.invoices.edges.map((edge) => edge.node).filter((invoice) => toScaled(invoice.balance.amount) >= minimum);
}

/** Takes invoices off a list so that each test pays its own; throws when the demo data has too few. */
export function take(pool: OutstandingInvoice[], count: number): OutstandingInvoice[] {
  if (pool.length < count) {
    throw new Error(`The demo data has too few outstanding invoices left for this test: ${count} needed, ${pool.length} left.`);
  }
  return pool.splice(0, count);
}

/** Pays a Checkout Session on the fake's hosted page as a browser would: a form POST to `<url>/pay`. */
export async function payOnHostedPage(checkoutUrl: string): Promise<Response> {
  return fetch(`${checkoutUrl}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'outcome=succeeded',
    redirect: 'manual',
  });
}

/** Ten-thousandths of a decimal string such as "1234.5000", as a BigInt. */
export function toScaled(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(amount);
  if (match === null) {
    throw new Error(`Expected a decimal with at most 4 places, got "${amount}".`);
  }
  const value = BigInt(match[2]!) * 10_000n + BigInt((match[3] ?? '').padEnd(4, '0'));
  return match[1] === '-' ? -value : value;
}

/** Minor units of an amount in a currency with `exponent` decimal places; throws when digits would be lost. */
export function toMinor(amount: string, exponent: number): number {
  const scaled = toScaled(amount);
  const divisor = 10n ** BigInt(4 - exponent);
  if (scaled % divisor !== 0n) {
    throw new Error(`${amount} has more decimal places than the currency's ${exponent}.`);
  }
  return Number(scaled / divisor);
}

/** Formats ten-thousandths as the API does, for example 12345000n as "1234.5000". */
export function fromScaled(scaled: bigint): string {
  const sign = scaled < 0n ? '-' : '';
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(5, '0');
  return `${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}
