/**
 * Reading and writing the session cookie (RFC 6265). The portal sets one
 * cookie whose value is base64url, so no value encoding is needed.
 *
 * NOTE: @fastify/cookie 11.1 loads the ESM-only `cookie` package through a
 * dynamic import(). Jest's CommonJS runtime rejects that unless Node runs
 * with --experimental-vm-modules, so these few lines replace the plugin.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CookieAttributes {
  httpOnly: boolean;
  sameSite: 'Lax' | 'Strict';
  path: string;
  secure: boolean;
  /** Lifetime in seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** Returns the value of the first cookie called `name` in the request, if any. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) {
    return undefined;
  }

  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}

export function writeCookie(reply: FastifyReply, name: string, value: string, attributes: CookieAttributes): void {
  const parts = [`${name}=${value}`, `Max-Age=${attributes.maxAge}`, `Path=${attributes.path}`, `SameSite=${attributes.sameSite}`];
  if (attributes.maxAge === 0) {
    parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  if (attributes.httpOnly) {
    parts.push('HttpOnly');
  }
  if (attributes.secure) {
    parts.push('Secure');
  }

  // Fastify adds a header line per call for set-cookie instead of replacing it.
  void reply.header('set-cookie', parts.join('; '));
}
