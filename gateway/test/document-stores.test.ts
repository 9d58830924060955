/**
 * Order document downloads from the two kinds of store the ERP contract
 * allows, through HTTP: a directory (DOCUMENT_STORE_DIR) holding store keys,
 * and http(s) URLs on allowed hosts (DOCUMENT_URL_HOSTS), served here by a
 * local HTTP server. Storage keys that try to leave the store are rewritten
 * into the ERP rows and must never reach a file outside it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';

import { signedInClient, type TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-STORE';
const FILE_BYTES = Buffer.from('%PDF-1.4\nstored file of the document\n%%EOF\n', 'latin1');

interface Target {
  orderNumber: string;
  documentId: number;
  storageKey: string;
}

/** Returns the first Acme order's confirmation, whose storage key the tests rewrite. */
async function firstAcmeDocument(server: TestServer): Promise<Target> {
  const [row] = await server.erpQuery<{ order_number: string; id: number; storage_key: string }>(
    `SELECT o.order_number, d.id, d.storage_key FROM erp_documents d JOIN erp_orders o ON o.id = d.order_id
     WHERE o.customer_id = (SELECT id FROM erp_customers WHERE customer_number = 'C-10001') ORDER BY d.id LIMIT 1`,
  );
  return { orderNumber: row!.order_number, documentId: row!.id, storageKey: row!.storage_key };
}

async function setStorageKey(server: TestServer, target: Target, key: string): Promise<void> {
  // A bound parameter, because some keys contain a NUL byte.
  await sql`UPDATE erp_documents SET storage_key = ${key} WHERE id = ${target.documentId}`.execute(server.erpDatabase.db);
}

function downloadPath(target: Target): string {
  return `/documents/orders/${target.orderNumber}/${target.documentId}`;
}

describe('directory store', () => {
  let directory: string;
  let store: string;
  let server: TestServer;
  let alice: TestClient;
  let target: Target;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'rover-document-store-'));
    store = path.join(directory, 'store');
    mkdirSync(path.join(directory, 'outside'), { recursive: true });
    writeFileSync(path.join(directory, 'outside', 'secret.txt'), SECRET);
    mkdirSync(path.join(store, 'nested'), { recursive: true });
    writeFileSync(path.join(store, 'nested', 'file.pdf'), FILE_BYTES);
    symlinkSync(path.join(directory, 'outside'), path.join(store, 'outside-link'));
    symlinkSync(path.join(directory, 'outside', 'secret.txt'), path.join(store, 'secret-link.pdf'));
    symlinkSync(path.join(store, 'nested', 'file.pdf'), path.join(store, 'inside-link.pdf'));

    server = await startTestServer({ documents: { storeDirectory: store, demoFiles: false } });
    alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    target = await firstAcmeDocument(server);
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves the file its key names', async () => {
    const keyPath = path.join(store, ...target.storageKey.split('/'));
    mkdirSync(path.dirname(keyPath), { recursive: true });
    writeFileSync(keyPath, FILE_BYTES);

    const response = await alice.get(downloadPath(target));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(FILE_BYTES.length));
    expect(Buffer.from(await response.arrayBuffer())).toEqual(FILE_BYTES);
  });

  it('follows a link that stays inside', async () => {
    await setStorageKey(server, target, 'inside-link.pdf');
    const response = await alice.get(downloadPath(target));

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(FILE_BYTES);
  });

  it('missing file gives 404 and reference', async () => {
    await setStorageKey(server, target, 'nested/missing.pdf');
    const response = await alice.get(downloadPath(target));
    const body = (await response.json()) as { code: string; message: string; referenceId: string };

    expect(response.status).toBe(404);
    expect(body.code).toBe('NOT_FOUND');
    expect(body.message).toBe(`The file of this document is not available. Quote reference ${body.referenceId} when you contact support.`);
    expect(JSON.stringify(body)).not.toContain('nested');
  });

  it('directory gives 404', async () => {
    await setStorageKey(server, target, 'nested');
    expect((await alice.get(downloadPath(target))).status).toBe(404);
  });

  const ESCAPES: [string, (root: string) => string][] = [
    ['parent segment', () => '../outside/secret.txt'],
    ['parent segment inside', () => 'nested/../../outside/secret.txt'],
    ['dot segment', () => './nested/file.pdf'],
    ['absolute path', (root) => path.join(root, 'outside', 'secret.txt')],
    ['file URL', (root) => `file://${path.join(root, 'outside', 'secret.txt')}`],
    ['backslashes', () => '..\\outside\\secret.txt'],
    ['NUL byte', () => 'nested/file.pdf\u0000../../outside/secret.txt'],
    ['doubled slash', () => 'nested//file.pdf'],
    ['linked directory', () => 'outside-link/secret.txt'],
    ['linked file', () => 'secret-link.pdf'],
    ['empty key', () => ''],
  ];

  it.each(ESCAPES)('never serves a key with %s', async (_label, key) => {
    await setStorageKey(server, target, key(directory));
    const logged = server.logRecords.length;
    const response = await alice.get(downloadPath(target));
    const text = await response.text();

    expect(response.status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ code: 'NOT_FOUND' });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('outside');

    // Logged as an error (pino level 50), with the document id.
    const errors = server.logRecords.slice(logged).filter((record) => record['msg'] === 'Order document has an unusable storage key');
    expect(errors.map((record) => [record['level'], record['documentId']])).toEqual([[50, String(target.documentId)]]);
  });
});

