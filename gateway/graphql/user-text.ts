/**
 * Checks for free text that customers write and support staff read later
 * (ticket subjects, descriptions and comments), whichever system stores it.
 */
import { badUserInput } from '../errors';

export interface UserTextRules {
  /** Argument or input field path, such as "input.subject", used in messages and as `argumentName`. */
  argumentName: string;
  /** Maximum length after trimming, in UTF-16 code units as JavaScript and SQL Server's nvarchar count it, so an emoji counts as two. */
  maxLength: number;
  /** Whether tab, line feed and carriage return are allowed (a description), or the text is one line (a subject). */
  multiline: boolean;
}

/**
 * One character of white space, or of the invisible characters that
 * String.prototype.trim keeps: zero-width space, non-joiner and joiner, word
 * joiner, Mongolian vowel separator. All of them are single UTF-16 code units.
 */
const BLANK = /^[\s\u200B-\u200D\u2060\u180E]$/;

/**
 * Code points rejected in every text. Control characters (C0, DEL and C1)
 * are rejected, except tab and line breaks in multi-line texts. Unpaired
 * UTF-16 surrogates are not valid Unicode, and SQLite stores each as U+FFFD.
 * The bidirectional embedding, override and isolate controls (U+202A to
 * U+202E, U+2066 to U+2069) can make a text display in another order than it
 * is stored. One-line texts also reject the line and paragraph separators.
 */
const REJECTED_IN_MULTILINE = /(?![\t\n\r])\p{Cc}|\p{Cs}|[\u202A-\u202E\u2066-\u2069]/u;
const REJECTED_IN_ONE_LINE = /\p{Cc}|\p{Cs}|[\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/**
 * Trims white space and invisible characters from both ends of `text` and
 * checks the rest; returns the trimmed text or throws BAD_USER_INPUT naming
 * `rules.argumentName`.
 */
export function checkUserText(text: string, rules: UserTextRules): string {
  const { argumentName, maxLength } = rules;
  const trimmed = trimBlanks(text);

  if (trimmed.length === 0) {
    throw badUserInput(`${argumentName} must not be empty or only white space.`, argumentName);
  }
  if (trimmed.length > maxLength) {
    throw badUserInput(
      `${argumentName} must be at most ${maxLength.toLocaleString('en-US')} characters after trimming, got ${trimmed.length.toLocaleString('en-US')}.`,
      argumentName,
    );
  }

  const rejected = (rules.multiline ? REJECTED_IN_MULTILINE : REJECTED_IN_ONE_LINE).exec(trimmed);
  if (rejected !== null) {
    throw badUserInput(`${argumentName} ${describeRejected(rejected[0], rejected.index, rules.multiline)}`, argumentName);
  }
  return trimmed;
}

/**
 * Removes BLANK characters from both ends. A loop rather than a regular
 * expression such as /\s+$/, which takes quadratic time on a long run of
 * blanks followed by another character.
 */
function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && BLANK.test(text.charAt(start))) {
    start += 1;
  }
  while (end > start && BLANK.test(text.charAt(end - 1))) {
    end -= 1;
  }
  return text.slice(start, end);
}

/** Describes a rejected character for the error message: what it is, where it is and what to do. */
function describeRejected(character: string, index: number, multiline: boolean): string {
  const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const where = `${codePoint} at index ${index}`;

  if (/\p{Cs}/u.test(character)) {
    return `contains an unpaired UTF-16 surrogate (${where}), which is not valid Unicode text. Check how the client encodes the text.`;
  }
  if (/\p{Cc}/u.test(character)) {
    return multiline
      ? `contains the control character ${where}. Remove it; tab, line feed and carriage return are the only control characters allowed.`
      : `contains the control character ${where}. Remove it; this field is one line of text without control characters.`;
  }
  if (character === '\u2028' || character === '\u2029') {
    return `contains the line or paragraph separator ${where}. Remove it; this field is one line of text.`;
  }
  return `contains the bidirectional formatting character ${where}, which can make the text display in another order than it is stored. Remove it.`;
}
