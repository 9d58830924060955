/**
 * Errors that connectors raise for the gateway to translate into public
 * GraphQL error codes. Connectors never build GraphQL errors themselves.
 */

/**
 * A backing system (database, Salesforce, Stripe) did not answer, timed out,
 * refused the call for a limit, or its circuit breaker is open. The gateway
 * reports it as `UPSTREAM_UNAVAILABLE` on the affected fields only.
 */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';

  constructor(
    /** Which system failed, for example "erp" or "salesforce". */
    readonly upstream: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The caller passed a value the backing system cannot accept (too long, of
 * the wrong form). The gateway reports it as `BAD_USER_INPUT`; the message is
 * shown to the user, so it names the field and the limit.
 */
export class ConnectorInputError extends Error {
  override readonly name = 'ConnectorInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
