/**
 * Error responses of the Fastify routes, for errors that reach Fastify's
 * error handler: requests rejected before a route handler runs (body parsing,
 * content type, body size) and errors thrown by the non-GraphQL routes.
 *
 * /graphql responds in GraphQL's error format, `{ errors: [{ message,
 * extensions: { code } }] }`, like the errors Apollo raises itself. The other
 * routes respond with `{ code, message }`.
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { UpstreamUnavailableError } from '../../connectors/errors';
import { ErrorCode } from '../errors';

/** Status, public code, message and extra fields of one error response. */
interface ErrorResponse {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, unknown>;
}

/**
 * Error handler for the REST routes (PDF, health, static files). Client
 * errors get a message that names what to fix. Anything else is logged, and
 * the response carries only the request id as a reference, never the message.
 */
export function replyWithError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const response = describeError(error, request, ErrorCode.BAD_USER_INPUT);
  void reply.code(response.status).send({ code: response.code, message: response.message, ...response.extra });
}

/** Error handler for /graphql: the same errors as `replyWithError`, in GraphQL's error format. */
export function replyWithGraphQLError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const response = describeError(error, request, ApolloServerErrorCode.BAD_REQUEST);
  void reply.code(response.status).send({ errors: [{ message: response.message, extensions: { code: response.code, ...response.extra } }] });
}

function describeError(error: FastifyError, request: FastifyRequest, clientErrorCode: string): ErrorResponse {
  if (error instanceof UpstreamUnavailableError) {
    request.log.error({ err: error, upstream: error.upstream }, 'Backing system unavailable');
    return {
      status: 503,
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      message: `A backing system (${error.upstream}) is unavailable right now. Try again in a minute.`,
    };
  }

  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, code: clientErrorCode, message: clientErrorMessage(error, request) };
  }

  request.log.error({ err: error, referenceId: request.id }, 'Unexpected error in an HTTP route; the client sees only the reference id');
  return {
    status: 500,
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: `Internal server error. Quote reference ${request.id} when you contact support.`,
    extra: { referenceId: request.id },
  };
}

/** Fastify's messages for rejected request bodies, rewritten to name the limit or the expected format. */
function clientErrorMessage(error: FastifyError, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is larger than the limit of ${request.routeOptions.bodyLimit.toLocaleString('en-US')} bytes. Send a smaller request, for example with fewer or shorter variables.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Content-Type ${JSON.stringify(shorten(request.headers['content-type'] ?? ''))} is not supported here. Send a JSON body with Content-Type: application/json.`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty. Send a JSON object, such as {"query": "{ viewer { email } }"}.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON. Send a JSON object, such as {"query": "{ viewer { email } }"}.';
    default:
      return error.message;
  }
}

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}
