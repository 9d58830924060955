import pino from 'pino';
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';

/**
 * Paths that pino replaces with "[redacted]", so that a logged request or
 * reply does not show its session cookie or credentials.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
];

/** The parts of a Fastify request that the request log lines show. */
interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * Serializer for the `req` field that Fastify logs with "incoming request".
 * It replaces Fastify's own, which logs the whole URL: the query string of a
 * GraphQL GET carries its variables, and with them any password or token.
 */
export function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  const queryStart = request.url.indexOf('?');
  return {
    method: request.method,
    url: queryStart === -1 ? request.url : `${request.url.slice(0, queryStart)}?[redacted]`,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Creates the process logger: JSON lines on stdout, or on `destination` (tests capture it there). */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
    base: { service: 'rover-portal-gateway' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
