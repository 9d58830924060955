/**
 * Parsing of `erp_documents.storage_key`, which the ERP contract defines as
 * either an https URL or a key in the ERP's document store. A store key is
 * read as a relative path of "/"-separated names, and only names that cannot
 * leave the store's directory are accepted.
 */

export type StorageKey =
  | { kind: 'url'; url: URL }
  | { kind: 'path'; segments: string[] }
  | { kind: 'invalid'; reason: string };

/** Maximum length of a storage key in the contract (text of 1,000 characters). */
export const MAX_STORAGE_KEY_LENGTH = 1_000;

/** A URL scheme such as "https:" (RFC 3986, section 3.1). */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Characters no path segment may contain: control characters (NUL ends a
 * path in the C library), the Windows separator "\" and ":", which names an
 * alternate data stream on Windows.
 */
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f\\:]/;

export function parseStorageKey(key: string): StorageKey {
  if (key.length === 0) {
    return { kind: 'invalid', reason: 'the storage key is empty' };
  }
  if (key.length > MAX_STORAGE_KEY_LENGTH) {
    return { kind: 'invalid', reason: `the storage key is longer than ${MAX_STORAGE_KEY_LENGTH} characters` };
  }

  if (SCHEME.test(key)) {
    return parseUrl(key);
  }

  // Leading, trailing or doubled slashes give an empty segment, so an
  // absolute path such as "/etc/passwd" is rejected here as well.
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      return { kind: 'invalid', reason: 'a store key must be a relative path without empty, "." or ".." segments' };
    }
    if (FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { kind: 'invalid', reason: 'a store key must not contain control characters, "\\" or ":"' };
    }
  }
  return { kind: 'path', segments };
}

function parseUrl(key: string): StorageKey {
  let url: URL;
  try {
    url = new URL(key);
  } catch {
    return { kind: 'invalid', reason: 'the storage key starts with a URL scheme but is not a valid URL' };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { kind: 'invalid', reason: `the URL scheme ${url.protocol} is not supported; use https` };
  }
  if (url.username !== '' || url.password !== '') {
    return { kind: 'invalid', reason: 'the URL contains credentials, which the portal does not send' };
  }
  return { kind: 'url', url };
}
