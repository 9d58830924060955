/**
 * Opaque global ids: base64url of "<TypeName>:<source id>", for example
 * "Invoice:123". Clients use them as cache keys only; the API has no field
 * that takes one, so a guessed or foreign id opens nothing.
 */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

/** Splits a global id back into type name and source id, or returns null when it is not one. */
export function fromGlobalId(globalId: string): { typeName: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) {
    return null;
  }

  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = text.indexOf(':');
  if (separator <= 0 || separator === text.length - 1) {
    return null;
  }
  return { typeName: text.slice(0, separator), id: text.slice(separator + 1) };
}
