import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEV_CREDENTIALS } from '../dev-credentials';
import { signJwtAssertion } from '../jwt';
import { startFakeSalesforce, type FakeSalesforce } from './server';

const VERSION = '62.0';

async function token(fake: FakeSalesforce, params: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${fake.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

function passwordGrant(password = DEV_CREDENTIALS.password + DEV_CREDENTIALS.securityToken): Record<string, string> {
  return {
    grant_type: 'password',
    client_id: DEV_CREDENTIALS.clientId,
    client_secret: DEV_CREDENTIALS.clientSecret,
    username: DEV_CREDENTIALS.username,
    password,
  };
}

async function api(fake: FakeSalesforce, accessToken: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${fake.url}/services/data/v${VERSION}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

describe('fake Salesforce token endpoint', () => {
  let fake: FakeSalesforce;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  beforeAll(async () => {
    fake = await startFakeSalesforce({
      apps: [{ clientId: DEV_CREDENTIALS.clientId, clientSecret: DEV_CREDENTIALS.clientSecret, jwtCertificate: publicPem }],
    });
  });
  afterAll(async () => {
    await fake.stop();
  });

  test('password grant issues a token for the integration user', async () => {
    const answer = await token(fake, passwordGrant());
    expect(answer.status).toBe(200);
    expect(answer.body.instance_url).toBe(fake.url);
    expect(answer.body.id).toMatch(new RegExp(`/id/00D\\w+/${fake.users.integration.id}$`));
  });

  test('password grant rejects a wrong password', async () => {
    const answer = await token(fake, passwordGrant('wrong'));
    expect(answer).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'authentication failure' } });
  });

  test('password grant rejects a wrong client secret', async () => {
    const answer = await token(fake, { ...passwordGrant(), client_secret: 'nope' });
    expect(answer.body.error).toBe('invalid_client');
  });

  test('refresh token grant', async () => {
    const refreshToken = fake.issueRefreshToken();
    const answer = await token(fake, { grant_type: 'refresh_token', client_id: DEV_CREDENTIALS.clientId, refresh_token: refreshToken });
    expect(answer.status).toBe(200);

    const unknown = await token(fake, { grant_type: 'refresh_token', client_id: DEV_CREDENTIALS.clientId, refresh_token: 'unknown' });
    expect(unknown.body.error).toBe('invalid_grant');
  });

  test('JWT bearer grant checks signature, audience and expiry', async () => {
    const grant = (privateKeyPem: string, audience = fake.url, now?: Date) => ({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signJwtAssertion({ clientId: DEV_CREDENTIALS.clientId, username: DEV_CREDENTIALS.username, audience, privateKeyPem, now }),
    });

    expect((await token(fake, grant(privatePem))).status).toBe(200);

    const otherKey = otherKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect((await token(fake, grant(otherKey))).body.error_description).toMatch(/signature/);
    expect((await token(fake, grant(privatePem, 'https://example.com'))).body.error_description).toMatch(/audience/);
    expect((await token(fake, grant(privatePem, fake.url, new Date(Date.now() - 10 * 60 * 1000)))).body.error_description).toBe('expired assertion');
  });
});

// Node cannot create an X.509 certificate itself, so this test uses the openssl command when it is installed.
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

(hasOpenssl ? test : test.skip)('JWT bearer grant accepts an X.509 certificate', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'fake-sf-cert-'));
  const [keyFile, certificateFile] = [join(directory, 'key.pem'), join(directory, 'certificate.pem')];
  const created = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certificateFile, '-days', '1', '-subj', '/CN=portal']);
  expect(created.status).toBe(0);

  const fake = await startFakeSalesforce({ apps: [{ clientId: DEV_CREDENTIALS.clientId, jwtCertificate: readFileSync(certificateFile, 'utf8') }] });
  try {
    const assertion = signJwtAssertion({
      clientId: DEV_CREDENTIALS.clientId,
      username: DEV_CREDENTIALS.username,
      audience: 'https://login.salesforce.com',
      privateKeyPem: readFileSync(keyFile, 'utf8'),
    });
    const answer = await token(fake, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    expect(answer.status).toBe(200);
  } finally {
    await fake.stop();
  }
});

