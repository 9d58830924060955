/** A query the fake rejects, with the errorCode Salesforce uses for it (HTTP 400). */
export class SoqlError extends Error {
  override readonly name = 'SoqlError';

  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE',
    message: string,
  ) {
    super(message);
  }
}

export function malformed(message: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', message);
}

/** Returns the error for SOQL that the fake does not implement, which it rejects rather than run wrongly. */
export function unsupported(feature: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', `The fake Salesforce server does not support ${feature}.`);
}
