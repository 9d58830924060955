/**
 * Files of order documents. `erp_documents.storage_key` is either an http(s)
 * URL, fetched from an allowed host, or a key in the ERP's document store,
 * read as a relative path below a configured directory. Keys under "demo/"
 * can be handed to a generator of demo files instead.
 */
import type { OrderDocument } from '../domain';
import type { DocumentFileSource, StoredFile } from '../sources';
import { createDirectoryStore } from './directory-store';
import { DocumentFileError } from './errors';
import { parseStorageKey } from './storage-key';
import { createUrlStore } from './url-store';

export { DocumentFileError, type DocumentFileProblem } from './errors';
export { parseStorageKey, type StorageKey } from './storage-key';

export interface DocumentFilesOptions {
  /** Absolute directory that store keys are relative to (DOCUMENT_STORE_DIR), or null when store keys cannot be served. */
  directory: string | null;
  /** Hosts whose URLs may be fetched (DOCUMENT_URL_HOSTS), as `URL.host` spells them; empty when URLs cannot be served. */
  urlHosts: readonly string[];
  /** Time limit for fetching one file from a URL, in milliseconds. */
  fetchTimeoutMs: number;
  /** Serves storage keys that start with "demo/", such as the embedded demo ERP's, in place of the directory. */
  demoFiles?: (document: OrderDocument) => Promise<StoredFile>;
}

const DEMO_KEY_PREFIX = 'demo/';

export function createDocumentFileSource(options: DocumentFilesOptions): DocumentFileSource {
  const directory = options.directory === null ? null : createDirectoryStore(options.directory);
  const urls = options.urlHosts.length === 0 ? null : createUrlStore({ hosts: options.urlHosts, timeoutMs: options.fetchTimeoutMs });

  return {
    async open(document) {
      const key = parseStorageKey(document.storageKey);

      switch (key.kind) {
        case 'invalid':
          throw new DocumentFileError('INVALID_KEY', `The storage key of document ${document.id} is not usable: ${key.reason}.`);

        case 'url':
          if (urls === null) {
            throw new DocumentFileError(
              'NOT_CONFIGURED',
              `Document ${document.id} is kept at a URL, and DOCUMENT_URL_HOSTS is not set. Set it to the hosts the portal may fetch documents from.`,
              ['DOCUMENT_URL_HOSTS'],
            );
          }
          return urls.open(key.url);

        case 'path':
          if (options.demoFiles !== undefined && document.storageKey.startsWith(DEMO_KEY_PREFIX)) {
            return options.demoFiles(document);
          }
          if (directory === null) {
            throw new DocumentFileError(
              'NOT_CONFIGURED',
              `Document ${document.id} is kept in the ERP's document store, and DOCUMENT_STORE_DIR is not set. Set it to the directory that holds the store's files.`,
              ['DOCUMENT_STORE_DIR'],
            );
          }
          return directory.open(key.segments);

        default: {
          const unexpected: never = key;
          throw new Error(`Unhandled storage key kind ${JSON.stringify(unexpected)}.`);
        }
      }
    },
  };
}

/** Rejects every document with NOT_CONFIGURED; the gateway's default when no store is set up. */
export const NO_DOCUMENT_FILES: DocumentFileSource = createDocumentFileSource({ directory: null, urlHosts: [], fetchTimeoutMs: 1 });
