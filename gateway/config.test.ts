import path from 'node:path';

import { ConfigError, loadConfig } from './config';

const CWD = '/srv/portal';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({}, CWD);

    expect(config).toEqual({
      port: 4000,
      host: '127.0.0.1',
      dataDir: '/srv/portal/data',
      erpDatabaseUrl: 'sqlite:/srv/portal/data/erp-demo.sqlite',
      erpIsEmbeddedDemo: true,
      portalDatabaseUrl: 'sqlite:/srv/portal/data/portal.sqlite',
      publicUrl: null,
      logLevel: 'info',
      graphqlIntrospection: true,
      sessionIdleMinutes: 60,
      sessionMaxDays: 7,
      cookieSecure: false,
      trustProxy: false,
      dbPoolMax: 10,
      dbStatementTimeoutMs: 15_000,
      webDistDir: '/srv/portal/web/dist',
      supplierName: 'Rover Supply Co.',
      tickets: { source: 'erp' },
      payments: { enabled: false, missing: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] },
      documents: { storeDirectory: null, urlHosts: [], fetchTimeoutMs: 30_000, demoFiles: true },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        PORTAL_DATA_DIR: '/var/lib/portal',
        ERP_DATABASE_URL: 'postgres://portal:secret@db.internal:5432/rover_erp',
        PORTAL_DATABASE_URL: 'sqlite:/var/lib/portal/store.sqlite',
        PUBLIC_URL: 'https://portal.example.com/',
        LOG_LEVEL: 'DEBUG',
        GRAPHQL_INTROSPECTION: 'false',
        SESSION_IDLE_MINUTES: '30',
        SESSION_MAX_DAYS: '1',
        TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
        DB_POOL_MAX: '4',
        DB_STATEMENT_TIMEOUT_MS: '5000',
        WEB_DIST_DIR: 'client',
        SUPPLIER_NAME: 'Rover Industrial Supply',
      },
      CWD,
    );

    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.erpDatabaseUrl).toBe('postgres://portal:secret@db.internal:5432/rover_erp');
    expect(config.erpIsEmbeddedDemo).toBe(false);
    expect(config.portalDatabaseUrl).toBe('sqlite:/var/lib/portal/store.sqlite');
    expect(config.publicUrl).toBe('https://portal.example.com');
    expect(config.logLevel).toBe('debug');
    expect(config.graphqlIntrospection).toBe(false);
    expect(config.sessionIdleMinutes).toBe(30);
    expect(config.sessionMaxDays).toBe(1);
    expect(config.cookieSecure).toBe(true);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.dbPoolMax).toBe(4);
    expect(config.dbStatementTimeoutMs).toBe(5000);
    expect(config.webDistDir).toBe(path.join(CWD, 'client'));
    expect(config.supplierName).toBe('Rover Industrial Supply');
  });

  it('lets COOKIE_SECURE override the PUBLIC_URL default', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://portal.example.com', COOKIE_SECURE: 'false' }, CWD).cookieSecure).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }, CWD).cookieSecure).toBe(true);
  });

  it('accepts IPv6 listen addresses', () => {
    expect(loadConfig({ HOST: '::' }, CWD).host).toBe('::');
    expect(loadConfig({ HOST: '[::1]' }, CWD).host).toBe('::1');
  });

  it('reads TRUST_PROXY as a flag or a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }, CWD).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }, CWD).trustProxy).toBe(2);
  });

  it.each([
    [{ HOST: 'http://localhost' }, 'Invalid HOST "http://localhost": expected a host name or IP address to listen on, for example HOST=0.0.0.0.'],
    [{ PORT: 'http' }, 'Invalid PORT "http": expected a whole number from 0 to 65535, for example PORT=4000.'],
    [{ PORT: '70000' }, 'Invalid PORT "70000"'],
    [{ LOG_LEVEL: 'verbose' }, 'Invalid LOG_LEVEL "verbose": expected one of fatal, error, warn, info, debug, trace, silent'],
    [{ GRAPHQL_INTROSPECTION: 'maybe' }, 'Invalid GRAPHQL_INTROSPECTION "maybe": expected true or false'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'Invalid SESSION_IDLE_MINUTES "0"'],
    [{ SESSION_MAX_DAYS: '1.5' }, 'Invalid SESSION_MAX_DAYS "1.5"'],
    [{ COOKIE_SECURE: 'sometimes' }, 'Invalid COOKIE_SECURE "sometimes"'],
    [{ TRUST_PROXY: 'everyone' }, 'Invalid TRUST_PROXY "everyone"'],
    [{ DB_POOL_MAX: '-3' }, 'Invalid DB_POOL_MAX "-3"'],
    [{ DB_STATEMENT_TIMEOUT_MS: '10s' }, 'Invalid DB_STATEMENT_TIMEOUT_MS "10s"'],
    [{ PUBLIC_URL: 'portal.example.com' }, 'Invalid PUBLIC_URL "portal.example.com": expected an absolute http or https address'],
    [{ PUBLIC_URL: 'ftp://portal.example.com' }, 'Invalid PUBLIC_URL "ftp://portal.example.com"'],
    [{ TICKETS_SOURCE: 'zendesk' }, 'Invalid TICKETS_SOURCE "zendesk": expected erp (the ERP\'s service cases, the default) or salesforce, for example TICKETS_SOURCE=salesforce.'],
  ])('rejects %j', (env, expected) => {
    expect(configError(env)).toContain(expected);
  });

  it('names a bad database URL without showing its password', () => {
    const message = configError({ ERP_DATABASE_URL: 'oracle://portal:hunter2@db/erp' });

    expect(message).toContain('ERP_DATABASE_URL');
    expect(message).toContain('sqlite:./data/erp-demo.sqlite');
    expect(message).not.toContain('hunter2');
  });

  it('reads TICKETS_SOURCE=salesforce with the fake alone', () => {
    const config = loadConfig({ TICKETS_SOURCE: 'Salesforce', SALESFORCE_LOGIN_URL: 'http://127.0.0.1:4100' }, CWD);

    expect(config.tickets.source).toBe('salesforce');
    expect(config.tickets.source === 'salesforce' ? config.tickets.salesforce.loginUrl : null).toBe('http://127.0.0.1:4100');
  });

  it('ignores Salesforce settings for TICKETS_SOURCE=erp', () => {
    expect(loadConfig({ TICKETS_SOURCE: 'erp', SALESFORCE_LOGIN_URL: 'not a url' }, CWD).tickets).toEqual({ source: 'erp' });
  });

  it('lists invalid Salesforce settings without secrets', () => {
    const message = configError({
      TICKETS_SOURCE: 'salesforce',
      SALESFORCE_LOGIN_URL: 'https://test.salesforce.com',
      SALESFORCE_AUTH: 'password',
      SALESFORCE_CLIENT_ID: 'connected-app-key',
      SALESFORCE_USERNAME: 'portal@supplier.example',
      SALESFORCE_PASSWORD: 'hunter2',
      SALESFORCE_TIMEOUT_MS: 'soon',
    });

    expect(message).toContain('TICKETS_SOURCE=salesforce needs valid Salesforce settings.');
    expect(message).toContain('SALESFORCE_TIMEOUT_MS');
    expect(message).not.toContain('hunter2');
  });

  it('checks PORTAL_DATABASE_URL too', () => {
    expect(configError({ PORTAL_DATABASE_URL: 'sqlite:' })).toContain('PORTAL_DATABASE_URL');
  });

  it('derives payment return addresses from PUBLIC_URL', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', PUBLIC_URL: 'https://portal.example.com/' }, CWD);

    expect(config.payments.enabled).toBe(true);
    const settings = config.payments.enabled ? config.payments.settings : null;
    expect(settings?.successUrl).toBe('https://portal.example.com/payments/{PAYMENT_ID}?result=success');
    expect(settings?.cancelUrl).toBe('https://portal.example.com/payments/{PAYMENT_ID}?result=cancelled');
  });

  it('rejects payments without PUBLIC_URL', () => {
    const message = configError({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' });

    expect(message).toContain('Missing PAYMENTS_SUCCESS_URL');
    expect(message).not.toContain('whsec_1');
  });
});
