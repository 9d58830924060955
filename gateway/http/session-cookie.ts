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

/** Origin of the request as the client addressed it ("https://portal.example.com"). */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
