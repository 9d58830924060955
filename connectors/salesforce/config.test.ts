import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

import { loadSalesforceConfig } from './config';
import { DEV_CREDENTIALS } from './dev-credentials';

function problemsOf(env: Record<string, string>): string {
  try {
    loadSalesforceConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('loadSalesforceConfig', () => {
  test('loopback URL uses development defaults', () => {
    const config = loadSalesforceConfig({ SALESFORCE_LOGIN_URL: 'http://127.0.0.1:4100' });

    expect(config.loginUrl).toBe('http://127.0.0.1:4100');
    expect(config.apiVersion).toBe('62.0');
    expect(config.usesDevCredentials).toBe(true);
    expect(config.auth).toMatchObject({ flow: 'password', clientId: DEV_CREDENTIALS.clientId, username: DEV_CREDENTIALS.username });
    expect(config.accountMatch).toEqual({ kind: 'external_id', field: 'Rover_Customer_Number__c' });
    expect(config.caseFields).toEqual({ status: 'Status', priority: 'Priority', origin: 'Origin' });
    expect(config.caseOrigin).toBe('Customer Portal');
    expect(config.statusMap.lookup('Waiting on Customer')).toBe('WAITING_ON_CUSTOMER');
    expect(config.priorityMap.rawValuesFor('HIGH')).toEqual(['High']);
    expect(config.timeoutMs).toBe(10_000);
    expect(config.retry).toEqual({ maxRetries: 1, delayMs: 250 });
    expect(config.breaker).toEqual({ failureThreshold: 5, cooldownMs: 30_000 });
    expect(config.cache).toEqual({ ttlSeconds: 0, redisUrl: null });
  });

  test('Redis URL is kept secret', () => {
    const config = loadSalesforceConfig({ SALESFORCE_LOGIN_URL: 'http://127.0.0.1:4100', REDIS_URL: 'redis://:hunter2@127.0.0.1:6379' });
    expect(config.cache.redisUrl?.reveal()).toBe('redis://:hunter2@127.0.0.1:6379');
    expect(JSON.stringify(config)).not.toContain('hunter2');
  });

  test('names every missing variable', () => {
    const message = problemsOf({});
    expect(message).toMatch(/SALESFORCE_AUTH is missing.*Example: SALESFORCE_AUTH=jwt/);
    expect(message).toMatch(/SALESFORCE_CLIENT_ID is missing/);
  });

  test('password flow requirements', () => {
    const message = problemsOf({ SALESFORCE_AUTH: 'password', SALESFORCE_CLIENT_ID: 'abc' });
    expect(message).toMatch(/SALESFORCE_USERNAME is missing/);
    expect(message).toMatch(/SALESFORCE_PASSWORD is missing/);
    expect(message).toMatch(/SALESFORCE_CLIENT_SECRET is missing/);
  });

  test('JWT key file and audience', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sf-key-')), 'key.pem');
    writeFileSync(file, privateKeyPem);

    const config = loadSalesforceConfig({
      SALESFORCE_LOGIN_URL: 'https://acme.my.salesforce.com',
      SALESFORCE_AUTH: 'jwt',
      SALESFORCE_CLIENT_ID: '3MVG9abc',
      SALESFORCE_USERNAME: 'portal@acme.example',
      SALESFORCE_PRIVATE_KEY_FILE: file,
    });
    expect(config.auth).toMatchObject({ flow: 'jwt', audience: 'https://login.salesforce.com' });
  });

  test('JWT rejects non-PEM key quietly', () => {
    const message = problemsOf({
      SALESFORCE_AUTH: 'jwt',
      SALESFORCE_CLIENT_ID: '3MVG9abc',
      SALESFORCE_USERNAME: 'portal@acme.example',
      SALESFORCE_PRIVATE_KEY: 'super-secret-not-a-key',
    });
    expect(message).toMatch(/SALESFORCE_PRIVATE_KEY is not a PEM private key/);
    expect(message).not.toContain('super-secret-not-a-key');
  });

  test('refresh token flow', () => {
    const config = loadSalesforceConfig({ SALESFORCE_AUTH: 'refresh_token', SALESFORCE_CLIENT_ID: 'abc', SALESFORCE_REFRESH_TOKEN: 'rt-secret' });
    expect(config.auth.flow).toBe('refresh_token');
  });

  test('secrets never print', () => {
    const config = loadSalesforceConfig({
      SALESFORCE_AUTH: 'password',
      SALESFORCE_CLIENT_ID: 'abc',
      SALESFORCE_CLIENT_SECRET: 'client-secret-value',
      SALESFORCE_USERNAME: 'user@example.com',
      SALESFORCE_PASSWORD: 'password-value',
      SALESFORCE_SECURITY_TOKEN: 'token-value',
    });
    const printed = JSON.stringify(config) + inspect(config, { depth: 10 }) + String(config.auth);
    for (const secret of ['client-secret-value', 'password-value', 'token-value']) {
      expect(printed).not.toContain(secret);
    }
  });

  test('plain http is only allowed on loopback', () => {
    expect(problemsOf({ SALESFORCE_LOGIN_URL: 'http://login.salesforce.com' })).toMatch(/SALESFORCE_LOGIN_URL must be an https URL/);
  });

  test('invalid values name variable and example', () => {
    const message = problemsOf({
      SALESFORCE_LOGIN_URL: 'http://localhost:4100',
      SALESFORCE_API_VERSION: '62',
      SALESFORCE_TIMEOUT_MS: 'soon',
      SALESFORCE_ACCOUNT_MATCH: 'name',
      SALESFORCE_ACCOUNT_EXTERNAL_ID_FIELD: "Number__c' OR Id != null",
      SALESFORCE_STATUS_MAP: 'New=NEW,Working=BUSY,Broken',
      SALESFORCE_PRIORITY_MAP: 'Low=LOW,High=HIGH',
    });
    expect(message).toMatch(/SALESFORCE_API_VERSION must be a REST API version such as 62.0/);
    expect(message).toMatch(/SALESFORCE_TIMEOUT_MS must be a whole number of milliseconds.*Example: SALESFORCE_TIMEOUT_MS=10000/);
    expect(message).toMatch(/SALESFORCE_ACCOUNT_MATCH must be one of account_id, external_id/);
    expect(message).toMatch(/SALESFORCE_ACCOUNT_EXTERNAL_ID_FIELD must be a Salesforce field API name/);
    expect(message).toMatch(/SALESFORCE_STATUS_MAP entry "Working=BUSY" maps to "BUSY"/);
    expect(message).toMatch(/SALESFORCE_STATUS_MAP entry "Broken" is not of the form/);
    expect(message).toMatch(/SALESFORCE_PRIORITY_MAP maps no Salesforce value to MEDIUM/);
  });

  test('status map ignores letter case', () => {
    const config = loadSalesforceConfig({ SALESFORCE_LOGIN_URL: 'http://127.0.0.1:4100', SALESFORCE_STATUS_MAP: 'On Hold=WAITING_ON_CUSTOMER, Done = CLOSED' });
    expect(config.statusMap.lookup('on hold')).toBe('WAITING_ON_CUSTOMER');
    expect(config.statusMap.lookup('Done')).toBe('CLOSED');
    expect(config.statusMap.lookup('New')).toBeNull();
  });
});
