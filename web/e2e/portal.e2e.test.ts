/**
 * Browser test of the built portal: the real gateway (dist/gateway/main.js)
 * with its generated demo data serves web/dist, and Debian's Chromium signs in
 * and uses each page. Expected figures are fetched through GraphQL with the
 * browser's own session and compared with what the page shows.
 *
 * Needs `npm run build` first and Chromium at /usr/bin/chromium (or
 * CHROMIUM_PATH); it fails with the command to run when either is missing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { formatCount, formatCountWithNoun, formatDate, formatMoney } from '../src/format';
import {
  checkBuildOutputs,
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
const STANDARD_EMAIL = 'dave@acme.example';
const GATEWAY_READY_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 60_000;

interface Money {
  amount: string;
  currency: string;
}

let dataDir: string | undefined;
let profileDir: string | undefined;
let gateway: GatewayProcess | undefined;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  checkBuildOutputs();
  const chromiumPath = findChromium();

  dataDir = makeTemporaryDirectory('portal-e2e-data-');
  profileDir = makeTemporaryDirectory('portal-e2e-chromium-');
  gateway = await GatewayProcess.start(await findFreePort(), dataDir, GATEWAY_READY_TIMEOUT_MS);

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

/** Returns the text of the <dd> that follows the <dt> with exactly this label. */
async function figure(label: string): Promise<string> {
  return (await page.locator(`dt:text-is("${label}") + dd`).innerText()).trim();
}

/** Converts displayed money such as "-$1,234.50" to minor units, for ordering checks. */
function displayedMoneyToCents(text: string): bigint {
  const match = /(-)?[^\d-]*([\d,]+)\.(\d{2})/.exec(text);
  if (!match) {
    throw new Error(`Expected a money amount like "$1,234.50", got "${text}".`);
  }
  const cents = BigInt(match[2]!.replace(/,/g, '') + match[3]!);
  return match[1] ? -cents : cents;
}

/** Returns the row header (the first cell, a <th scope="row">) of every body row of the page's data tables. */
async function rowHeaders(): Promise<string[]> {
  return page.locator('table.data-table tbody th[scope="row"]').allInnerTexts();
}

/** Returns the texts of one column of the data tables, counted from 1 with the row header cell as column 1. */
async function columnTexts(columnNumber: number): Promise<string[]> {
  return page.locator(`table.data-table tbody tr > :nth-child(${columnNumber})`).allInnerTexts();
}

test('sign-in rejects wrong password, then returns', async () => {
  await page.goto(`${baseUrl()}/invoices`);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/invoices');

  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
  expect(new URL(page.url()).pathname).toBe('/sign-in');

  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/invoices');
  await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
}, STEP_TIMEOUT_MS);

test('dashboard matches gateway figures', async () => {
  const expected = await graphqlRequest<{
    viewer: { name: string; customer: { name: string } };
    dashboard: {
      asOf: string;
      invoices: {
        totalSpent: Money;
        currentBalance: Money;
        overdueBalance: Money;
        outstandingCount: number;
        overdueCount: number;
        trend: { month: string }[];
      };
      tickets: { open: number; closed: number; createdLast30Days: number };
      orders: { open: number; closed: number; placedLast30Days: number };
    };
  }>(`
    query {
      viewer { name customer { name } }
      dashboard {
        asOf
        invoices {
          totalSpent { amount currency }
          currentBalance { amount currency }
          overdueBalance { amount currency }
          outstandingCount
          overdueCount
          trend(months: 12) { month }
        }
        tickets { open closed createdLast30Days }
        orders { open closed placedLast30Days }
      }
    }
  `);
  const { dashboard } = expected;

  await page.goto(`${baseUrl()}/`);
  await page.getByRole('heading', { level: 2, name: 'Invoices' }).waitFor();

  expect(await page.locator('.customer-name').innerText()).toBe(expected.viewer.customer.name);
  expect(await page.locator('.viewer-name').innerText()).toContain(expected.viewer.name);
  expect(await page.locator('.as-of').innerText()).toBe(`As of ${formatDate(dashboard.asOf)}`);

  const money = (value: Money) => formatMoney(value.amount, value.currency);
  expect(await figure('Total spent')).toBe(money(dashboard.invoices.totalSpent));
  expect(await figure('Current balance')).toBe(money(dashboard.invoices.currentBalance));
  expect(await figure('Overdue balance')).toBe(money(dashboard.invoices.overdueBalance));
  expect(await figure('Outstanding invoices')).toBe(formatCount(dashboard.invoices.outstandingCount));
  expect(await figure('Overdue invoices')).toBe(formatCount(dashboard.invoices.overdueCount));
  expect(await figure('Open tickets')).toBe(formatCount(dashboard.tickets.open));
  expect(await figure('Closed tickets')).toBe(formatCount(dashboard.tickets.closed));
  expect(await figure('Created in the last 30 days')).toBe(formatCount(dashboard.tickets.createdLast30Days));
  expect(await figure('Open orders')).toBe(formatCount(dashboard.orders.open));
  expect(await figure('Closed orders')).toBe(formatCount(dashboard.orders.closed));
  expect(await figure('Placed in the last 30 days')).toBe(formatCount(dashboard.orders.placedLast30Days));

  // The chart draws one invoiced and one paid bar per month, and its table
  // fallback has one row per month.
  expect(dashboard.invoices.trend).toHaveLength(12);
  await page.getByRole('img', { name: /Amounts invoiced and paid per month/ }).waitFor();
  expect(await page.locator('svg.trend-chart rect.bar-invoiced').count()).toBe(12);
  expect(await page.locator('svg.trend-chart rect.bar-paid').count()).toBe(12);
  expect(await page.locator('.trend-table tbody tr').count()).toBe(12);
}, STEP_TIMEOUT_MS);

