/**
 * MIME types of downloads. The ERP's `content_type` goes into a response
 * header, so only a plain "type/subtype" with an optional charset passes;
 * anything else is served as application/octet-stream.
 */

/** RFC 9110 token characters, as used in type, subtype and parameter names. */
const TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
const MEDIA_TYPE = new RegExp(`^(${TOKEN}/${TOKEN})(?:\\s*;\\s*charset=("?)([A-Za-z0-9._-]{1,40})\\2)?$`);

export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function safeContentType(contentType: string): string {
  const match = MEDIA_TYPE.exec(contentType.trim());
  if (match === null || contentType.length > 100) {
    return FALLBACK_CONTENT_TYPE;
  }

  const mediaType = (match[1] ?? '').toLowerCase();
  const charset = match[3];
  return charset === undefined ? mediaType : `${mediaType}; charset=${charset.toLowerCase()}`;
}