describe('fake Salesforce data API', () => {
  let fake: FakeSalesforce;
  let accessToken: string;

  beforeEach(async () => {
    fake = await startFakeSalesforce({ pageSize: 200 });
    accessToken = (await token(fake, passwordGrant())).body.access_token ?? '';
  });
  afterEach(async () => {
    await fake.stop();
  });

  test('rejects requests without a valid session', async () => {
    const answer = await api(fake, 'not-a-token', '/limits');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
  });

  test('pages a query through nextRecordsUrl', async () => {
    const [account] = fake.data.addAccounts([{ name: 'Big' }]);
    fake.data.addCases(Array.from({ length: 450 }, (_, index) => ({ accountId: account!.Id, subject: `Case ${index}` })));

    const first = await api(fake, accessToken, `/query?q=${encodeURIComponent('SELECT Id, Subject FROM Case ORDER BY Id')}`);
    const page = first.body as { totalSize: number; done: boolean; records: unknown[]; nextRecordsUrl: string };
    expect(page.totalSize).toBe(450);
    expect(page.done).toBe(false);
    expect(page.records).toHaveLength(200);
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/15000');

    const ids = new Set<string>();
    let next: typeof page | undefined = page;
    while (next !== undefined) {
      for (const record of next.records as { Id: string }[]) {
        ids.add(record.Id);
      }
      next = next.done ? undefined : ((await api(fake, accessToken, next.nextRecordsUrl.replace(`/services/data/v${VERSION}`, ''))).body as typeof page);
    }
    expect(ids.size).toBe(450);
  });

  test('returns MALFORMED_QUERY for an invalid query', async () => {
    const answer = await api(fake, accessToken, `/query?q=${encodeURIComponent('SELECT FROM')}`);
    expect(answer.status).toBe(400);
    expect((answer.body as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_QUERY');
  });

  test('creates and retrieves a Case', async () => {
    const [account] = fake.data.addAccounts([{ name: 'Acme' }]);
    const created = await api(fake, accessToken, '/sobjects/Case', {
      method: 'POST',
      body: JSON.stringify({ AccountId: account!.Id, Subject: 'Printer broken', Origin: 'Customer Portal' }),
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };

    const read = await api(fake, accessToken, `/sobjects/Case/${id}`);
    expect(read.body).toEqual(
      expect.objectContaining({ Id: id, Subject: 'Printer broken', Status: 'New', IsClosed: false, CaseNumber: '00001001', CreatedById: fake.users.integration.id }),
    );
  });

  test('rejects invalid records like Salesforce', async () => {
    const post = (sobject: string, body: unknown) => api(fake, accessToken, `/sobjects/${sobject}`, { method: 'POST', body: JSON.stringify(body) });
    const errorCode = (answer: { body: unknown }) => (answer.body as { errorCode: string }[])[0]?.errorCode;

    expect(errorCode(await post('Case', { Subject: 'x'.repeat(256) }))).toBe('STRING_TOO_LONG');
    expect(errorCode(await post('Case', { Nope: 1 }))).toBe('INVALID_FIELD');
    expect(errorCode(await post('Case', { IsClosed: true }))).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(errorCode(await post('Case', { AccountId: '001000000000999AAA' }))).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(errorCode(await post('Case', { SuppliedEmail: 'not-an-email' }))).toBe('INVALID_EMAIL_ADDRESS');
    expect(errorCode(await post('CaseComment', { CommentBody: 'orphan' }))).toBe('REQUIRED_FIELD_MISSING');
    expect((await post('Opportunity', {})).status).toBe(404);
  });

  test('answers 404 for an API version it does not have', async () => {
    const response = await fetch(`${fake.url}/services/data/v99.0/limits`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(404);
  });

  test('fault switches apply to the given number of requests', async () => {
    fake.faults.serverError({ status: 502, times: 1 });
    expect((await api(fake, accessToken, '/limits')).status).toBe(502);
    expect((await api(fake, accessToken, '/limits')).status).toBe(200);

    fake.faults.requestLimitExceeded({ times: 1 });
    expect((await api(fake, accessToken, '/limits')).body).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);

    fake.expireSessions();
    expect((await api(fake, accessToken, '/limits')).status).toBe(401);
  });
});
