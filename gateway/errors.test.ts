import { GraphQLError } from 'graphql';

import { InvalidKeysetError } from '../connectors/erp';
import { ConnectorInputError, UpstreamUnavailableError } from '../connectors/errors';
import { ErrorCode, ErrorReferences, forbidden } from './errors';

/** Creates a logger that stores the records it receives. */
function captureLogger() {
  const records: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    records,
    error(fields: Record<string, unknown>, message: string) {
      records.push({ fields, message });
    },
  };
}

/** Builds the error that graphql-js makes when a resolver throws `original`. */
function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['invoices'], originalError: original });
}

function format(references: ErrorReferences, error: GraphQLError, logger = captureLogger()) {
  const formatted = { message: error.message, path: error.path, extensions: { ...error.extensions, stacktrace: ['at secret.ts:1'] } };
  return references.formatError(logger as never)(formatted, error);
}

describe('formatError', () => {
  it('passes coded errors through without a stack trace', () => {
    const error = resolverError(forbidden('invoices:read', 'STANDARD'));

    expect(format(new ErrorReferences(), error)).toEqual({
      message: 'The STANDARD role does not include the permission "invoices:read". Ask your company\'s portal administrator for access.',
      path: ['invoices'],
      extensions: { code: 'FORBIDDEN', permission: 'invoices:read' },
    });
  });

  it('passes Apollo request errors through', () => {
    const error = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(format(new ErrorReferences(), error).extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('reports an unavailable upstream as UPSTREAM_UNAVAILABLE', () => {
    const error = resolverError(new UpstreamUnavailableError('erp', 'connect ECONNREFUSED 10.0.0.5:5432'));
    const formatted = format(new ErrorReferences(), error);

    expect(formatted.extensions).toEqual({ code: ErrorCode.UPSTREAM_UNAVAILABLE, upstream: 'erp' });
    expect(formatted.message).toBe('A backing system (erp) is unavailable right now. Try again in a minute; the rest of the response is still valid.');
    expect(formatted.message).not.toContain('10.0.0.5');
  });

  it('reports connector input errors as BAD_USER_INPUT', () => {
    const tooLong = format(new ErrorReferences(), resolverError(new ConnectorInputError('subject', 'subject must be at most 80 characters for Salesforce.')));
    expect(tooLong.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'subject' });

    const keyset = format(new ErrorReferences(), resolverError(new InvalidKeysetError('Invalid page position.')));
    expect(keyset.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });

  it('masks anything else under the recorded request id', () => {
    const references = new ErrorReferences();
    const logger = captureLogger();
    const error = resolverError(new Error('SQLITE_ERROR: no such column "secret" in SELECT * FROM erp_invoices'));

    references.record(error, 'request-1', logger as never);
    const formatted = format(references, error);

    expect(formatted).toEqual({
      message: 'Internal server error. Quote reference request-1 when you contact support.',
      path: ['invoices'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', referenceId: 'request-1' },
    });
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]!.fields['referenceId']).toBe('request-1');
  });

  it('masks an unrecorded error under a new reference that it logs', () => {
    const logger = captureLogger();
    const formatted = format(new ErrorReferences(), resolverError(new TypeError('Cannot read properties of undefined')), logger);
    const referenceId = formatted.extensions?.['referenceId'];

    expect(referenceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logger.records[0]!.fields['referenceId']).toBe(referenceId);
  });

  it('masks a GraphQLError that carries a public code but wraps a foreign error', () => {
    // A library error that happens to copy a code must not leak its message.
    const foreign = Object.assign(new Error('password authentication failed for user "portal"'), { extensions: { code: 'FORBIDDEN' } });
    const formatted = format(new ErrorReferences(), resolverError(foreign));

    expect(formatted.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
  });
});
