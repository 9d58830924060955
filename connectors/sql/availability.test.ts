import { UpstreamUnavailableError } from '../errors';
import { createErpConnector } from '../erp';
import { createPortalStore } from '../portal';
import { isUnavailableError, reportUnavailability } from './availability';
import { openDatabase } from './database';
import { silentLogger } from './test/test-databases';

function errorWith(fields: { code?: string; name?: string; message?: string }): Error {
  return Object.assign(new Error(fields.message ?? 'failure'), fields);
}

describe('isUnavailableError', () => {
  test.each([
    ['refused connection', { code: 'ECONNREFUSED' }],
    ['PostgreSQL connection exception', { code: '08006' }],
    ['PostgreSQL too many connections', { code: '53300' }],
    ['PostgreSQL statement timeout', { code: '57014' }],
    ['PostgreSQL shutting down', { code: '57P01' }],
    ['SQLite lock wait', { code: 'SQLITE_BUSY' }],
    ['SQLite snapshot conflict', { code: 'SQLITE_BUSY_SNAPSHOT' }],
    ['SQLite file missing', { code: 'SQLITE_CANTOPEN' }],
    ['tedious request timeout', { code: 'ETIMEOUT' }],
    ['tedious connection error', { name: 'ConnectionError' }],
    ['tarn acquire timeout', { name: 'TimeoutError' }],
    ['pg pool timeout', { message: 'timeout exceeded when trying to connect' }],
    ['pg lost connection', { message: 'Connection terminated unexpectedly' }],
    ['pg read timeout', { message: 'Query read timeout' }],
    ['pg broken client', { message: 'Client has encountered a connection error and is not queryable' }],
  ])('%s counts as unavailable', (_name, fields) => {
    expect(isUnavailableError(errorWith(fields))).toBe(true);
  });

  test.each([
    ['syntax error', { code: '42601' }],
    ['unique violation', { code: '23505' }],
    ['SQLite constraint', { code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    ['plain error', {}],
  ])('%s does not count as unavailable', (_name, fields) => {
    expect(isUnavailableError(errorWith(fields))).toBe(false);
  });

  test('non-errors do not count', () => {
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
    expect(isUnavailableError(null)).toBe(false);
  });
});

describe('reportUnavailability', () => {
  test('wraps unavailability and passes other errors', async () => {
    const unique = errorWith({ code: '23505' });
    const source = reportUnavailability('erp', {
      name: 'kept',
      refuse: async () => {
        throw errorWith({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' });
      },
      conflict: async () => {
        throw unique;
      },
      answer: async (value: number) => value * 2,
    });

    await expect(source.refuse()).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(source.refuse()).rejects.toMatchObject({ upstream: 'erp', message: 'The erp database is unavailable: connect ECONNREFUSED 127.0.0.1:1' });
    await expect(source.conflict()).rejects.toBe(unique);
    await expect(source.answer(21)).resolves.toBe(42);
    expect(source.name).toBe('kept');
  });

  test('connector calls to an unreachable server fail as unavailable', async () => {
    const database = openDatabase({ url: 'postgres://postgres@127.0.0.1:1/unreachable', logger: silentLogger(), poolMax: 1 });
    try {
      const erp = createErpConnector(database);
      const portal = createPortalStore(database);

      await expect(erp.directory.businessDate()).rejects.toMatchObject({ name: 'UpstreamUnavailableError', upstream: 'erp' });
      await expect(erp.health.check()).rejects.toMatchObject({ upstream: 'erp' });
      await expect(portal.sessions.findByTokenHash('x')).rejects.toMatchObject({ upstream: 'portal-store' });
    } finally {
      await database.close();
    }
  });
});
