/**
 * The one place that builds the urql client, and the mapping from urql's
 * CombinedError to the error codes that the UI branches on.
 */
import { Client, cacheExchange, fetchExchange, type CombinedError } from 'urql';

/**
 * Builds a client for the gateway on the same origin.
 *
 * Queries go out as POST because Apollo Server's CSRF prevention rejects a GET
 * without a preflight header, and urql would otherwise send short queries as GET.
 * The session is an HttpOnly cookie, so requests carry same-origin credentials.
 */
export function createPortalClient(): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [cacheExchange, fetchExchange],
  });
}

/**
 * Error codes the UI reacts to. The gateway's codes arrive in
 * `extensions.code`. NETWORK covers a request that got no GraphQL response,
 * and UNKNOWN covers INTERNAL_SERVER_ERROR and any code this client does not
 * handle.
 */
export type PortalErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'NOT_FOUND'
  | 'UPSTREAM_UNAVAILABLE'
  | 'NOT_CONFIGURED'
  | 'NETWORK'
  | 'UNKNOWN';

export interface PortalError {
  code: PortalErrorCode;
  /**
   * Text for the user. The gateway masks unexpected errors, so its messages
   * are safe to show. An INTERNAL_SERVER_ERROR message carries the reference
   * id that support needs.
   */
  message: string;
  /** Response path of the GraphQL error, when the error came from one field. */
  path?: readonly (string | number)[];
  /** For BAD_USER_INPUT: the argument or input field at fault, for example "input.subject". */
  argumentName?: string;
}

const SERVER_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'NOT_FOUND',
  'UPSTREAM_UNAVAILABLE',
  'NOT_CONFIGURED',
]);

const NETWORK_MESSAGE = 'The portal could not be reached. Check your connection and try again.';
const UNKNOWN_MESSAGE = 'Something went wrong on the server. Try again in a moment.';

// UNAUTHENTICATED wins over every other code because it sends the user to
// sign-in whatever else went wrong in the same response.
const CODE_PRIORITY: readonly PortalErrorCode[] = [
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UPSTREAM_UNAVAILABLE',
  'NOT_CONFIGURED',
  'UNKNOWN',
];

/** Converts each GraphQL error of a CombinedError, or its network error, into a coded error. */
export function toPortalErrors(error: CombinedError): PortalError[] {
  if (error.networkError) {
    return [{ code: 'NETWORK', message: NETWORK_MESSAGE }];
  }

  return error.graphQLErrors.map((graphQLError) => {
    const extensions = graphQLError.extensions ?? {};
    const serverCode = extensions['code'];
    const code: PortalErrorCode =
      typeof serverCode === 'string' && SERVER_CODES.has(serverCode) ? (serverCode as PortalErrorCode) : 'UNKNOWN';
    const coded: PortalError = { code, message: graphQLError.message || UNKNOWN_MESSAGE };

    if (graphQLError.path) {
      coded.path = graphQLError.path;
    }
    const argumentName = extensions['argumentName'];
    if (typeof argumentName === 'string') {
      coded.argumentName = argumentName;
    }
    return coded;
  });
}

/**
 * Picks the one error a page should react to: UNAUTHENTICATED first, then
 * the other codes in order of how much they block the user.
 */
export function toPortalError(error: CombinedError): PortalError {
  const errors = toPortalErrors(error);
  for (const code of CODE_PRIORITY) {
    const found = errors.find((candidate) => candidate.code === code);
    if (found) {
      return found;
    }
  }
  return errors[0] ?? { code: 'UNKNOWN', message: UNKNOWN_MESSAGE };
}

/**
 * Returns the coded errors whose response path starts with `path`, for a page
 * that renders the rest of a partial result, for example
 * `errorsAtPath(error, ['dashboard', 'invoices'])`.
 */
export function errorsAtPath(error: CombinedError | undefined, path: readonly (string | number)[]): PortalError[] {
  if (!error) {
    return [];
  }
  return toPortalErrors(error).filter(
    (candidate) => candidate.path !== undefined && path.every((segment, index) => candidate.path?.[index] === segment),
  );
}

/** Text shown where the viewer's role lacks a permission, for example "Your role does not include invoices." */
export function forbiddenMessage(subject: string): string {
  return `Your role does not include ${subject}.`;
}
