/**
 * Browser test of Click to Pay: the built gateway with Stripe settings that
 * point at the fake Stripe API (run as `npm run stripe:fake` runs it), and
 * Chromium paying two invoices on the fake's hosted checkout page. The
 * fake's signed webhook events reach the gateway, and the invoices then show
 * "Payment pending".
 *
 * Needs `npm run build` first and Chromium at /usr/bin/chromium (or
 * CHROMIUM_PATH); it fails with the command to run when either is missing.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { formatMoney } from '../src/format';
import {
  checkBuildOutputs,
  FakeStripeProcess,
  findChromium,
  findFreePort,
  GatewayProcess,
  graphqlWithBrowserSession,
  launchBrowser,
  makeTemporaryDirectory,
  removeDirectory,
} from './harness';

const DEMO_EMAIL = 'alice@acme.example';
const DEMO_PASSWORD = 'portal-demo';
const STRIPE_SECRET_KEY = 'sk_test_e2e';
const STRIPE_WEBHOOK_SECRET = 'whsec_e2e';
const GATEWAY_READY_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 60_000;

let dataDir: string | undefined;
let profileDir: string | undefined;
let fakeStripe: FakeStripeProcess | undefined;
let gateway: GatewayProcess | undefined;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  checkBuildOutputs();
  const chromiumPath = findChromium();

  dataDir = makeTemporaryDirectory('portal-e2e-payments-data-');
  profileDir = makeTemporaryDirectory('portal-e2e-payments-chromium-');
  const gatewayPort = await findFreePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  fakeStripe = await FakeStripeProcess.start(await findFreePort(), `${gatewayUrl}/webhooks/stripe`, {
    secretKey: STRIPE_SECRET_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET,
  });
  gateway = await GatewayProcess.start(gatewayPort, dataDir, GATEWAY_READY_TIMEOUT_MS, {
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_API_URL: fakeStripe.url,
    PUBLIC_URL: gatewayUrl,
  });

  context = await launchBrowser(chromiumPath, profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
}, GATEWAY_READY_TIMEOUT_MS + 30_000);

afterAll(async () => {
  // Each step runs even when an earlier one failed, so nothing is left behind.
  try {
    await context?.close();
  } finally {
    try {
      await gateway?.stop();
      await fakeStripe?.stop();
    } finally {
      removeDirectory(profileDir);
      removeDirectory(dataDir);
    }
  }
}, 30_000);

function baseUrl(): string {
  if (!gateway) {
    throw new Error('The gateway did not start; see the error of beforeAll.');
  }
  return gateway.baseUrl;
}

/** Runs a GraphQL operation with the browser context's cookies. */
function graphqlRequest<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  return graphqlWithBrowserSession<Data>(context, baseUrl(), query, variables);
}

/** Finds the invoice table row whose row header is this invoice number. */
function invoiceRow(number: string) {
  return page.locator('table.data-table tbody tr').filter({ has: page.locator('th[scope="row"]').getByRole('link', { name: number, exact: true }) });
}

