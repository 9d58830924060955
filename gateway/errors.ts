/**
 * Public error codes of the GraphQL API and the masking of unexpected errors.
 *
 * Clients branch on `extensions.code`, never on message text. Every error the
 * gateway raises on purpose carries one of the codes below. Anything else (a
 * bug, a driver error with SQL in it) reaches the client only as
 * INTERNAL_SERVER_ERROR with a reference id under which the original is logged.
 */
import { randomUUID } from 'node:crypto';

import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { BaseLogger } from 'pino';

/** The logging a caller must provide: pino's, Fastify's request logger or a child of either. */
type ErrorLogger = Pick<BaseLogger, 'error'>;

import { ErpRequestError, InvalidKeysetError } from '../connectors/erp/errors';
import { ConnectorInputError, UpstreamUnavailableError } from '../connectors/errors';

export enum ErrorCode {
  /** No session, or the session expired or was revoked; also a failed sign-in. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The viewer's role lacks the permission a field needs. */
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** Too many failed sign-ins. `extensions.retryAfterSeconds` gives the seconds to wait. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** A backing system (the ERP database, Salesforce) is unavailable or timed out. */
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  /**
   * The feature the field belongs to is off in the gateway's configuration;
   * `extensions.missingSettings` names the settings an operator must set.
   * Not BAD_USER_INPUT, because no change to the request can fix it, and
   * clients hide the feature on this code instead of showing an input error.
   */
  NOT_CONFIGURED = 'NOT_CONFIGURED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * Codes that Apollo Server and graphql-js put on errors about the request
 * itself (syntax, validation, variable coercion). They describe the client's
 * mistake and contain no server internals, so they pass through unchanged.
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const PUBLIC_CODES: ReadonlySet<string> = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/** Creates a GraphQL error with a public code and optional extra extensions. */
export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export function unauthenticated(message = 'Sign in to use this field: no valid session cookie was sent.'): GraphQLError {
  return codedError(ErrorCode.UNAUTHENTICATED, message);
}

export function forbidden(permission: string, role: string): GraphQLError {
  return codedError(
    ErrorCode.FORBIDDEN,
    `The ${role} role does not include the permission "${permission}". Ask your company's portal administrator for access.`,
    { permission },
  );
}

/** Creates the error for a client mistake in an argument or input field, which `argumentName` names. */
export function badUserInput(message: string, argumentName: string): GraphQLError {
  return codedError(ErrorCode.BAD_USER_INPUT, message, { argumentName });
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return codedError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
}

export function notConfigured(message: string, missingSettings: readonly string[]): GraphQLError {
  return codedError(ErrorCode.NOT_CONFIGURED, message, { missingSettings: [...missingSettings] });
}

export function upstreamUnavailable(upstream: string): GraphQLError {
  return codedError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `A backing system (${upstream}) is unavailable right now. Try again in a minute; the rest of the response is still valid.`,
    { upstream },
  );
}

/** True for errors that the gateway or Apollo raised on purpose, whose message is safe to show. */
export function isPublicError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) {
    return false;
  }

  // graphql-js wraps what a resolver throws; only a GraphQLError thrown on
  // purpose (or none at all, for parse and validation errors) is public.
  const original = error.originalError;
  if (original !== undefined && original !== null && !(original instanceof GraphQLError)) {
    return false;
  }

  const code = error.extensions['code'];
  return typeof code === 'string' && (PUBLIC_CODES.has(code) || REQUEST_ERROR_CODES.has(code));
}

/**
 * Translates the errors that connectors raise on purpose into public errors,
 * or returns null for anything else. Connectors throw plain errors and never
 * build GraphQL errors, so the translation happens here, once, for every
 * field.
 */
export function translateConnectorError(error: unknown): GraphQLError | null {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UpstreamUnavailableError) {
    return upstreamUnavailable(original.upstream);
  }
  if (original instanceof ConnectorInputError) {
    return badUserInput(original.message, original.field);
  }
  // The ERP connector checks page positions and filters again; its messages
  // name the value and are written for the client.
  if (original instanceof InvalidKeysetError) {
    return badUserInput(original.message, 'after');
  }
  if (original instanceof ErpRequestError) {
    return badUserInput(original.message, 'filter');
  }
  return null;
}

/**
 * Remembers, for each unexpected error, the id of the request it happened in,
 * so that the log line and the masked message carry the same reference.
 * Errors are keyed by the thrown object: a failed DataLoader batch rejects
 * every field of the batch with one error, which is logged once.
 */
export class ErrorReferences {
  private readonly references = new WeakMap<object, string>();

  /** Logs an error from GraphQL execution, once, and remembers its reference id. */
  record(error: GraphQLError, referenceId: string, logger: ErrorLogger): void {
    if (isPublicError(error)) {
      return;
    }

    const original: unknown = error.originalError ?? error;
    const key = typeof original === 'object' && original !== null ? original : error;
    if (this.references.has(key)) {
      return;
    }
    this.references.set(key, referenceId);

    if (original instanceof UpstreamUnavailableError) {
      logger.error({ err: original, upstream: original.upstream, path: error.path }, 'Backing system unavailable; the field fails with UPSTREAM_UNAVAILABLE');
    } else if (!(original instanceof ConnectorInputError) && !(original instanceof ErpRequestError)) {
      logger.error(
        { err: original, referenceId, path: error.path },
        'Unexpected error while resolving a GraphQL request; the client sees only the reference id',
      );
    }
  }

  /**
   * Builds Apollo's `formatError`: public errors pass through without any
   * stack trace, connector errors become their public codes, and everything
   * else becomes INTERNAL_SERVER_ERROR with a reference id. An error that no
   * request recorded (for example one thrown while building the request
   * context) is logged here under a new reference id.
   */
  formatError(logger: ErrorLogger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
    return (formatted, error) => {
      const location = {
        ...(formatted.path === undefined ? {} : { path: formatted.path }),
        ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      };

      if (isPublicError(error)) {
        return { ...formatted, extensions: withoutInternals(formatted.extensions) };
      }

      const translated = translateConnectorError(error);
      if (translated !== null) {
        return { message: translated.message, ...location, extensions: { ...translated.extensions } };
      }

      const original: unknown = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      let referenceId = typeof original === 'object' && original !== null ? this.references.get(original) : undefined;
      if (referenceId === undefined) {
        referenceId = randomUUID();
        logger.error({ err: original, referenceId }, 'Unexpected error outside GraphQL execution; the client sees only the reference id');
      }

      return {
        message: `Internal server error. Quote reference ${referenceId} when you contact support.`,
        ...location,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, referenceId },
      };
    };
  }
}

function withoutInternals(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const { stacktrace: _stacktrace, exception: _exception, ...rest } = extensions ?? {};
  return rest;
}
