/** Builds the source of order document files from the DOCUMENT_* settings. */
import { Readable } from 'node:stream';

import type { Logger } from 'pino';

import { createDocumentFileSource } from '../../connectors/documents';
import type { DocumentFileSource } from '../../connectors/sources';
import { renderDemoDocumentPdf } from '../pdf/demo-document-pdf';
import type { DocumentsConfig } from './config';

export function createDocumentFiles(config: DocumentsConfig, supplierName: string): DocumentFileSource {
  return createDocumentFileSource({
    directory: config.storeDirectory,
    urlHosts: config.urlHosts,
    fetchTimeoutMs: config.fetchTimeoutMs,
    ...(config.demoFiles
      ? {
          demoFiles: async (document) => {
            const pdf = await renderDemoDocumentPdf(supplierName, document);
            return { stream: Readable.from([pdf]), size: pdf.length };
          },
        }
      : {}),
  });
}

/** Logs at start-up which stores downloads can read, with a warning when there is none. */
export function logDocumentStores(config: DocumentsConfig, logger: Pick<Logger, 'info' | 'warn'>): void {
  const stores = { storeDirectory: config.storeDirectory, urlHosts: config.urlHosts, demoFiles: config.demoFiles };
  if (config.storeDirectory === null && config.urlHosts.length === 0 && !config.demoFiles) {
    logger.warn(
      stores,
      'Order document downloads fail with 503 NOT_CONFIGURED: set DOCUMENT_STORE_DIR to the directory of the ERP document store, DOCUMENT_URL_HOSTS to the hosts of document URLs, or both.',
    );
    return;
  }
  logger.info(stores, 'Order document downloads configured');
}
