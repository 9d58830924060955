/**
 * Errors of the document file sources. Messages are written for the
 * operator's log: they may contain the storage key, which the gateway never
 * sends to a client.
 */

/**
 * Reason a document's file cannot be served.
 * - NOT_CONFIGURED: no store is set up for this kind of storage key, or the
 *   URL's host is not allowed. `settings` names the variables to set.
 * - INVALID_KEY: the storage key is malformed or points outside the store.
 * - NOT_FOUND: the store has no file under the key.
 */
export type DocumentFileProblem = 'NOT_CONFIGURED' | 'INVALID_KEY' | 'NOT_FOUND';

export class DocumentFileError extends Error {
  override readonly name = 'DocumentFileError';

  constructor(
    readonly problem: DocumentFileProblem,
    message: string,
    /** Environment variables an operator must set, for NOT_CONFIGURED. */
    readonly settings: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
