/**
 * File names of downloads. The ERP's `file_name` is shown to customers and
 * sent in Content-Disposition, so it is reduced to a plain name that a
 * browser saves as it is. Directories, control characters and a leading dot
 * are removed. So are characters that reverse the direction of text, which
 * can make "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
 */

/**
 * Maximum length of a name in UTF-16 code units. A longer name is cut
 * before its extension. Common file systems allow 255 bytes per name, and
 * 120 characters of up to two UTF-8 bytes each stay below that.
 */
const MAX_FILE_NAME_LENGTH = 120;

const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"\\*?<>|:]/g;

/** Returns the name a download of the document is saved under; `documentId` names it when nothing usable is left. */
export function safeFileName(fileName: string, documentId: string): string {
  const lastPart = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  let name = lastPart
    .replace(UNSAFE_CHARACTERS, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');

  if (name.length > MAX_FILE_NAME_LENGTH) {
    const extension = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, MAX_FILE_NAME_LENGTH - extension.length) + extension;
  }
  return name === '' ? `document-${documentId}` : name;
}

/**
 * `attachment; filename="SO-100001-confirmation.pdf"`. A name with other
 * characters also gets its exact UTF-8 form in `filename*` (RFC 6266 and
 * RFC 8187), and the plain `filename` has those characters replaced by "_".
 */
export function attachmentDisposition(fileName: string): string {
  if (/^[A-Za-z0-9._-]+$/.test(fileName)) {
    return `attachment; filename="${fileName}"`;
  }

  const fallback = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! as they are, but RFC 8187 allows none of them unencoded.
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
