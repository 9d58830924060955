/**
 * Turns the literal of a WHERE condition (as soql-parser-js returns it,
 * with quotes and escapes still in place) into a stored value, checking
 * that its type fits the field the way Salesforce does.
 */
import { isSalesforceId, toId18 } from '../../salesforce-id';
import type { StoredValue } from '../org';
import type { FieldDef } from '../schema';
import { malformed, unsupported } from './errors';
import { isIdLike, isText } from './values';

/** One piece of an unescaped string: literal text, or a LIKE wildcard. */
type Piece = { text: string } | { wildcard: '%' | '_' };

/** Letter escapes; SOQL accepts each in either case (\n or \N). */
const LETTER_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

const DATETIME_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the value of a literal compared with `field` by =, !=, <, >, IN and the like. */
export function compileValue(field: FieldDef, path: string, literalType: string | undefined, raw: string): StoredValue {
  switch (literalType) {
    case 'NULL':
      return null;

    case 'STRING': {
      if (!isText(field.type)) {
        throw malformed(`value of filter criterion for field '${path}' must be of type ${field.type} and should not be enclosed in quotes`);
      }
      const text = joinPieces(unescape(raw, false));
      if (isIdLike(field.type)) {
        if (!isSalesforceId(text)) {
          throw malformed(`invalid ID field: ${text}`);
        }
        return toId18(text);
      }
      return text;
    }

    case 'BOOLEAN':
      requireType(field, path, 'boolean');
      return raw.toUpperCase() === 'TRUE';

    case 'INTEGER':
    case 'DECIMAL':
      requireType(field, path, 'int');
      return Number(raw);

    case 'DATE':
      requireType(field, path, 'date');
      if (!DATE_LITERAL.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
        throw malformed(`invalid date: ${raw}`);
      }
      return raw;

    case 'DATETIME': {
      requireType(field, path, 'datetime');
      const epochMs = Date.parse(raw);
      if (!DATETIME_LITERAL.test(raw) || Number.isNaN(epochMs)) {
        throw malformed(`invalid dateTime: ${raw}`);
      }
      return epochMs;
    }

    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      throw unsupported(`date literals such as ${raw}`);

    default:
      throw unsupported(`${literalType ?? 'untyped'} literals (${raw})`);
  }
}

/** Compiles a LIKE pattern into an anchored, case-insensitive regular expression. */
export function compileLikePattern(field: FieldDef, path: string, literalType: string | undefined, raw: string): RegExp {
  if (literalType !== 'STRING') {
    throw malformed(`LIKE on field '${path}' needs a quoted string pattern, got ${raw}`);
  }
  if (!isText(field.type) || isIdLike(field.type)) {
    throw malformed(`invalid operator on id field or non-text field '${path}': LIKE`);
  }

  const source = unescape(raw, true).map(likePieceToRegex).join('');
  return new RegExp(`^${source}$`, 'is');
}

/** Splits a quoted SOQL string into text and (outside LIKE, forbidden) wildcards, resolving escapes. */
function unescape(raw: string, like: boolean): Piece[] {
  if (raw.length < 2 || !raw.startsWith("'") || !raw.endsWith("'")) {
    throw malformed(`expected a quoted string, got ${raw}`);
  }

  const pieces: Piece[] = [];
  let text = '';
  const body = raw.slice(1, -1);

  for (let index = 0; index < body.length; index += 1) {
    const character = body.charAt(index);
    if (like && (character === '%' || character === '_')) {
      pieces.push({ text }, { wildcard: character });
      text = '';
      continue;
    }
    if (character !== '\\') {
      text += character;
      continue;
    }

    index += 1;
    const escaped = body.charAt(index);
    const letter = LETTER_ESCAPES[escaped.toLowerCase()];
    if (letter !== undefined) {
      text += letter;
    } else if (escaped === '"' || escaped === "'" || escaped === '\\') {
      text += escaped;
    } else if (escaped === 'u') {
      const hex = body.slice(index + 1, index + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw malformed(`invalid unicode escape \\u${hex} in ${raw}`);
      }
      text += String.fromCharCode(Number.parseInt(hex, 16));
      index += 4;
    } else if (like && (escaped === '%' || escaped === '_')) {
      text += escaped;
    } else {
      throw malformed(`invalid escape sequence \\${escaped} in ${raw}`);
    }
  }

  pieces.push({ text });
  return pieces;
}

function likePieceToRegex(piece: Piece): string {
  if ('text' in piece) {
    return piece.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return piece.wildcard === '%' ? '.*' : '.';
}

function joinPieces(pieces: Piece[]): string {
  return pieces.map((piece) => ('text' in piece ? piece.text : piece.wildcard)).join('');
}

function requireType(field: FieldDef, path: string, type: FieldDef['type']): void {
  if (field.type !== type) {
    const quoted = isText(field.type) ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    throw malformed(`value of filter criterion for field '${path}' must be of type ${field.type} and ${quoted}`);
  }
}
