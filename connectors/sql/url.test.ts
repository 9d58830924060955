import path from 'node:path';

import { DatabaseUrlError, parseDatabaseUrl, redactDatabaseUrl } from './url';

describe('parseDatabaseUrl', () => {
  test('SQLite paths resolve against the current directory', () => {
    expect(parseDatabaseUrl('ERP_DATABASE_URL', 'sqlite:./data/erp.sqlite')).toEqual({ engine: 'sqlite', filename: path.resolve('data/erp.sqlite') });
    expect(parseDatabaseUrl('ERP_DATABASE_URL', 'sqlite:/var/lib/erp.sqlite')).toEqual({ engine: 'sqlite', filename: '/var/lib/erp.sqlite' });
    expect(parseDatabaseUrl('ERP_DATABASE_URL', 'sqlite:///var/lib/erp.sqlite')).toEqual({ engine: 'sqlite', filename: '/var/lib/erp.sqlite' });
    expect(parseDatabaseUrl('ERP_DATABASE_URL', 'sqlite::memory:')).toEqual({ engine: 'sqlite', filename: ':memory:' });
  });

  test('PostgreSQL URLs keep their options apart', () => {
    expect(parseDatabaseUrl('X', 'postgresql://user:secret@db.example:5433/erp?sslmode=require&options=-c%20search_path%3Derp')).toEqual({
      engine: 'postgres',
      connectionString: 'postgresql://user:secret@db.example:5433/erp?sslmode=require',
      startupOptions: '-c search_path=erp',
    });
  });

  test('SQL Server URLs give the tedious settings', () => {
    expect(parseDatabaseUrl('X', 'mssql://portal:p%40ss@sql.example/rover_erp?encrypt=true&trustServerCertificate=true')).toEqual({
      engine: 'mssql',
      server: 'sql.example',
      port: 1433,
      database: 'rover_erp',
      user: 'portal',
      password: 'p@ss',
      encrypt: true,
      trustServerCertificate: true,
    });
    expect(parseDatabaseUrl('X', 'mssql://portal:pw@sql.example:14330/db')).toMatchObject({ port: 14330, encrypt: true, trustServerCertificate: false });
  });

  test.each([
    ['', 'the value is empty'],
    ['erp.sqlite', 'it does not start with a scheme'],
    ['mysql://u:p@h/db', 'the scheme "mysql:" is not supported'],
    ['sqlite:', 'the SQLite file path after "sqlite:" is empty'],
    ['postgres://u:p@host', 'the database name after the host is missing'],
    ['postgres:///db', 'the host name is missing'],
    ['mssql://u:p@h/db?encrypt=yes', 'the option encrypt="yes" must be true or false'],
    ['mssql://u:p@h/db?pool=5', 'the SQL Server option "pool" is not supported'],
    ['mssql://h/db', 'the SQL Server user name is missing'],
  ])('%j is rejected because %s', (value, reason) => {
    let error: unknown;
    try {
      parseDatabaseUrl('ERP_DATABASE_URL', value);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect((error as Error).message).toContain(`ERP_DATABASE_URL is not a usable database URL: ${reason}`);
    expect((error as Error).message).toContain('sqlite:./data/erp-demo.sqlite');
    expect((error as Error).message).toContain('postgres://portal:PASSWORD@localhost:5432/rover_erp');
    expect((error as Error).message).toContain('mssql://portal:PASSWORD@localhost:1433/rover_erp?encrypt=true&trustServerCertificate=false');
  });

  test('error messages never contain the password', () => {
    for (const value of ['postgres://user:hunter2@host', 'mssql://user:hunter2@h/db?encrypt=maybe', 'postgres://user:hunter2@host:port/db']) {
      expect(() => parseDatabaseUrl('V', value)).toThrow(DatabaseUrlError);
      try {
        parseDatabaseUrl('V', value);
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });
});

describe('redactDatabaseUrl', () => {
  test('replaces passwords and keeps the rest', () => {
    expect(redactDatabaseUrl('postgres://user:hunter2@host:5432/db?sslmode=require')).toBe('postgres://user:***@host:5432/db?sslmode=require');
    expect(redactDatabaseUrl('mssql://user:hunter2@host/db')).toBe('mssql://user:***@host/db');
    expect(redactDatabaseUrl('postgres://host/db')).toBe('postgres://host/db');
    expect(redactDatabaseUrl('sqlite:./data/erp.sqlite')).toBe('sqlite:./data/erp.sqlite');
  });

  test('shows nothing of an unparsable URL', () => {
    expect(redactDatabaseUrl('postgres://user:hunter2@host:port/db')).toBe('postgres:(unparsable URL, not shown)');
  });
});
