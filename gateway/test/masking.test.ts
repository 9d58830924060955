/**
 * An unexpected failure reaches the client only as INTERNAL_SERVER_ERROR with
 * a reference id, and the log holds the original error under that id. The
 * failure here is a real one: a table missing from the ERP database.
 */
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let invoiceNumber: string;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  const [row] = await server.erpQuery<{ invoice_number: string }>(
    "SELECT invoice_number FROM erp_invoices WHERE customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001') LIMIT 1",
  );
  invoiceNumber = row!.invoice_number;

  await server.erpQuery('DROP TABLE erp_invoice_lines');
});

afterAll(async () => {
  await server.close();
});

describe('unexpected errors', () => {
  it('are masked with a reference id that the log carries', async () => {
    const response = await alice.graphql('query One($n: String!) { viewer { email } invoice(number: $n) { number lines { lineNumber } } }', {
      n: invoiceNumber,
    });

    // The failing field is null; the rest of the response is intact.
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ viewer: { email: 'alice@acme.example' }, invoice: null });
    expect(response.errors).toHaveLength(1);

    const error = response.errors![0]!;
    const referenceId = error.extensions?.['referenceId'] as string;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', referenceId });
    expect(error.message).toBe(`Internal server error. Quote reference ${referenceId} when you contact support.`);
    expect(error.path).toEqual(['invoice', 'lines']);

    // The reference is the request id, also sent in x-request-id.
    expect(response.headers.get('x-request-id')).toBe(referenceId);

    // Nothing of the SQL, the driver or the code layout reaches the client.
    for (const secret of ['erp_invoice_lines', 'select', 'SqliteError', 'no such table', 'at ', '/work', 'node_modules', 'stacktrace']) {
      expect(response.text.toLowerCase()).not.toContain(secret.toLowerCase());
    }

    const logged = server.logRecords.filter((record) => record['referenceId'] === referenceId);
    expect(logged).toHaveLength(1);
    expect(logged[0]!['level']).toBe(50);
    expect(JSON.stringify(logged[0]!['err'])).toContain('no such table: erp_invoice_lines');
    expect(logged[0]!['reqId']).toBe(referenceId);
  });

  it('are logged once per failed batch', async () => {
    const before = server.logRecords.length;
    const response = await alice.graphql('{ invoices(first: 5) { edges { node { number lines { lineNumber } } } } }');

    expect(response.data).toBeNull();
    expect(response.errors?.length).toBeGreaterThanOrEqual(1);
    const references = new Set(response.errors!.map((error) => error.extensions?.['referenceId']));
    expect(references.size).toBe(1);

    const masked = server.logRecords.slice(before).filter((record) => record['referenceId'] !== undefined);
    expect(masked).toHaveLength(1);
  });

  it('are masked in the PDF route too', async () => {
    const response = await alice.get(`/documents/invoices/${invoiceNumber}.pdf`);
    const body = (await response.json()) as Record<string, string>;

    expect(response.status).toBe(500);
    expect(body).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      message: `Internal server error. Quote reference ${response.headers.get('x-request-id')} when you contact support.`,
      referenceId: response.headers.get('x-request-id'),
    });
    expect(server.logRecords.some((record) => record['referenceId'] === body['referenceId'])).toBe(true);
  });
});
