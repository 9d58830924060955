/**
 * Order documents through HTTP: the Order.documents field, the download
 * route /documents/orders/<order number>/<document id> with the generated
 * demo files, and its 401, 403, 404 and 503 responses.
 */
import Fastify from 'fastify';

import { NO_DOCUMENT_FILES } from '../../connectors/documents';
import type { SessionManager } from '../auth/sessions';
import type { SignedInViewer } from '../auth/viewer';
import { fromGlobalId } from '../graphql/global-id';
import { registerOrderDocumentRoutes } from '../http/order-documents';
import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

interface DocumentRow {
  id: number;
  order_id: number;
  document_type: string;
  title: string;
  file_name: string;
  content_type: string;
  storage_key: string;
  created_date: string;
}

interface DocumentField {
  id: string;
  type: string;
  title: string;
  fileName: string;
  contentType: string;
  createdOn: string;
  downloadUrl: string;
}

const DOCUMENTS_OF_ORDER = `query Q($n: String!) {
  order(number: $n) { number documents { id type title fileName contentType createdOn downloadUrl } }
}`;

let server: TestServer;
let alice: TestClient;
/** An Acme order with a confirmation and at least one delivery note, and its document rows oldest first. */
let order: { number: string; documents: DocumentRow[] };

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');

  const [row] = await server.erpQuery<{ order_number: string; id: number }>(
    `SELECT o.order_number, o.id FROM erp_orders o
     WHERE o.customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001')
       AND (SELECT COUNT(*) FROM erp_documents d WHERE d.order_id = o.id AND d.document_type = 'DELIVERY_NOTE') > 0
     ORDER BY o.id LIMIT 1`,
  );
  const documents = await server.erpQuery<DocumentRow>(`SELECT * FROM erp_documents WHERE order_id = ${row!.id} ORDER BY created_date, id`);
  order = { number: row!.order_number, documents };
});

afterAll(async () => {
  await server.close();
});

async function documentsOf(client: TestClient, number: string): Promise<DocumentField[]> {
  const response = await client.graphql<{ order: { documents: DocumentField[] } | null }>(DOCUMENTS_OF_ORDER, { n: number });
  expect(response.errors).toBeUndefined();
  return response.data!.order!.documents;
}

describe('Order.documents', () => {
  it('lists the ERP rows oldest first', async () => {
    const documents = await documentsOf(alice, order.number);

    expect(documents.map((document) => document.title)).toEqual(order.documents.map((row) => row.title));
    expect(documents.map((document) => document.type)).toEqual(order.documents.map((row) => row.document_type));
    expect(documents.map((document) => document.fileName)).toEqual(order.documents.map((row) => row.file_name));
    expect(documents.map((document) => document.contentType)).toEqual(order.documents.map((row) => row.content_type));
    expect(documents.map((document) => document.createdOn)).toEqual(order.documents.map((row) => row.created_date));
    expect(documents.map((document) => document.type)).toContain('DELIVERY_NOTE');
  });

  it('has opaque ids and absolute download addresses', async () => {
    const documents = await documentsOf(alice, order.number);

    documents.forEach((document, index) => {
      const row = order.documents[index]!;
      expect(fromGlobalId(document.id)).toEqual({ typeName: 'OrderDocument', id: String(row.id) });
      expect(document.downloadUrl).toBe(`${server.baseUrl}/documents/orders/${order.number}/${row.id}`);
    });
  });

  it('never shows storage keys', async () => {
    const response = await alice.graphql(DOCUMENTS_OF_ORDER, { n: order.number });

    for (const row of order.documents) {
      expect(response.text).not.toContain(row.storage_key);
    }
    expect(response.text).not.toContain('demo/orders');
  });

  it('uses PUBLIC_URL for downloadUrl', async () => {
    const configured = await startTestServer({ config: { publicUrl: 'https://portal.example.com' } });
    try {
      const client = await signedInClient(configured.baseUrl, 'alice@acme.example');
      const [first] = await documentsOf(client, order.number);
      expect(first!.downloadUrl).toBe(`https://portal.example.com/documents/orders/${order.number}/${order.documents[0]!.id}`);
    } finally {
      await configured.close();
    }
  });

  it('is available to the STANDARD role', async () => {
    const dave = await signedInClient(server.baseUrl, 'dave@acme.example');

    expect(await documentsOf(dave, order.number)).toHaveLength(order.documents.length);
  });
});