test('invoice list sorts by balance', async () => {
  const invoiceOrder = async (direction: 'ASC' | 'DESC') => {
    const data = await graphqlRequest<{ invoices: { totalCount: number; edges: { node: { number: string } }[] } }>(
      `query ($orderBy: InvoiceOrder) {
        invoices(first: 25, orderBy: $orderBy) { totalCount edges { node { number } } }
      }`,
      { orderBy: { field: 'BALANCE', direction } },
    );
    return data.invoices;
  };

  await page.goto(`${baseUrl()}/invoices`);
  const balanceHeader = page.getByRole('columnheader', { name: /^Balance/ });
  await balanceHeader.waitFor();

  // Ascending on the first click.
  await balanceHeader.getByRole('button').click();
  await page.waitForURL((url) => url.searchParams.get('sort') === 'BALANCE' && url.searchParams.get('dir') === 'ASC');
  const ascending = await invoiceOrder('ASC');
  await expectRowOrder(ascending.edges.map((edge) => edge.node.number));
  expect(await balanceHeader.getAttribute('aria-sort')).toBe('ascending');
  expect(await page.locator('.result-count').innerText()).toContain(`of ${formatCountWithNoun(ascending.totalCount, 'invoice', 'invoices')}`);
  const ascendingCents = (await columnTexts(5)).map(displayedMoneyToCents);
  expect(ascendingCents).toEqual([...ascendingCents].sort(compareBigInt));

  // Descending on the second click, and still descending after a reload.
  await balanceHeader.getByRole('button').click();
  await page.waitForURL((url) => url.searchParams.get('dir') === 'DESC');
  const descending = await invoiceOrder('DESC');
  await expectRowOrder(descending.edges.map((edge) => edge.node.number));
  await page.reload();
  await expectRowOrder(descending.edges.map((edge) => edge.node.number));
  expect(await page.getByRole('columnheader', { name: /^Balance/ }).getAttribute('aria-sort')).toBe('descending');
  const descendingCents = (await columnTexts(5)).map(displayedMoneyToCents);
  expect(descendingCents).toEqual([...descendingCents].sort(compareBigInt).reverse());
}, STEP_TIMEOUT_MS);

async function expectRowOrder(expectedNumbers: string[]): Promise<void> {
  // The table re-renders when the new page arrives; poll until it shows the expected order.
  const deadline = Date.now() + 10_000;
  let displayedNumbers: string[] = [];
  while (Date.now() < deadline) {
    displayedNumbers = await rowHeaders();
    if (displayedNumbers.join('\n') === expectedNumbers.join('\n')) {
      return;
    }
    await page.waitForTimeout(100);
  }
  expect(displayedNumbers).toEqual(expectedNumbers);
}

function compareBigInt(left: bigint, right: bigint): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}

test('invoice PDF link downloads PDF', async () => {
  await page.goto(`${baseUrl()}/invoices`);
  const firstLink = page.getByRole('link', { name: /^Download PDF of invoice / }).first();
  await firstLink.waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), firstLink.click()]);
  expect(await download.failure()).toBeNull();
  const file = await download.path();
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(path.extname(download.suggestedFilename())).toBe('.pdf');
}, STEP_TIMEOUT_MS);

