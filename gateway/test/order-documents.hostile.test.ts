/**
 * Hostile tests of the order document route. Signed in as alice (Acme),
 * every way of naming a Globex document must get exactly the response to a
 * document that does not exist, and no path, however encoded, may reach a
 * file of the server.
 */
import { request } from 'node:http';

import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;
let bob: TestClient;

interface DocumentRef {
  orderNumber: string;
  id: string;
}

let acmeDocuments: DocumentRef[];
let globexDocuments: DocumentRef[];

async function documentsOf(customerNumber: string): Promise<DocumentRef[]> {
  const rows = await server.erpQuery<{ order_number: string; id: number }>(
    `SELECT o.order_number, d.id FROM erp_documents d JOIN erp_orders o ON o.id = d.order_id
     WHERE o.customer_id = (SELECT id FROM erp_customers WHERE customer_number = '${customerNumber}') ORDER BY d.id`,
  );
  return rows.map((row) => ({ orderNumber: row.order_number, id: String(row.id) }));
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
  bob = await signedInClient(server.baseUrl, 'bob@globex.example');
  acmeDocuments = await documentsOf('C-10001');
  globexDocuments = await documentsOf('C-10002');
});

afterAll(async () => {
  await server.close();
});

interface Outcome {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  body: string;
}

/** GET through the fetch client, which encodes each path segment as given. */
async function download(client: TestClient, orderNumber: string, id: string): Promise<Outcome> {
  const response = await client.get(`/documents/orders/${encodeURIComponent(orderNumber)}/${encodeURIComponent(id)}`);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}

/** GET with the path sent byte for byte, because fetch would resolve "..", "%2e%2e" and "\" before sending. */
function rawGet(rawPath: string, cookie: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, path: rawPath, headers: { cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('another customer', () => {
  let missing: Outcome;

  beforeAll(async () => {
    missing = await download(alice, 'SO-999999', '999999999');
  });

  it('gets the missing response as the baseline', () => {
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('can download its own documents', async () => {
    const own = await download(bob, globexDocuments[0]!.orderNumber, globexDocuments[0]!.id);
    expect(own.status).toBe(200);
  });

  it('gets the missing response for every Globex document', async () => {
    expect(globexDocuments.length).toBeGreaterThan(10);

    for (const document of globexDocuments) {
      const foreign = await download(alice, document.orderNumber, document.id);
      expect({ document, ...foreign }).toEqual({ document, ...missing });
    }
  });

  it('cannot reach Globex documents through its own orders', async () => {
    const acmeOrder = acmeDocuments[0]!.orderNumber;

    for (const document of globexDocuments.slice(0, 25)) {
      const foreign = await download(alice, acmeOrder, document.id);
      expect({ document, ...foreign }).toEqual({ document, ...missing });
    }
  });

  it('cannot pair a Globex order with its own document', async () => {
    const globexOrder = globexDocuments[0]!.orderNumber;

    for (const document of acmeDocuments.slice(0, 25)) {
      const mixed = await download(alice, globexOrder, document.id);
      expect({ document, ...mixed }).toEqual({ document, ...missing });
    }
  });

  it('gets the missing response for other spellings', async () => {
    const { orderNumber, id } = globexDocuments[0]!;
    const variants: [string, string][] = [
      [orderNumber.toLowerCase(), id],
      [` ${orderNumber}`, id],
      [`${orderNumber} `, id],
      [`${orderNumber}\u0000`, id],
      [orderNumber.replace('-', '\u2010'), id],
      [`${orderNumber.slice(0, -1)}_`, id],
      [`${orderNumber.slice(0, -1)}%`, id],
      [`${orderNumber}' OR '1'='1`, id],
      [orderNumber, `0${id}`],
      [orderNumber, `+${id}`],
      [orderNumber, `${id}.0`],
      [orderNumber, `-${id}`],
      [orderNumber, ` ${id}`],
      [orderNumber, `0x${Number(id).toString(16)}`],
      [orderNumber, '99999999999999999999'],
      [orderNumber, `${id} OR 1=1`],
    ];

    for (const [number, documentId] of variants) {
      const foreign = await download(alice, number, documentId);
      expect({ number, documentId, ...foreign }).toEqual({ number, documentId, ...missing });
    }
  });

  it('sees no Globex documents through GraphQL', async () => {
    const query = 'query Q($n: String!) { order(number: $n) { documents { id downloadUrl } } }';
    const foreign = await alice.graphql(query, { n: globexDocuments[0]!.orderNumber });
    const absent = await alice.graphql(query, { n: 'SO-999999' });

    expect(foreign.text).toBe(absent.text);
    expect(JSON.parse(foreign.text)).toEqual({ data: { order: null } });
  });
});

describe('path traversal on the route', () => {
  const SERVER_FILE_MARKERS = ['root:', 'SQLite format', '%PDF-'];

  it.each([
    '/documents/orders/../../../../etc/passwd',
    '/documents/orders/SO-100001/../../../../etc/passwd',
    '/documents/orders/..%2F..%2F..%2F..%2Fetc%2Fpasswd/1',
    '/documents/orders/%2e%2e/%2e%2e',
    '/documents/orders/%2e%2e%2f%2e%2e%2fportal.sqlite/1',
    '/documents/orders/SO-100001/..%2F..%2Fportal.sqlite',
    '/documents/orders/SO-100001/..%5C..%5Cportal.sqlite',
    '/documents/orders/SO-100001/1%00.pdf',
    '/documents/orders/SO-100001/1/..',
    '/documents/orders/SO-100001/1/../../../erp.sqlite',
    '/documents/orders//etc/passwd',
    '/documents/orders/%2Fetc%2Fpasswd/1',
    '/documents/orders/demo%2Forders%2F1/1',
    '/documents/orders/..;/..;/etc/passwd',
  ])('%s is rejected without file content', async (rawPath) => {
    const cookie = alice.cookie!;
    const response = await rawGet(rawPath, cookie);

    // A path with a literal ".." segment matches no route and reaches the
    // web client's static file handler, which responds with 403; every
    // other path gets the JSON 404 of the route or of the server paths.
    expect([403, 404]).toContain(response.status);
    expect(JSON.parse(response.body)).toHaveProperty('code');
    if (!rawPath.split('/').includes('..')) {
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'NOT_FOUND' });
    }
    for (const marker of SERVER_FILE_MARKERS) {
      expect(response.body).not.toContain(marker);
    }
  });

  it('still serves a real path over the same raw client', async () => {
    const { orderNumber, id } = acmeDocuments[0]!;
    const response = await rawGet(`/documents/orders/${orderNumber}/${id}`, alice.cookie!);

    expect(response.status).toBe(200);
    expect(response.body.startsWith('%PDF-')).toBe(true);
  });
});