describe('document download', () => {
  it('sends the demo PDF with download headers', async () => {
    const [document] = await documentsOf(alice, order.number);
    const response = await alice.get(document!.downloadUrl.slice(server.baseUrl.length));
    const body = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${document!.fileName}"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // pdfkit writes the document title into the PDF's information dictionary as a literal string.
    expect(body.toString('latin1')).toContain(`(${document!.title})`);
  });

  it('serves every document of the order', async () => {
    for (const document of await documentsOf(alice, order.number)) {
      const response = await alice.get(new URL(document.downloadUrl).pathname);
      expect({ title: document.title, status: response.status }).toEqual({ title: document.title, status: 200 });
    }
  });

  it('costs 4 ERP statements', async () => {
    server.erpStatements.length = 0;
    const response = await alice.get(`/documents/orders/${order.number}/${order.documents[0]!.id}`);
    await response.arrayBuffer();

    // Contact and customer of the session, the order by number, its documents.
    expect(server.erpStatements.map((event) => /from "(erp_\w+)"/.exec(event.sql)?.[1])).toEqual([
      'erp_contacts',
      'erp_customers',
      'erp_orders',
      'erp_documents',
    ]);
  });

  it('no session gives 401', async () => {
    const response = await new TestClient(server.baseUrl).get(`/documents/orders/${order.number}/${order.documents[0]!.id}`);

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to download order documents: no valid session cookie was sent.' });
  });

  it('missing document gives 404', async () => {
    const paths = [
      `/documents/orders/${order.number}/999999999`,
      `/documents/orders/SO-999999/${order.documents[0]!.id}`,
      `/documents/orders/${order.number}/not-a-number`,
    ];

    for (const path of paths) {
      const response = await alice.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.json()).toEqual({
        code: 'NOT_FOUND',
        message: 'No document of your company has this address. Open the order in the portal and use the link in its Documents list.',
      });
    }
  });

  it('no store gives 503 NOT_CONFIGURED', async () => {
    const unconfigured = await startTestServer({ documents: { demoFiles: false } });
    try {
      const client = await signedInClient(unconfigured.baseUrl, 'alice@acme.example');
      const response = await client.get(`/documents/orders/${order.number}/${order.documents[0]!.id}`);
      const text = await response.text();

      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toEqual({
        code: 'NOT_CONFIGURED',
        message:
          'Downloads of this document are not set up on this portal: an operator must configure DOCUMENT_STORE_DIR. The gateway log has the details.',
        missingSettings: ['DOCUMENT_STORE_DIR'],
      });
      expect(text).not.toContain(order.documents[0]!.storage_key);
      expect(unconfigured.logRecords.some((record) => record['msg'] === 'Order document download is not configured')).toBe(true);
    } finally {
      await unconfigured.close();
    }
  });
});

describe('document download permission', () => {
  it('role without orders:read gives 403', async () => {
    // Every portal role can read orders today, so a viewer without the
    // permission comes from a stub session manager.
    const viewer = {
      contact: { role: 'STANDARD' },
      customer: { id: '1' },
      permissions: ['tickets:read'],
    } as unknown as SignedInViewer;
    const sessions = { resume: async () => ({ viewer, clearCookie: false }) } as unknown as SessionManager;

    const app = Fastify();
    registerOrderDocumentRoutes(app, { erp: server.erp, sessions, files: NO_DOCUMENT_FILES });
    try {
      const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const response = await fetch(`${baseUrl}/documents/orders/${order.number}/${order.documents[0]!.id}`);

      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        code: 'FORBIDDEN',
        message: 'The STANDARD role does not include the permission "orders:read". Ask your company\'s portal administrator for access.',
      });
    } finally {
      await app.close();
    }
  });
});
