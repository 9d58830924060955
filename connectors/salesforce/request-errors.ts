/**
 * Sorts a failed Salesforce REST call into what the client does next:
 * renew the session, report Salesforce as unavailable (and maybe retry a
 * read), or raise the error as a rejected request.
 */
import type { HttpResponse } from 'jsforce/lib/types';

export type FailureKind =
  /** 401 INVALID_SESSION_ID: the access token expired or was revoked. */
  | 'invalid-session'
  /** Timeout, network error, 5xx or REQUEST_LIMIT_EXCEEDED: Salesforce cannot serve the call now. */
  | 'unavailable'
  /** Salesforce responded and rejected the request itself (400 MALFORMED_QUERY, 404, 403 INSUFFICIENT_ACCESS ...). */
  | 'rejected';

export interface Failure {
  kind: FailureKind;
  /** True when sending the same read again may succeed. */
  retryable: boolean;
  status: number | null;
  errorCode: string | null;
  /** Salesforce's message, or the network error's message. */
  detail: string;
}

/** Network error codes (Node.js and node-fetch) that mean Salesforce was not reached. */
const NETWORK_ERROR_NAMES = new Set(['FetchError', 'AbortError', 'TimeoutError']);

export function classifyFailure(error: unknown, response: HttpResponse | null, timedOut: boolean): Failure {
  const errorCode = readErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const status = response?.statusCode ?? null;

  if (timedOut) {
    return { kind: 'unavailable', retryable: false, status, errorCode: 'TIMEOUT', detail };
  }
  if (status === 401 || errorCode === 'INVALID_SESSION_ID') {
    return { kind: 'invalid-session', retryable: false, status, errorCode, detail };
  }
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    // Retrying only spends more of a limit that is already used up.
    return { kind: 'unavailable', retryable: false, status, errorCode, detail };
  }
  if (status !== null && (status >= 500 || status === 429 || status === 420)) {
    return { kind: 'unavailable', retryable: true, status, errorCode, detail };
  }
  if (status === null && error instanceof Error && (NETWORK_ERROR_NAMES.has(error.name) || hasSystemErrorCode(error))) {
    return { kind: 'unavailable', retryable: true, status, errorCode: readSystemErrorCode(error), detail };
  }
  return { kind: 'rejected', retryable: false, status, errorCode, detail };
}

/**
 * Salesforce responded to a request with an error that is not about availability.
 * These are bugs or configuration mistakes (an unknown field, a missing
 * permission), so the gateway logs and masks them.
 */
export class SalesforceRequestError extends Error {
  override readonly name = 'SalesforceRequestError';

  constructor(
    message: string,
    readonly errorCode: string | null,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function readErrorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'errorCode' in error && typeof error.errorCode === 'string') {
    return error.errorCode;
  }
  return null;
}

function hasSystemErrorCode(error: Error): boolean {
  return readSystemErrorCode(error) !== null;
}

function readSystemErrorCode(error: Error): string | null {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}
