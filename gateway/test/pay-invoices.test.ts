/**
 * Mutation.payInvoices and the payment queries through HTTP, against the
 * fake Stripe API, with partial payments on and minimums of 50.00 USD and
 * 50 JPY.
 */
import { signedInClient, type TestClient } from './client';
import { startTestServer, type TestServer } from './harness';
import {
  fromScaled,
  INVOICE_PAYMENT_FIELDS,
  outstandingInvoices,
  PAY_INVOICES,
  PAYMENT,
  payOnHostedPage,
  take,
  toMinor,
  toScaled,
  type OutstandingInvoice,
} from './payment-operations';

let server: TestServer;
let alice: TestClient;
let usdInvoices: OutstandingInvoice[];

beforeAll(async () => {
  server = await startTestServer({
    payments: {
      allowPartial: true,
      minimumAmounts: new Map([
        ['USD', '50.00'],
        ['JPY', '50'],
      ]),
    },
  });
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  // Balances of at least 100.00 leave room for a partial payment above the minimum.
  usdInvoices = await outstandingInvoices(alice, '100');
});

afterAll(async () => {
  await server.close();
});

function fake() {
  if (server.payments === null) {
    throw new Error('The test server was started without payments.');
  }
  return server.payments.fake;
}

function sessionsOf(paymentId: string) {
  return fake()
    .sessions()
    .filter((session) => session.client_reference_id === paymentId);
}

async function pay(client: TestClient, invoices: { number: string; amount?: string }[]) {
  return client.graphql<{ payInvoices: { checkoutUrl: string; payment: { id: string; status: string; total: { amount: string; currency: string } } } }>(
    PAY_INVOICES,
    { input: { invoices } },
  );
}

async function invoicePaymentFields(client: TestClient, number: string): Promise<Record<string, any>> {
  const response = await client.graphql(INVOICE_PAYMENT_FIELDS, { number });
  expect(response.errors).toBeUndefined();
  return response.data?.['invoice'] as Record<string, any>;
}

