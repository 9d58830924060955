import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SessionManager } from '../auth/sessions';
import { SESSION_COOKIE_NAME } from '../auth/sessions';
import type { SignedInViewer } from '../auth/viewer';
import { readCookie, writeCookie } from './cookies';

/**
 * Returns the viewer of the request's session cookie, or null. A cookie that
 * no longer opens a session is cleared in the reply, so the browser stops
 * sending it.
 */
export async function viewerFromCookie(
  sessions: SessionManager,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SignedInViewer | null> {
  const resumed = await sessions.resume(sessionToken(request), request.log);
  if (resumed.viewer === null) {
    if (resumed.clearCookie) {
      clearSessionCookie(sessions, reply);
    }
    return null;
  }
  return resumed.viewer;
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return readCookie(request, SESSION_COOKIE_NAME);
}

export function setSessionCookie(sessions: SessionManager, reply: FastifyReply, token: string): void {
  writeCookie(reply, SESSION_COOKIE_NAME, token, sessions.cookieAttributes());
}

export function clearSessionCookie(sessions: SessionManager, reply: FastifyReply): void {
  writeCookie(reply, SESSION_COOKIE_NAME, '', { ...sessions.cookieAttributes(), maxAge: 0 });
}

/**
 * The Host header values that links may be built from: a host name (letters,
 * digits, "-", "_" and dots), an IPv4 address or a bracketed IPv6 address,
 * then an optional port. Anything else, such as
 * "portal.example:80@attacker.example", would let the header choose another
 * host in a link built from it.
 */
const VALID_HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** Maximum length of a DNS host name (253), plus a port. */
const MAX_HOST_LENGTH = 253 + ':65535'.length;

/**
 * Origin of the request as the client addressed it ("https://portal.example.com").
 * When the Host header (or X-Forwarded-Host behind a trusted proxy) is not a
 * valid host and port, the origin is the local address the connection
 * arrived on instead, which the client cannot choose.
 */
export function requestOrigin(request: FastifyRequest): string {
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  const host: string | undefined = request.host;
  const match = host !== undefined && host.length <= MAX_HOST_LENGTH ? VALID_HOST.exec(host) : null;
  if (match !== null && Number(match[1] ?? '0') <= 65_535) {
    return `${protocol}://${host}`;
  }

  const { localAddress = '127.0.0.1', localPort } = request.socket;
  const address = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
  return `${protocol}://${address}${localPort === undefined ? '' : `:${localPort}`}`;
}
