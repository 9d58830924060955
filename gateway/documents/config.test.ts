import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ConfigError } from '../config';
import { loadDocumentsConfig } from './config';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'rover-documents-config-'));
  writeFileSync(path.join(directory, 'file.txt'), 'not a directory');
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function configError(env: Record<string, string>): string {
  try {
    loadDocumentsConfig(env, directory, false);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadDocumentsConfig', () => {
  it('turns demo files on for the embedded demo only', () => {
    expect(loadDocumentsConfig({}, directory, true)).toEqual({ storeDirectory: null, urlHosts: [], fetchTimeoutMs: 30_000, demoFiles: true });
    expect(loadDocumentsConfig({}, directory, false).demoFiles).toBe(false);
    expect(loadDocumentsConfig({ DOCUMENT_DEMO_FILES: 'off' }, directory, true).demoFiles).toBe(false);
    expect(loadDocumentsConfig({ DOCUMENT_DEMO_FILES: 'true' }, directory, false).demoFiles).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadDocumentsConfig(
      {
        DOCUMENT_STORE_DIR: '.',
        DOCUMENT_URL_HOSTS: 'Files.ERP.example.com, docs.example.net:8443,files.erp.example.com:443,127.0.0.1:4300,[::1]:9000',
        DOCUMENT_FETCH_TIMEOUT_MS: '5000',
      },
      directory,
      false,
    );

    expect(config).toEqual({
      storeDirectory: directory,
      urlHosts: ['files.erp.example.com', 'docs.example.net:8443', '127.0.0.1:4300', '[::1]:9000'],
      fetchTimeoutMs: 5_000,
      demoFiles: false,
    });
  });

  it('rejects a store directory that does not exist', () => {
    expect(configError({ DOCUMENT_STORE_DIR: 'missing' })).toBe(
      `Invalid DOCUMENT_STORE_DIR "missing": ${path.join(directory, 'missing')} is not an existing directory. Mount the ERP's document store and point the variable at it, for example DOCUMENT_STORE_DIR=/mnt/erp-documents.`,
    );
    expect(configError({ DOCUMENT_STORE_DIR: 'file.txt' })).toContain('is not an existing directory');
  });

  it.each(['https://files.example.com', 'files.example.com/orders', '*.example.com', 'user@files.example.com', 'files.example.com:99999'])(
    'rejects the host entry %j',
    (entry) => {
      expect(configError({ DOCUMENT_URL_HOSTS: entry })).toBe(
        `Invalid DOCUMENT_URL_HOSTS entry "${entry}": expected a host name with an optional port, without scheme, path or wildcard, for example DOCUMENT_URL_HOSTS=files.erp.example.com,docs.example.net:8443.`,
      );
    },
  );

  it.each(['999', '600001', '5s'])('rejects the timeout %j', (value) => {
    expect(configError({ DOCUMENT_FETCH_TIMEOUT_MS: value })).toContain('Invalid DOCUMENT_FETCH_TIMEOUT_MS');
  });

  it('rejects a demo setting that is not a boolean', () => {
    expect(configError({ DOCUMENT_DEMO_FILES: 'maybe' })).toBe('Invalid DOCUMENT_DEMO_FILES "maybe": expected true or false, for example DOCUMENT_DEMO_FILES=true.');
  });
});
