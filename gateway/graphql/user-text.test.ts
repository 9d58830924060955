import { GraphQLError } from 'graphql';

import { checkUserText, type UserTextRules } from './user-text';

const SUBJECT: UserTextRules = { argumentName: 'input.subject', maxLength: 255, multiline: false };
const BODY: UserTextRules = { argumentName: 'body', maxLength: 4_000, multiline: true };

function rejection(text: string, rules: UserTextRules): { message: string; extensions: unknown } {
  try {
    checkUserText(text, rules);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { message: (error as GraphQLError).message, extensions: (error as GraphQLError).extensions };
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('user text check', () => {
  it('trims white space and invisible characters at both ends', () => {
    expect(checkUserText(' \u00A0\u200BDamaged carton\u2060\uFEFF\n', SUBJECT)).toBe('Damaged carton');
  });

  it('keeps emoji sequences, right-to-left text and marks inside', () => {
    const text = 'Family \u{1F468}\u200D\u{1F469}\u200D\u{1F467} \u05E9\u05DC\u05D5\u05DD \u200F(RLM)';
    expect(checkUserText(text, SUBJECT)).toBe(text);
  });

  it.each([
    ['empty', ''],
    ['white space', ' \t\n '],
    ['a zero-width space', '\u200B'],
    ['non-breaking and zero-width spaces', '\u00A0\u200C\u200D\u2060\uFEFF'],
  ])('rejects %s as empty', (_label, text) => {
    expect(rejection(text, SUBJECT)).toEqual({
      message: 'input.subject must not be empty or only white space.',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'input.subject' },
    });
  });

  it.each([
    ['NUL', 'Broken\u0000subject', 'U+0000 at index 6'],
    ['ESC', 'Invoice \u001b[31mred', 'U+001B at index 8'],
    ['BEL', 'Ring\u0007', 'U+0007 at index 4'],
    ['DEL', 'A\u007FB', 'U+007F at index 1'],
    ['a C1 control', 'A\u0085B', 'U+0085 at index 1'],
  ])('rejects %s in every field', (_label, text, where) => {
    expect(rejection(text, SUBJECT).message).toBe(
      `input.subject contains the control character ${where}. Remove it; this field is one line of text without control characters.`,
    );
    expect(rejection(text, BODY).message).toBe(
      `body contains the control character ${where}. Remove it; tab, line feed and carriage return are the only control characters allowed.`,
    );
  });

  it('allows tab and line breaks only in multi-line fields', () => {
    expect(checkUserText('Line one\r\n\tLine two', BODY)).toBe('Line one\r\n\tLine two');
    expect(rejection('Line one\nLine two', SUBJECT).message).toContain('U+000A at index 8');
    expect(rejection('Tab\there', SUBJECT).message).toContain('U+0009 at index 3');
    expect(rejection('One\u2028two', SUBJECT).message).toBe(
      'input.subject contains the line or paragraph separator U+2028 at index 3. Remove it; this field is one line of text.',
    );
  });

  it.each([
    ['a lone high surrogate', 'Half \uD800 emoji', 'U+D800 at index 5'],
    ['a lone low surrogate', '\uDC00x', 'U+DC00 at index 0'],
    ['a swapped pair', 'x\uDE00\uD83D', 'U+DE00 at index 1'],
  ])('rejects %s', (_label, text, where) => {
    expect(rejection(text, BODY).message).toBe(
      `body contains an unpaired UTF-16 surrogate (${where}), which is not valid Unicode text. Check how the client encodes the text.`,
    );
  });

  it.each([
    ['right-to-left override', 'invoice\u202Efdp.exe', 'U+202E at index 7'],
    ['left-to-right embedding', '\u202Atext', 'U+202A at index 0'],
    ['first strong isolate', 'a\u2068b\u2069', 'U+2068 at index 1'],
  ])('rejects the bidirectional control %s', (_label, text, where) => {
    expect(rejection(text, SUBJECT).message).toBe(
      `input.subject contains the bidirectional formatting character ${where}, which can make the text display in another order than it is stored. Remove it.`,
    );
  });

  it('checks the length after trimming', () => {
    expect(checkUserText(`  ${'x'.repeat(255)}  `, SUBJECT)).toHaveLength(255);
    expect(rejection('x'.repeat(256), SUBJECT).message).toBe('input.subject must be at most 255 characters after trimming, got 256.');
  });

  it('trims a long run of blanks in linear time', () => {
    const started = Date.now();
    expect(rejection(`x${' '.repeat(1_000_000)}y`, BODY).message).toContain('must be at most 4,000 characters');
    expect(checkUserText(`${' '.repeat(1_000_000)}y${' '.repeat(1_000_000)}`, BODY)).toBe('y');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