test('order detail shows lines, tracking and documents', async () => {
  const data = await graphqlRequest<{
    orders: {
      edges: {
        node: {
          number: string;
          lines: { lineNumber: number }[];
          shipments: { trackingNumber: string | null; trackingUrl: string | null }[];
          documents: { title: string; fileName: string; downloadUrl: string }[];
        };
      }[];
    };
  }>(`
    query {
      orders(first: 100) {
        edges { node { number lines { lineNumber } shipments { trackingNumber trackingUrl } documents { title fileName downloadUrl } } }
      }
    }
  `);
  const order = data.orders.edges
    .map((edge) => edge.node)
    .find((node) => node.lines.length > 0 && node.shipments.some((shipment) => shipment.trackingUrl));
  if (!order) {
    throw new Error('The demo data has no order with lines and a tracked shipment among the first 100 orders.');
  }
  const shipment = order.shipments.find((candidate) => candidate.trackingUrl)!;

  await page.goto(`${baseUrl()}/orders`);
  await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
  await page.goto(`${baseUrl()}/orders/${encodeURIComponent(order.number)}`);
  await page.getByRole('heading', { level: 1, name: `Order ${order.number}` }).waitFor();

  const lineRows = page.getByRole('region', { name: 'Order lines' }).locator('tbody tr');
  expect(await lineRows.count()).toBe(order.lines.length);

  const trackingLink = page.getByRole('link', { name: new RegExp(`^${escapeRegExp(shipment.trackingNumber!)}`) });
  expect(await trackingLink.getAttribute('href')).toBe(shipment.trackingUrl);
  expect(await trackingLink.getAttribute('target')).toBe('_blank');
  expect((await trackingLink.getAttribute('rel'))?.split(/\s+/)).toContain('noopener');

  // Every demo order has at least its confirmation; the first one downloads as a PDF.
  const documentRows = page.getByRole('region', { name: 'Order documents' }).locator('tbody tr');
  await documentRows.first().waitFor();
  expect(await documentRows.count()).toBe(order.documents.length);
  const firstDocument = order.documents[0]!;
  const documentLink = page.getByRole('link', { name: `Download ${firstDocument.title} (${firstDocument.fileName})` });
  expect(await documentLink.getAttribute('href')).toBe(firstDocument.downloadUrl);

  const [download] = await Promise.all([page.waitForEvent('download'), documentLink.click()]);
  expect(await download.failure()).toBeNull();
  expect(readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(download.suggestedFilename()).toBe(firstDocument.fileName);
}, STEP_TIMEOUT_MS);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('new ticket created once and listed', async () => {
  const subject = `Browser test ticket ${Date.now()}`;

  await page.goto(`${baseUrl()}/tickets/new`);
  await page.getByRole('heading', { level: 1, name: 'New support ticket' }).waitFor();

  // The client checks lengths before sending anything.
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await page.getByText('Enter a subject.').waitFor();

  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Description').fill('Created by the browser test.\nSecond line.');
  await page.getByLabel('Priority').selectOption('HIGH');
  await page.getByRole('button', { name: 'Create ticket' }).dblclick();

  await page.waitForURL((url) => /^\/tickets\/[^/]+$/.test(url.pathname) && url.pathname !== '/tickets/new');
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  expect(await figureInDetails('Priority')).toBe('High');

  const created = await graphqlRequest<{ tickets: { totalCount: number } }>(
    `query ($search: String) { tickets(first: 5, filter: { search: $search }) { totalCount } }`,
    { search: subject },
  );
  expect(created.tickets.totalCount).toBe(1);

  await page.getByRole('link', { name: '← All tickets' }).click();
  await page.getByRole('cell', { name: subject }).waitFor();
}, STEP_TIMEOUT_MS);

test('comment added once on ticket page', async () => {
  const listed = await graphqlRequest<{ tickets: { edges: { node: { number: string } }[] } }>('{ tickets(first: 1) { edges { node { number } } } }');
  const number = listed.tickets.edges[0]?.node.number;
  if (!number) {
    throw new Error('The demo data has no ticket for the signed-in contact.');
  }
  const body = `Browser test comment ${Date.now()}`;

  await page.goto(`${baseUrl()}/tickets/${encodeURIComponent(number)}`);
  await page.getByRole('heading', { level: 2, name: 'Comments' }).waitFor();

  // The client checks the comment before sending anything.
  await page.getByRole('button', { name: 'Add comment' }).click();
  await page.getByText('Write a comment first.').waitFor();

  await page.getByLabel('Add a comment').fill(body);
  await page.getByRole('button', { name: 'Add comment' }).dblclick();
  await page.locator('.comments .comment', { hasText: body }).waitFor();
  expect(await page.getByLabel('Add a comment').inputValue()).toBe('');

  const saved = await graphqlRequest<{ ticket: { comments: { body: string }[] } }>('query ($n: String!) { ticket(number: $n) { comments { body } } }', { n: number });
  expect(saved.ticket.comments.filter((comment) => comment.body === body)).toHaveLength(1);
}, STEP_TIMEOUT_MS);

async function figureInDetails(label: string): Promise<string> {
  return (await page.locator(`.details dt:text-is("${label}") + dd`).innerText()).trim();
}

test('pay button hidden without Stripe', async () => {
  // This gateway runs without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.
  await page.goto(`${baseUrl()}/invoices`);
  await page.locator('.payments-unavailable').waitFor();

  expect(await page.locator('.payments-unavailable').innerText()).toContain('Online payment is not set up in this portal.');
  expect(await page.getByRole('button', { name: 'Pay selected invoices' }).count()).toBe(0);
  expect(await page.getByRole('checkbox', { name: /to pay$/ }).count()).toBe(0);
  expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).count()).toBe(0);
}, STEP_TIMEOUT_MS);

