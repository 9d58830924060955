/**
 * GET /documents/invoices/<number>.pdf through HTTP: the PDF itself, its
 * headers, and the 401, 403 and 404 responses.
 */
import { inflateSync } from 'node:zlib';

import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let invoice: { invoice_number: string; invoice_type: string; invoice_date: string; due_date: string; id: number };

beforeAll(async () => {
  server = await startTestServer();
  const [row] = await server.erpQuery<typeof invoice>(
    `SELECT id, invoice_number, invoice_type, invoice_date, due_date FROM erp_invoices
     WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001') AND invoice_type = 'INVOICE' ORDER BY id LIMIT 1`,
  );
  invoice = row!;
});

afterAll(async () => {
  await server.close();
});

/**
 * Extracts the text that a pdfkit PDF shows: inflates every content stream
 * and decodes the hex strings of its TJ operators (pdfkit writes standard
 * fonts in WinAnsi, which matches Latin-1 for the characters used here).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];

  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const operator of content.matchAll(/\[(.*?)\] TJ/g)) {
      const pieces = [...operator[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1'));
      shown.push(pieces.join(''));
    }
  }
  return shown.join('\n');
}

describe('invoice PDF', () => {
  it('downloads with the invoice in it', async () => {
    const alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    const response = await alice.get(`/documents/invoices/${invoice.invoice_number}.pdf`);
    const body = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.invoice_number}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = pdfText(body);
    expect(text).toContain(`Invoice ${invoice.invoice_number}`);
    expect(text).toContain('Rover Supply Co.');
    expect(text).toContain('Acme Corporation');
    expect(text).toContain('Customer number C-10001');
    expect(text).toContain(invoice.invoice_date);
    expect(text).toContain(invoice.due_date);
    expect(text).toContain('Balance due');

    const lines = await server.erpQuery<{ description: string }>(`SELECT description FROM erp_invoice_lines WHERE invoice_id = ${invoice.id}`);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(text.replace(/\n/g, ' ')).toContain(line.description.slice(0, 20));
    }
  });

  it('prints totals in the currency minor unit', async () => {
    const carol = await signedInClient(server.baseUrl, 'carol@initech.example');
    const [row] = await server.erpQuery<{ invoice_number: string; amount: number }>(
      `SELECT invoice_number, amount FROM erp_invoices
       WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10003') ORDER BY id LIMIT 1`,
    );
    const response = await carol.get(`/documents/invoices/${row!.invoice_number}.pdf`);
    const text = pdfText(Buffer.from(await response.arrayBuffer()));

    // JPY has no minor unit: the amount is rounded half away from zero to
    // whole yen, so 12345675000 ten-thousandths print as 1,234,568 JPY.
    const scaled = BigInt(row!.amount);
    const magnitude = ((scaled < 0n ? -scaled : scaled) + 5_000n) / 10_000n;
    const grouped = magnitude.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(text).toContain(`${scaled < 0n ? '-' : ''}${grouped} JPY`);
  });

  it('answers 401 without a session', async () => {
    const response = await new TestClient(server.baseUrl).get(`/documents/invoices/${invoice.invoice_number}.pdf`);

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to download invoices: no valid session cookie was sent.' });
  });

  it('answers 403 for a role without invoices', async () => {
    const dave = await signedInClient(server.baseUrl, 'dave@acme.example');
    const response = await dave.get(`/documents/invoices/${invoice.invoice_number}.pdf`);

    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
  });

  it('answers 404 for a missing invoice', async () => {
    const alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    const response = await alice.get('/documents/invoices/INV-999999.pdf');

    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('is linked from Invoice.pdfUrl', async () => {
    const alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    const response = await alice.graphql('query Q($n: String!) { invoice(number: $n) { pdfUrl } }', { n: invoice.invoice_number });
    const pdfUrl = response.data?.['invoice'].pdfUrl as string;

    expect(pdfUrl).toBe(`${server.baseUrl}/documents/invoices/${invoice.invoice_number}.pdf`);
    expect((await alice.get(pdfUrl.slice(server.baseUrl.length))).status).toBe(200);
  });
});

describe('pdfUrl with PUBLIC_URL', () => {
  it('uses the configured address', async () => {
    const configured = await startTestServer({ config: { publicUrl: 'https://portal.example.com' } });
    try {
      const alice = await signedInClient(configured.baseUrl, 'alice@acme.example');
      const response = await alice.graphql('query Q($n: String!) { invoice(number: $n) { pdfUrl } }', { n: invoice.invoice_number });
      expect(response.data?.['invoice'].pdfUrl).toBe(`https://portal.example.com/documents/invoices/${invoice.invoice_number}.pdf`);
    } finally {
      await configured.close();
    }
  });
});
