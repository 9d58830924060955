/**
 * The operator routes /readyz and /metrics on both ticket sources: the
 * ticket source's health, the Salesforce API usage and counters, and no
 * customer data.
 */
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';
import { startSalesforceGateway, type SalesforceGateway } from './salesforce';

/** A sample line of the Prometheus text format: name, optional labels, a number. */
const SAMPLE_LINE = /^[a-z_]+(\{[a-z_]+="(?:[^"\\\n]|\\.)*"(,[a-z_]+="(?:[^"\\\n]|\\.)*")*\})? -?\d+(\.\d+)?$/;

function sampleValue(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function expectValidFormat(metrics: string): void {
  const lines = metrics.trimEnd().split('\n');
  for (const line of lines) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) {
      continue;
    }
    expect(line).toMatch(SAMPLE_LINE);
  }
}

describe('ERP ticket source', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  test('/readyz has only the ERP checks', async () => {
    const response = await fetch(`${server.baseUrl}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { erp: 'ok', 'portal-store': 'ok' } });
  });

  test('/metrics has no Salesforce series', async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('rover_tickets_source_info{source="erp"} 1');
    expect(text).not.toContain('rover_salesforce');
    expectValidFormat(text);
  });
});

describe('Salesforce ticket source', () => {
  let gateway: SalesforceGateway;
  let alice: TestClient;
  let bob: TestClient;

  beforeAll(async () => {
    gateway = await startSalesforceGateway({ env: { SALESFORCE_CACHE_TTL_SECONDS: '30' } });
    alice = await signedInClient(gateway.server.baseUrl, 'alice@acme.example');
    bob = await signedInClient(gateway.server.baseUrl, 'bob@globex.example');
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /** Returns the usage of the fake's latest Sforce-Limit-Info header, which counts every data request except 401s. */
  function fakeUsage(): number {
    return gateway.fake.requests().filter((entry) => entry.kind === 'data' && entry.status !== 401).length;
  }

  test('/readyz probes Salesforce and shows API usage', async () => {
    expect(gateway.source.limits()).toBeNull();

    const response = await fetch(`${gateway.server.baseUrl}/readyz`);
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      checks: { erp: 'ok', 'portal-store': 'ok', salesforce: 'ok' },
      ticketSource: 'salesforce',
      salesforce: { apiUsage: { used: fakeUsage(), max: 15_000, observedAt: expect.any(String) }, breaker: 'closed' },
    });
    // With no earlier call, the check itself read GET /limits.
    expect(gateway.fake.dataRequests().map((entry) => entry.path)).toEqual(['/services/data/v62.0/limits']);
  });

  test('/metrics counts calls, usage and cache', async () => {
    for (const client of [alice, bob, alice, bob]) {
      const response = await client.graphql('{ tickets(first: 20) { totalCount edges { node { number subject comments { body authorName } } } } }');
      expect(response.errors).toBeUndefined();
    }
    const stats = gateway.source.stats();

    const response = await fetch(`${gateway.server.baseUrl}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expectValidFormat(text);
    expect(text).toContain('rover_tickets_source_info{source="salesforce"} 1');
    expect(sampleValue(text, 'rover_salesforce_api_requests_total')).toBe(stats.apiCalls);
    expect(sampleValue(text, 'rover_salesforce_auth_requests_total')).toBe(1);
    expect(sampleValue(text, 'rover_salesforce_org_api_requests_used')).toBe(fakeUsage());
    expect(sampleValue(text, 'rover_salesforce_org_api_requests_limit')).toBe(15_000);
    expect(sampleValue(text, 'rover_salesforce_circuit_breaker_state{state="closed"}')).toBe(1);
    expect(sampleValue(text, 'rover_salesforce_circuit_breaker_state{state="open"}')).toBe(0);
    // Bob's demo Case has the status "On Hold", which the default map does not list.
    expect(sampleValue(text, 'rover_salesforce_unknown_values_total{field="status",value="On Hold"}')).toBeGreaterThan(0);
    // The second round of reads came from the cache.
    expect(sampleValue(text, 'rover_salesforce_cache_hits_total')).toBeGreaterThanOrEqual(4);
    expect(sampleValue(text, 'rover_salesforce_cache_misses_total')).toBe(stats.cache?.misses);
  });

  test('operator routes contain no customer data', async () => {
    const texts = [await (await fetch(`${gateway.server.baseUrl}/metrics`)).text(), await (await fetch(`${gateway.server.baseUrl}/readyz`)).text()];

    const cases = gateway.fake.data.records('Case');
    const customerValues = [
      'Acme',
      'Globex',
      'acme.example',
      'globex.example',
      gateway.accounts.acme,
      gateway.accounts.globex,
      ...cases.map((record) => String(record['CaseNumber'])),
      ...cases.map((record) => String(record['Subject'])),
    ];
    for (const text of texts) {
      expect(customerValues.filter((value) => text.includes(value))).toEqual([]);
    }
  });
});
