/**
 * The HTTP server around GraphQL: health probes, request ids, the web client
 * with its fallback, security headers and log redaction.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { signedInClient, TestClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let anonymous: TestClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new TestClient(server.baseUrl);
});

afterAll(async () => {
  await server.close();
});

describe('request ids', () => {
  it('are UUIDs returned in x-request-id', async () => {
    const first = await anonymous.get('/livez');
    const second = await anonymous.get('/livez');

    expect(first.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it("keep a proxy's UUID and replace anything else", async () => {
    const forwarded = '3b241101-e2bb-4255-8caf-4136c566a962';
    expect((await anonymous.get('/livez', { 'x-request-id': forwarded })).headers.get('x-request-id')).toBe(forwarded);

    const replaced = (await anonymous.get('/livez', { 'x-request-id': 'not-a-uuid {"level":60}' })).headers.get('x-request-id');
    expect(replaced).toMatch(UUID);
  });
});

describe('web client', () => {
  it('answers 503 with a hint while the client is not built', async () => {
    const response = await anonymous.get('/invoices');

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('npm run build:web');
  });

  describe('once built', () => {
    beforeAll(() => {
      mkdirSync(path.join(server.webDistDir, 'assets'), { recursive: true });
      writeFileSync(path.join(server.webDistDir, 'index.html'), '<!doctype html><title>Rover portal</title><div id="root"></div>');
      writeFileSync(path.join(server.webDistDir, 'assets', 'index-abc123.js'), 'console.log("portal");');
    });

    it('serves index.html at /', async () => {
      const response = await anonymous.get('/');

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('Rover portal');
    });

    it('falls back to index.html for client routes', async () => {
      const response = await anonymous.get('/invoices/INV-100001?tab=lines');

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    });

    it('serves hashed assets with a long cache time', async () => {
      const response = await anonymous.get('/assets/index-abc123.js');

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });

    it.each(['/assets/missing-123.js', '/graphql/extra', '/documents/other', '/livez/deeper', '/readyz/x'])('answers 404 JSON for %s', async (urlPath) => {
      const response = await anonymous.get(urlPath);

      expect(response.status).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
    });

    it('does not fall back for POST', async () => {
      const response = await anonymous.post('/invoices', '{}');
      expect(response.status).toBe(404);
    });
  });
});

describe('security headers', () => {
  it('send a strict policy with the client', async () => {
    const response = await anonymous.get('/livez');
    const policy = response.headers.get('content-security-policy') ?? '';

    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it("let Apollo's IDE page load from Apollo's CDN", async () => {
    const response = await anonymous.get('/graphql', { accept: 'text/html' });
    const policy = response.headers.get('content-security-policy') ?? '';

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('embeddable-sandbox.cdn.apollographql.com');
    expect(policy).toContain('https://embeddable-sandbox.cdn.apollographql.com');
    expect(policy).toContain('frame-src https://sandbox.embed.apollographql.com');
  });
});

describe('introspection', () => {
  it('is on by default', async () => {
    const response = await anonymous.graphql('{ __schema { queryType { name } } }');
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('can be turned off, which also removes the IDE page', async () => {
    const closed = await startTestServer({ config: { graphqlIntrospection: false } });
    try {
      const client = new TestClient(closed.baseUrl);
      const response = await client.graphql('{ __schema { queryType { name } } }');
      expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

      const page = await client.get('/graphql', { accept: 'text/html' });
      expect(await page.text()).not.toContain('apollographql');
    } finally {
      await closed.close();
    }
  });
});

describe('logs', () => {
  it('never contain the session cookie', async () => {
    const alice = await signedInClient(server.baseUrl, 'alice@acme.example');
    const token = alice.cookie!.split('=')[1]!;
    await alice.graphql('{ viewer { email } }');
    await alice.get('/livez', { authorization: 'Bearer secret-token-value' });

    const text = JSON.stringify(server.logRecords);
    expect(text).not.toContain(token);
    expect(text).not.toContain('secret-token-value');
    expect(text).not.toContain('portal-demo');
  });
});

describe('health', () => {
  it('livez answers ok', async () => {
    const response = await anonymous.get('/livez');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('readyz checks the ERP and the portal store', async () => {
    const response = await anonymous.get('/readyz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { erp: 'ok', 'portal-store': 'ok' } });
  });

  // Runs last in this file: it closes the portal store.
  it('readyz answers 503 with the failing check', async () => {
    await server.portalDatabase.close();
    const response = await anonymous.get('/readyz');

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', checks: { erp: 'ok', 'portal-store': 'failed' } });
    expect(server.logRecords.some((record) => record['msg'] === 'Readiness check failed' && record['check'] === 'portal-store')).toBe(true);
  });
});