describe('URL store', () => {
  let files: Server;
  let origin: string;
  let requests: { url: string; headers: IncomingHttpHeaders }[];
  let server: TestServer;
  let alice: TestClient;
  let target: Target;

  beforeAll(async () => {
    requests = [];
    files = createServer((request, response) => {
      requests.push({ url: request.url ?? '', headers: request.headers });
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      switch (pathname) {
        case '/files/ok.pdf':
          response.writeHead(200, { 'content-type': 'text/html', 'content-length': FILE_BYTES.length }).end(FILE_BYTES);
          return;
        case '/files/redirect.pdf':
          response.writeHead(302, { location: '/files/ok.pdf' }).end();
          return;
        case '/files/error.pdf':
          response.writeHead(500).end('store failure');
          return;
        case '/files/slow.pdf':
          // Responds after the gateway's time limit of 300 ms, and well within the test's.
          setTimeout(() => response.writeHead(200).end(FILE_BYTES), 1_500).unref();
          return;
        default:
          response.writeHead(404).end('not here');
      }
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

    server = await startTestServer({
      documents: { demoFiles: false, urlHosts: [new URL(origin).host, 'files.example.com'], fetchTimeoutMs: 300 },
    });
    alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    target = await firstAcmeDocument(server);
  });

  afterAll(async () => {
    await server.close();
    files.closeAllConnections();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  });

  beforeEach(() => {
    requests.length = 0;
  });

  it('passes the file through with the ERP content type', async () => {
    await setStorageKey(server, target, `${origin}/files/ok.pdf?signature=SIGNED-SECRET`);
    const response = await alice.get(downloadPath(target));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(FILE_BYTES);
    expect(requests.map((request) => request.url)).toEqual(['/files/ok.pdf?signature=SIGNED-SECRET']);
  });

  it('sends no cookie or credentials to the store', async () => {
    await setStorageKey(server, target, `${origin}/files/ok.pdf`);
    await alice.get(downloadPath(target));

    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers['cookie']).toBeUndefined();
    expect(requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('unlisted host gives 503 NOT_CONFIGURED', async () => {
    const port = new URL(origin).port;
    await setStorageKey(server, target, `http://localhost:${port}/files/ok.pdf`);
    const response = await alice.get(downloadPath(target));
    const text = await response.text();

    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ code: 'NOT_CONFIGURED', missingSettings: ['DOCUMENT_URL_HOSTS'] });
    expect(text).not.toContain('localhost');
    expect(requests).toHaveLength(0);
  });

  it('plain http to another host gives 404', async () => {
    await setStorageKey(server, target, 'http://files.example.com/orders/1.pdf');

    expect((await alice.get(downloadPath(target))).status).toBe(404);
  });

  it('missing remote file gives 404', async () => {
    await setStorageKey(server, target, `${origin}/files/missing.pdf`);
    const response = await alice.get(downloadPath(target));

    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it.each([
    ['a server error', '/files/error.pdf'],
    ['a redirect', '/files/redirect.pdf'],
    ['a timeout', '/files/slow.pdf'],
  ])('%s gives 503 UPSTREAM_UNAVAILABLE', async (_label, filePath) => {
    await setStorageKey(server, target, `${origin}${filePath}?signature=SIGNED-SECRET`);
    const response = await alice.get(downloadPath(target));
    const text = await response.text();

    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(text).not.toContain(origin);
    // The redirect is not followed.
    expect(requests.map((request) => new URL(request.url, origin).pathname)).toEqual([filePath]);
  });

  it('keeps URL queries out of the log', () => {
    expect(JSON.stringify(server.logRecords)).not.toContain('SIGNED-SECRET');
  });
});
