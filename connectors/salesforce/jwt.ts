/**
 * Signs the assertion of the OAuth 2.0 JWT bearer flow (RFC 7523) as
 * Salesforce expects it: RS256, issuer = connected app consumer key,
 * subject = username, audience = login host, expiry a few minutes ahead.
 */
import { createSign } from 'node:crypto';

/**
 * Lifetime of an assertion, kept under three minutes. NOTE: three minutes is
 * the expiry limit commonly quoted for Salesforce's JWT bearer flow; it was
 * not checked against Salesforce's current documentation.
 */
const LIFETIME_SECONDS = 170;

export function signJwtAssertion(options: {
  clientId: string;
  username: string;
  audience: string;
  privateKeyPem: string;
  now?: Date;
}): string {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT' };
  const claims = { iss: options.clientId, sub: options.username, aud: options.audience, exp: issuedAt + LIFETIME_SECONDS };

  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(options.privateKeyPem).toString('base64url');
  return `${signingInput}.${signature}`;
}

function base64UrlJson(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
