/**
 * Builds SOQL text safely. Values are never interpolated raw: strings go
 * through `quote` or `likeContains`, datetimes through `dateTimeLiteral`,
 * and field names come only from code or from configuration that
 * `EnvReader.apiName` has checked.
 *
 * Escape sequences follow the SOQL reference ("Quoted String Escape
 * Sequences"). Backslash, single and double quote, newline, carriage return,
 * tab, backspace and form feed are escaped. Inside LIKE, `\%` and `\_` match
 * a literal percent sign and underscore.
 */

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function escapeText(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (character) => ESCAPES[character] ?? character);
}

/** Returns a SOQL string literal: `O'Brien` becomes `'O\'Brien'`. */
export function quote(value: string): string {
  return `'${escapeText(value)}'`;
}

/** Returns a LIKE pattern that matches `value` literally anywhere in the field (SOQL LIKE ignores case). */
export function likeContains(value: string): string {
  const escaped = escapeText(value).replace(/[%_]/g, (character) => `\\${character}`);
  return `'%${escaped}%'`;
}

/** Returns a parenthesized list of string literals for IN. */
export function quotedList(values: readonly string[]): string {
  return `(${values.map(quote).join(', ')})`;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?Z$/;

/**
 * Returns a SOQL dateTime literal (unquoted) for an ISO 8601 UTC instant, or null
 * when the text is not one. Whole seconds use the documented form
 * `2026-03-01T09:30:00Z`; other instants keep their milliseconds.
 */
export function dateTimeLiteral(iso: string): string | null {
  const match = ISO_INSTANT.exec(iso);
  if (match === null || Number.isNaN(Date.parse(iso))) {
    return null;
  }

  const [, seconds, fraction] = match;
  const milliseconds = (fraction ?? '').padEnd(3, '0');
  // NOTE: the SOQL reference lists only whole-second dateTime literals; the
  // fractional form is used only for instants that carry milliseconds.
  return milliseconds === '000' ? `${seconds}Z` : `${seconds}.${milliseconds}Z`;
}

/**
 * Converts the dateTime text the REST API returns ("2026-03-01T09:30:00.000+0000")
 * into ISO 8601 UTC ("2026-03-01T09:30:00.000Z").
 */
export function toIsoInstant(value: string): string {
  const milliseconds = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(milliseconds)) {
    throw new Error(`Salesforce returned an invalid dateTime ${JSON.stringify(value)}; expected a value such as "2026-03-01T09:30:00.000+0000".`);
  }
  return new Date(milliseconds).toISOString();
}
