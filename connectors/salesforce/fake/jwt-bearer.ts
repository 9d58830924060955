/**
 * Checks a JWT bearer assertion (RFC 7523) the way Salesforce's token
 * endpoint does: RS256 signature by the connected app's certificate, issuer =
 * consumer key, subject = an existing username, an accepted audience, and an
 * expiry that is in the future but at most a few minutes away.
 */
import { createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';

/** Longest accepted lifetime: the three minutes commonly quoted for Salesforce, plus one minute of clock skew. */
const MAX_LIFETIME_SECONDS = 4 * 60;

export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
}

/** Reads a PEM certificate or public key into a key object. */
export function publicKeyFromPem(pem: string): KeyObject {
  return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

/**
 * Returns the assertion's claims when it is well formed, signed by the key of
 * the app it names, and within its lifetime. Otherwise returns the reason for
 * the error description. `keyFor` looks up an app's key by consumer key.
 */
export function verifyAssertion(
  assertion: string,
  keyFor: (clientId: string) => KeyObject | undefined,
  audiences: readonly string[],
  nowSeconds: number,
): { claims: AssertionClaims } | { reason: string } {
  const parts = assertion.split('.');
  if (parts.length !== 3) {
    return { reason: 'invalid assertion: expected header.claims.signature' };
  }
  const [headerText, claimsText, signatureText] = parts as [string, string, string];

  let header: { alg?: unknown };
  let claims: Partial<AssertionClaims>;
  try {
    header = JSON.parse(Buffer.from(headerText, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(claimsText, 'base64url').toString('utf8')) as Partial<AssertionClaims>;
  } catch {
    return { reason: 'invalid assertion: header or claims are not base64url JSON' };
  }

  if (header.alg !== 'RS256') {
    return { reason: `invalid assertion: algorithm ${String(header.alg)} is not RS256` };
  }
  if (typeof claims.iss !== 'string' || typeof claims.sub !== 'string' || typeof claims.aud !== 'string' || typeof claims.exp !== 'number') {
    return { reason: 'invalid assertion: iss, sub, aud and exp are required' };
  }

  const key = keyFor(claims.iss);
  if (key === undefined) {
    return { reason: `invalid client_id: no connected app with a certificate has consumer key ${claims.iss}` };
  }
  const signed = verify('RSA-SHA256', Buffer.from(`${headerText}.${claimsText}`), key, Buffer.from(signatureText, 'base64url'));
  if (!signed) {
    return { reason: 'invalid assertion: the signature does not match the certificate of the connected app' };
  }

  if (!audiences.includes(claims.aud)) {
    return { reason: `invalid assertion: audience ${claims.aud} is not one of ${audiences.join(', ')}` };
  }
  if (claims.exp <= nowSeconds) {
    return { reason: 'expired assertion' };
  }
  if (claims.exp > nowSeconds + MAX_LIFETIME_SECONDS) {
    return { reason: 'invalid assertion: exp is too far in the future' };
  }
  return { claims: claims as AssertionClaims };
}