test('pays two invoices on the hosted page', async () => {
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  // Select the first two invoices that can be paid.
  await page.goto(`${baseUrl()}/invoices`);
  const checkboxes = page.getByRole('checkbox', { name: /^Select invoice .+ to pay$/ });
  await checkboxes.first().waitFor();
  const numbers: string[] = [];
  for (const index of [0, 1]) {
    const checkbox = checkboxes.nth(index);
    const label = (await checkbox.getAttribute('aria-label')) ?? '';
    numbers.push(/^Select invoice (.+) to pay$/.exec(label)![1]!);
    await checkbox.check();
  }
  const expected = await graphqlRequest<{ invoicesByNumber: { payableAmount: { amount: string; currency: string } }[] }>(
    'query ($numbers: [String!]!) { invoicesByNumber(numbers: $numbers) { payableAmount { amount currency } } }',
    { numbers },
  );
  // Amounts have four decimal places, so without the point they count ten-thousandths.
  const scaled = expected.invoicesByNumber.map((invoice) => BigInt(invoice.payableAmount.amount.replace('.', ''))).reduce((a, b) => a + b, 0n);
  const total = formatMoney(`${scaled / 10_000n}.${(scaled % 10_000n).toString().padStart(4, '0')}`, 'USD');

  // Review the amounts, then pay; a double click starts one payment.
  await page.getByRole('button', { name: 'Pay selected invoices' }).click();
  await page.getByRole('heading', { level: 1, name: 'Pay invoices' }).waitFor();
  // The invoices load after the heading appears.
  await page.locator('.payment-total').waitFor();
  expect(await page.getByRole('region', { name: 'Invoices to pay' }).locator('tbody tr').count()).toBe(2);
  expect((await page.locator('.payment-total').innerText()).trim()).toBe(total);
  await page.getByRole('button', { name: 'Pay now' }).dblclick();

  // The fake's hosted checkout page shows the same total; paying there
  // returns to the portal's success page.
  await page.waitForURL((url) => url.href.startsWith(fakeStripe!.url));
  await page.getByRole('heading', { name: 'Fake Stripe Checkout' }).waitFor();
  expect(await page.locator('#total').innerText()).toBe(`${total.replace(/[$,]/g, '')} USD`);
  await page.locator('#pay').click();
  await page.waitForURL((url) => url.href.startsWith(baseUrl()) && /^\/payments\/pay_/.test(url.pathname) && url.searchParams.get('result') === 'success');
  await page.getByText('Thank you. Your payment was received.').waitFor({ timeout: 30_000 });
  expect(await page.locator('.details dt:text-is("Status") + dd').innerText()).toBe('Paid');

  const deliveries = await fakeStripe!.deliveries(STRIPE_SECRET_KEY);
  expect(deliveries.filter((delivery) => delivery.eventType === 'checkout.session.completed').map((delivery) => delivery.status)).toEqual([200]);

  // Both invoices show the pending payment and can no longer be selected.
  await page.goto(`${baseUrl()}/invoices`);
  for (const number of numbers) {
    const row = invoiceRow(number);
    await row.waitFor();
    expect(await row.locator('.status').innerText()).toContain('Payment pending');
    expect(await row.getByRole('checkbox').count()).toBe(0);
  }

  await page.goto(`${baseUrl()}/invoices/${encodeURIComponent(numbers[0]!)}`);
  await page.locator('.details dt:text-is("Payment pending")').waitFor();

  await page.goto(`${baseUrl()}/`);
  await page.locator('dt:text-is("Payment pending") + dd').waitFor();
  expect(await page.locator('dt:text-is("Payment pending") + dd').innerText()).toContain('on 2 invoices');

  const listed = await graphqlRequest<{ payments: { totalCount: number; edges: { node: { status: string; lines: { invoiceNumber: string }[] } }[] } }>(
    '{ payments(first: 5) { totalCount edges { node { status lines { invoiceNumber } } } } }',
  );
  expect(listed.payments.totalCount).toBe(1);
  expect(listed.payments.edges[0]?.node.status).toBe('SUCCEEDED');
  expect(listed.payments.edges[0]?.node.lines.map((line) => line.invoiceNumber)).toEqual(numbers);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
  const paymentRows = page.getByRole('region', { name: 'Payments' }).locator('tbody tr');
  await paymentRows.first().waitFor();
  expect(await paymentRows.count()).toBe(1);
  expect(await paymentRows.first().innerText()).toContain('Paid');
}, STEP_TIMEOUT_MS);

test('cancel return offers to free the invoices', async () => {
  await page.goto(`${baseUrl()}/invoices`);
  const checkbox = page.getByRole('checkbox', { name: /^Select invoice .+ to pay$/ }).first();
  await checkbox.waitFor();
  const number = /^Select invoice (.+) to pay$/.exec((await checkbox.getAttribute('aria-label')) ?? '')![1]!;
  await checkbox.check();
  await page.getByRole('button', { name: 'Pay selected invoices' }).click();
  await page.getByRole('button', { name: 'Pay now' }).click();

  await page.waitForURL((url) => url.href.startsWith(fakeStripe!.url));
  await page.getByRole('link', { name: 'Cancel and return' }).click();
  await page.waitForURL((url) => url.href.startsWith(baseUrl()) && url.searchParams.get('result') === 'cancelled');
  await page.getByText('You left the payment page without paying.').waitFor();
  expect(await page.getByRole('link', { name: 'Return to the payment page' }).getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/pay\//);

  await page.getByRole('button', { name: 'Cancel this payment' }).click();
  await page.getByText('This payment was cancelled or expired without being paid.').waitFor();
  const invoice = await graphqlRequest<{ invoice: { status: string } }>('query ($n: String!) { invoice(number: $n) { status } }', { n: number });
  expect(invoice.invoice.status).toBe('OUTSTANDING');
}, STEP_TIMEOUT_MS);