test('pages fit 375 px phone width', async () => {
  // The order page has a tracking link whose "(opens in a new tab)" text is
  // visually hidden and absolutely positioned inside a scrolling table.
  const data = await graphqlRequest<{ orders: { edges: { node: { number: string; shipments: { trackingUrl: string | null }[] } }[] } }>(
    '{ orders(first: 100) { edges { node { number shipments { trackingUrl } } } } }',
  );
  const trackedOrder = data.orders.edges.map((edge) => edge.node).find((node) => node.shipments.some((shipment) => shipment.trackingUrl));
  if (!trackedOrder) {
    throw new Error('The demo data has no order with a tracked shipment among the first 100 orders.');
  }

  await page.setViewportSize({ width: 375, height: 812 });
  try {
    for (const pathname of ['/', '/invoices', '/orders', '/tickets', `/orders/${encodeURIComponent(trackedOrder.number)}`]) {
      await page.goto(`${baseUrl()}${pathname}`);
      await page.locator('main h1').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0);

      const widths = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect({ pathname, ...widths }).toEqual({ pathname, scrollWidth: widths.clientWidth, clientWidth: widths.clientWidth });
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}, STEP_TIMEOUT_MS);

test('trend chart labels do not overlap at 375 px', async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    await page.goto(`${baseUrl()}/`);
    await page.locator('svg.trend-chart').waitFor();
    const boxes = await page.locator('svg.trend-chart text.axis-label').evaluateAll((labels) =>
      labels.map((label) => {
        const box = label.getBoundingClientRect();
        return { text: label.textContent ?? '', left: box.left, right: box.right, top: Math.round(box.top) };
      }),
    );

    // Month names form one row and years another. Within a row, each label must end before the next starts.
    expect(boxes.length).toBeGreaterThan(0);
    const rows = new Map<number, typeof boxes>();
    for (const box of boxes) {
      rows.set(box.top, [...(rows.get(box.top) ?? []), box]);
    }
    for (const row of rows.values()) {
      const sorted = [...row].sort((left, right) => left.left - right.left);
      for (let index = 1; index < sorted.length; index += 1) {
        const previous = sorted[index - 1]!;
        const current = sorted[index]!;
        expect([previous.text, current.text, previous.right <= current.left]).toEqual([previous.text, current.text, true]);
      }
    }
    // The table below the chart still lists every month.
    expect(await page.locator('.trend-table tbody tr').count()).toBe(12);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}, STEP_TIMEOUT_MS);

test('standard role sees invoices forbidden', async () => {
  // Signing out through the header also checks that the session ends.
  await page.goto(`${baseUrl()}/tickets`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  const signedOut = await context!.request.post(`${baseUrl()}/graphql`, { data: { query: '{ viewer { email } }' } });
  expect(await signedOut.json()).toEqual({ data: { viewer: null } });

  await page.getByLabel('E-mail').fill(STANDARD_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  // The dashboard still renders the panels the role may see.
  const invoicesPanel = page.getByRole('region', { name: 'Invoices', exact: true });
  await invoicesPanel.getByText('Your role does not include invoices.').waitFor();
  await page.getByRole('region', { name: 'Orders', exact: true }).locator('dt:text-is("Open orders")').waitFor();
  expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).count()).toBe(0);

  const data = await graphqlRequest<{ orders: { edges: { node: { number: string } }[] } }>(
    '{ orders(first: 1) { edges { node { number } } } }',
  );
  const orderNumber = data.orders.edges[0]?.node.number;
  if (!orderNumber) {
    throw new Error('The demo customer has no orders.');
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await page.getByRole('link', { name: orderNumber, exact: true }).click();
  const invoicesSection = page.getByRole('region', { name: 'Invoices', exact: true });
  await invoicesSection.getByText('Your role does not include invoices.').waitFor();
}, STEP_TIMEOUT_MS);
