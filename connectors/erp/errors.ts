/**
 * Errors for requests the ERP connector cannot run as given. The gateway can
 * report them to the client as bad input. Every other error is unexpected.
 */

/** Base class for invalid request arguments. The message names the value and how to fix it. */
export class ErpRequestError extends Error {
  override name = 'ErpRequestError';
}

/** The `after` position of a page request does not fit the sort field (for example a tampered cursor). */
export class InvalidKeysetError extends ErpRequestError {
  override name = 'InvalidKeysetError';
}

/** A filter value, page size or trend length is outside what the connector accepts. */
export class InvalidFilterError extends ErpRequestError {
  override name = 'InvalidFilterError';
}
