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

/** Creates the process logger: JSON lines on stdout, or on `destination` (tests capture it there). */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'rover-portal-gateway' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
