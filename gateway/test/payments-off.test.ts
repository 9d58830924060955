/**
 * The gateway with payments off (no STRIPE_SECRET_KEY or
 * STRIPE_WEBHOOK_SECRET): the payment fields explain why, and the invoice
 * fields work without the payment tables.
 */
import { signedInClient, type TestClient } from './client';
import { startTestServer, type TestServer } from './harness';
import { INVOICE_PAYMENT_FIELDS, outstandingInvoices, PAY_INVOICES } from './payment-operations';

let server: TestServer;
let alice: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
});

afterAll(async () => {
  await server.close();
});

describe('payments off', () => {
  it('rejects payInvoices with NOT_CONFIGURED', async () => {
    const [invoice] = await outstandingInvoices(alice);

    const response = await alice.graphql(PAY_INVOICES, { input: { invoices: [{ number: invoice!.number }] } });

    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'NOT_CONFIGURED', missingSettings: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] });
    expect(response.errors?.[0]?.message).toContain('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are not set');
  });

  it('checks the permission first', async () => {
    const dave = await signedInClient(server.baseUrl, 'dave@acme.example');

    const response = await dave.graphql(PAY_INVOICES, { input: { invoices: [{ number: 'INV-1' }] } });

    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('rejects the payment queries with NOT_CONFIGURED', async () => {
    const list = await alice.graphql('{ payments(first: 5) { edges { node { id } } } }');
    const single = await alice.graphql('{ payment(id: "pay_aaaaaaaaaaaaaaaaaaaa") { id } }');

    expect(list.errors?.[0]?.extensions?.['code']).toBe('NOT_CONFIGURED');
    expect(single.errors?.[0]?.extensions?.['code']).toBe('NOT_CONFIGURED');
  });

  it('reports payments as unavailable', async () => {
    const response = await alice.graphql('{ paymentSettings { enabled unavailableReason allowPartialPayments minimumAmounts { amount } } }');

    expect(response.data?.['paymentSettings']).toEqual({
      enabled: false,
      unavailableReason: expect.stringContaining('Online payment is not set up'),
      allowPartialPayments: false,
      minimumAmounts: [],
    });
  });

  it('shows invoices as payable without reading payments', async () => {
    const [invoice] = await outstandingInvoices(alice);
    server.portalStatements.length = 0;

    const response = await alice.graphql(INVOICE_PAYMENT_FIELDS, { number: invoice!.number });

    expect(response.data?.['invoice']).toEqual({
      number: invoice!.number,
      status: 'OUTSTANDING',
      balance: invoice!.balance,
      pendingPaymentAmount: { amount: '0.0000', currency: invoice!.balance.currency },
      payableAmount: invoice!.balance,
      pendingPayments: [],
    });
    // Only the session lookup; the payment tables do not exist.
    expect(server.portalStatements).toHaveLength(1);
  });

  it('shows no pending amount on the dashboard', async () => {
    const response = await alice.graphql('{ dashboard { invoices { pendingPaymentAmount { amount currency } pendingPaymentCount } } }');

    expect(response.data?.['dashboard']).toEqual({ invoices: { pendingPaymentAmount: { amount: '0.0000', currency: 'USD' }, pendingPaymentCount: 0 } });
  });

  it('serves no webhook route', async () => {
    const response = await fetch(`${server.baseUrl}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    expect(response.status).toBe(404);
  });
});
