/**
 * Files that the ERP keeps behind http(s) URLs, fetched by the gateway and
 * passed through to the customer. Only hosts listed in DOCUMENT_URL_HOSTS
 * are contacted, redirects are not followed (they could lead to any host),
 * and no credentials are sent, so a URL must be readable as it is, such as
 * a pre-signed URL of an object store.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { UpstreamUnavailableError } from '../errors';
import type { StoredFile } from '../sources';
import { DocumentFileError } from './errors';

export interface UrlStoreOptions {
  /** Allowed hosts as `URL.host` spells them: lower case, with a port only when it is not the scheme's default. */
  hosts: readonly string[];
  /** Time limit for one file, from sending the request to the last byte, in milliseconds. */
  timeoutMs: number;
}

export interface UrlStore {
  open(url: URL): Promise<StoredFile>;
}

/** Host names of the local machine, the only hosts that may be fetched over plain http. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

const UPSTREAM = 'document-store';

export function createUrlStore(options: UrlStoreOptions): UrlStore {
  const hosts = new Set(options.hosts);

  return {
    async open(url) {
      if (!hosts.has(url.host)) {
        throw new DocumentFileError(
          'NOT_CONFIGURED',
          `The document's URL is on host ${url.host}, which DOCUMENT_URL_HOSTS does not list. Add the host to DOCUMENT_URL_HOSTS if the portal may fetch files from it.`,
          ['DOCUMENT_URL_HOSTS'],
        );
      }
      if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
        throw new DocumentFileError('INVALID_KEY', `The document's URL uses plain http on ${url.host}; only https is fetched from other machines.`);
      }

      const response = await fetchFile(url, options.timeoutMs);
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        throw new DocumentFileError('NOT_FOUND', `The document store responded with HTTP ${response.status} for ${withoutQuery(url)}.`);
      }
      if (response.status !== 200 || response.body === null) {
        await response.body?.cancel();
        const redirect = response.status >= 300 && response.status < 400 ? ' The portal does not follow redirects; store the final URL in the ERP.' : '';
        throw new UpstreamUnavailableError(UPSTREAM, `The document store responded with HTTP ${response.status} for ${withoutQuery(url)}.${redirect}`);
      }

      return {
        stream: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        size: contentLength(response.headers.get('content-length')),
      };
    },
  };
}

async function fetchFile(url: URL, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { accept: '*/*' } });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : 'failed';
    throw new UpstreamUnavailableError(UPSTREAM, `The request for ${withoutQuery(url)} ${reason}.`, { cause: error });
  }
}

/** The URL without its query, which may carry a signature that must stay out of logs. */
function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function contentLength(header: string | null): number | null {
  if (header === null || !/^\d{1,15}$/.test(header)) {
    return null;
  }
  return Number(header);
}