describe('payInvoices over HTTP', () => {
  it('returns one session for a double click', async () => {
    const [invoice] = take(usdInvoices, 1);

    const [first, second] = await Promise.all([pay(alice, [{ number: invoice!.number }]), pay(alice, [{ number: invoice!.number }])]);

    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const paymentId = first.data!.payInvoices.payment.id;
    expect(second.data!.payInvoices.payment.id).toBe(paymentId);
    expect(second.data!.payInvoices.checkoutUrl).toBe(first.data!.payInvoices.checkoutUrl);
    expect(sessionsOf(paymentId)).toHaveLength(1);
    expect(first.data!.payInvoices.payment.total).toEqual(invoice!.balance);
    // Whether the second request came before or after the first one had
    // recorded its session, Stripe saw one Idempotency-Key and created once.
    const creates = fake().requests.filter((request) => request.method === 'POST' && request.path === '/v1/checkout/sessions');
    expect(new Set(creates.map((request) => request.idempotencyKey)).size).toBe(1);
    expect(creates.filter((request) => !request.replayed)).toHaveLength(1);
  });

  it('rejects a second tab naming the pending payment', async () => {
    const [covered, other] = take(usdInvoices, 2);
    const firstTab = await pay(alice, [{ number: covered!.number }]);
    const paymentId = firstTab.data!.payInvoices.payment.id;

    const secondTab = await pay(alice, [{ number: other!.number }, { number: covered!.number }]);

    expect(secondTab.data).toBeNull();
    expect(secondTab.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(secondTab.errors?.[0]?.extensions?.['argumentName']).toBe('input.invoices.1.number');
    expect(secondTab.errors?.[0]?.message).toContain(`Invoice ${covered!.number}`);
    expect(secondTab.errors?.[0]?.message).toContain(paymentId);
    // Nothing of the rejected request holds the other invoice.
    expect((await invoicePaymentFields(alice, other!.number))['status']).toBe('OUTSTANDING');
  });

  it('shows the held invoice as payment pending', async () => {
    const [invoice] = take(usdInvoices, 1);
    const started = await pay(alice, [{ number: invoice!.number }]);
    const paymentId = started.data!.payInvoices.payment.id;

    const fields = await invoicePaymentFields(alice, invoice!.number);

    expect(fields['status']).toBe('PAYMENT_PENDING');
    expect(fields['pendingPaymentAmount']).toEqual(invoice!.balance);
    expect(fields['payableAmount']).toEqual({ amount: '0.0000', currency: 'USD' });
    expect(fields['pendingPayments']).toEqual([{ paymentId, status: 'OPEN', amount: { amount: invoice!.balance.amount } }]);
  });

  it('forbids the STANDARD role', async () => {
    const dave = await signedInClient(server.baseUrl, 'dave@acme.example');

    const response = await pay(dave, [{ number: usdInvoices[0]!.number }]);

    expect(response.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', permission: 'invoices:pay' });
  });

  it('lets the BILLING role pay', async () => {
    const erin = await signedInClient(server.baseUrl, 'erin@acme.example');
    const [invoice] = take(usdInvoices, 1);

    const response = await pay(erin, [{ number: invoice!.number }]);

    expect(response.errors).toBeUndefined();
    expect(response.data?.payInvoices.payment.status).toBe('OPEN');
  });

  it('leaves the rest of a partial payment payable', async () => {
    const [invoice] = take(usdInvoices, 1);
    const started = await pay(alice, [{ number: invoice!.number, amount: '60.00' }]);
    expect(started.errors).toBeUndefined();
    const { checkoutUrl, payment } = started.data!.payInvoices;
    expect(sessionsOf(payment.id)[0]?.amount_total).toBe(6000);

    const paid = await payOnHostedPage(checkoutUrl);
    expect(paid.status).toBe(303);
    await fake().waitForDeliveries();

    const receipt = await alice.graphql(PAYMENT, { id: payment.id });
    expect(receipt.data?.['payment']).toMatchObject({ status: 'SUCCEEDED', total: { amount: '60.0000', currency: 'USD' }, checkoutUrl: null });
    expect(receipt.data?.['payment']['completedAt']).toEqual(expect.any(String));
    const rest = fromScaled(toScaled(invoice!.balance.amount) - 600_000n);
    const fields = await invoicePaymentFields(alice, invoice!.number);
    expect(fields['status']).toBe('PAYMENT_PENDING');
    expect(fields['pendingPaymentAmount']).toEqual({ amount: '60.0000', currency: 'USD' });
    expect(fields['payableAmount']).toEqual({ amount: rest, currency: 'USD' });

    // Paying "the whole invoice" now charges only the rest.
    const second = await pay(alice, [{ number: invoice!.number }]);
    expect(second.data?.payInvoices.payment.total).toEqual({ amount: rest, currency: 'USD' });
    expect(sessionsOf(second.data!.payInvoices.payment.id)[0]?.amount_total).toBe(toMinor(rest, 2));
  });

  it('rejects a partial amount below the minimum', async () => {
    const [invoice] = take(usdInvoices, 1);

    const response = await pay(alice, [{ number: invoice!.number, amount: '49.99' }]);

    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.invoices.0.amount' });
    expect(response.errors?.[0]?.message).toContain('at least 50.00 USD');
  });

  it('rejects an amount above the open amount', async () => {
    const [invoice] = take(usdInvoices, 1);
    const above = fromScaled(toScaled(invoice!.balance.amount) + 100n);

    const response = await pay(alice, [{ number: invoice!.number, amount: above }]);

    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.invoices.0.amount' });
    expect(response.errors?.[0]?.message).toContain('more than the open amount');
  });

  it('charges USD in cents without drift', async () => {
    const invoices = take(usdInvoices, 3);

    const response = await pay(
      alice,
      invoices.map((invoice) => ({ number: invoice.number })),
    );

    expect(response.errors).toBeUndefined();
    const [session] = sessionsOf(response.data!.payInvoices.payment.id);
    const expectedCents = invoices.reduce((sum, invoice) => sum + toMinor(invoice.balance.amount, 2), 0);
    expect(session?.currency).toBe('usd');
    expect(session?.amount_total).toBe(expectedCents);
    expect(fake().lineItems(session!.id).map((item) => item.unitAmount)).toEqual(invoices.map((invoice) => toMinor(invoice.balance.amount, 2)));
  });

  it('charges JPY in whole yen', async () => {
    const carol = await signedInClient(server.baseUrl, 'carol@initech.example');
    const [invoice] = await outstandingInvoices(carol, '50');
    if (invoice === undefined) {
      throw new Error('The demo data has no outstanding JPY invoice of at least 50 yen.');
    }
    expect(invoice.balance.currency).toBe('JPY');

    const response = await pay(carol, [{ number: invoice.number }]);

    expect(response.errors).toBeUndefined();
    const [session] = sessionsOf(response.data!.payInvoices.payment.id);
    expect(session?.currency).toBe('jpy');
    expect(session?.amount_total).toBe(toMinor(invoice.balance.amount, 0));

    // A fraction of a yen cannot be charged.
    const [next] = (await outstandingInvoices(carol, '100')).filter((candidate) => candidate.number !== invoice.number);
    const fraction = await pay(carol, [{ number: next!.number, amount: '60.5' }]);
    expect(fraction.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(fraction.errors?.[0]?.message).toContain('cannot be charged exactly');
  });

  it('cancels a payment and frees the invoice', async () => {
    const [invoice] = take(usdInvoices, 1);
    const started = await pay(alice, [{ number: invoice!.number }]);
    const paymentId = started.data!.payInvoices.payment.id;

    const cancelled = await alice.graphql('mutation ($id: ID!) { cancelPayment(id: $id) { id status checkoutUrl } }', { id: paymentId });

    expect(cancelled.data?.['cancelPayment']).toEqual({ id: paymentId, status: 'EXPIRED', checkoutUrl: null });
    expect((await invoicePaymentFields(alice, invoice!.number))['status']).toBe('OUTSTANDING');
    const again = await alice.graphql('mutation ($id: ID!) { cancelPayment(id: $id) { id } }', { id: paymentId });
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'id' });
  });

  it('lists payments newest first', async () => {
    const first = await alice.graphql<{ payments: { totalCount: number; edges: { cursor: string; node: { id: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      '{ payments(first: 2) { totalCount edges { cursor node { id createdAt } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.errors).toBeUndefined();
    const page = first.data!.payments;
    expect(page.totalCount).toBeGreaterThanOrEqual(3);
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);

    const next = await alice.graphql<{ payments: { edges: { node: { id: string; createdAt: string } }[] } }>(
      'query ($after: String) { payments(first: 100, after: $after) { edges { node { id createdAt } } } }',
      { after: page.pageInfo.endCursor },
    );
    const all = [...page.edges.map((edge) => edge.node), ...next.data!.payments.edges.map((edge) => edge.node)];
    expect(all).toHaveLength(page.totalCount);
    expect(new Set(all.map((node) => node.id)).size).toBe(all.length);
    const times = all.map((node) => node.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it.each([
    ['bad time', { l: 'Payment', f: 'CREATED_AT', d: 'DESC', v: '2026-13-45T99:99:99.000Z', i: 'pay_aaaaaaaaaaaaaaaaaaaa' }],
    ['no time', { l: 'Payment', f: 'CREATED_AT', d: 'DESC', v: null, i: 'pay_aaaaaaaaaaaaaaaaaaaa' }],
    ['foreign id', { l: 'Payment', f: 'CREATED_AT', d: 'DESC', v: '2026-11-30T14:05:00.000Z', i: "1' OR '1'='1" }],
  ])('rejects a forged payments cursor with %s', async (_label, payload) => {
    const after = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');

    const response = await alice.graphql('query ($after: String) { payments(first: 5, after: $after) { edges { node { id } } } }', { after });

    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('returns null for a malformed payment id', async () => {
    server.portalStatements.length = 0;

    const response = await alice.graphql(PAYMENT, { id: 'x'.repeat(10_000) });

    expect(response.data).toEqual({ payment: null });
    expect(server.portalStatements.filter((event) => event.sql.includes('payment_attempts'))).toHaveLength(0);
  });

  it('hides another company\'s payment', async () => {
    const bob = await signedInClient(server.baseUrl, 'bob@globex.example');
    const listed = await alice.graphql<{ payments: { edges: { node: { id: string } }[] } }>('{ payments(first: 1) { edges { node { id } } } }');
    const paymentId = listed.data!.payments.edges[0]!.node.id;

    expect((await bob.graphql(PAYMENT, { id: paymentId })).data).toEqual({ payment: null });
    const cancel = await bob.graphql('mutation ($id: ID!) { cancelPayment(id: $id) { id } }', { id: paymentId });
    expect(cancel.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('rejects the PAYMENT_PENDING status filter', async () => {
    const response = await alice.graphql('{ invoices(first: 5, filter: { status: PAYMENT_PENDING }) { edges { node { number } } } }');

    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'filter.status' });
  });

  it('reports the settings', async () => {
    const response = await alice.graphql('{ paymentSettings { enabled unavailableReason allowPartialPayments minimumAmounts { amount currency } maxInvoicesPerPayment } }');

    expect(response.data?.['paymentSettings']).toEqual({
      enabled: true,
      unavailableReason: null,
      allowPartialPayments: true,
      minimumAmounts: [
        { amount: '50.0000', currency: 'JPY' },
        { amount: '50.0000', currency: 'USD' },
      ],
      maxInvoicesPerPayment: 100,
    });
  });

  it('sums pending payments on the dashboard', async () => {
    const response = await alice.graphql<{ dashboard: { invoices: { pendingPaymentAmount: { amount: string }; pendingPaymentCount: number } } }>(
      '{ dashboard { invoices { pendingPaymentAmount { amount currency } pendingPaymentCount } } }',
    );
    const listed = await alice.graphql<{ invoices: { edges: { node: { status: string; pendingPaymentAmount: { amount: string } } }[] } }>(
      '{ invoices(first: 100, filter: { status: OUTSTANDING }) { edges { node { status pendingPaymentAmount { amount } } } } }',
    );

    const pending = listed.data!.invoices.edges.map((edge) => edge.node).filter((node) => node.status === 'PAYMENT_PENDING');
    const expected = pending.reduce((sum, node) => sum + toScaled(node.pendingPaymentAmount.amount), 0n);
    expect(pending.length).toBeGreaterThan(0);
    expect(response.data?.dashboard.invoices.pendingPaymentCount).toBe(pending.length);
    expect(response.data?.dashboard.invoices.pendingPaymentAmount.amount).toBe(fromScaled(expected));
  });
});
