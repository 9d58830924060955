import { getIntrospectionQuery } from 'graphql';

import { checkDocumentLimits, MAX_DOCUMENT_FRAGMENTS, MAX_DOCUMENT_NESTING } from './document-limits';

function nested(levels: number): string {
  return `{ viewer ${'{ email '.repeat(levels - 1)}${'}'.repeat(levels - 1)} }`;
}

describe('document limits check', () => {
  it('accepts nesting at the limit', () => {
    expect(checkDocumentLimits(nested(MAX_DOCUMENT_NESTING))).toBeNull();
  });

  it('rejects one level more with the limit and the position', () => {
    const error = checkDocumentLimits(nested(MAX_DOCUMENT_NESTING + 1));

    expect(error?.message).toBe(
      'Syntax Error: The document nests braces, brackets and parentheses more than 100 levels deep. Request fewer nested levels, or split the operation into several requests.',
    );
    // "{ viewer " takes columns 1 to 9, and each "{ email " 8 more.
    expect(error?.locations).toEqual([{ line: 1, column: 10 + 8 * (MAX_DOCUMENT_NESTING - 1) }]);
  });

  it('rejects 5,000 levels without recursion', () => {
    expect(checkDocumentLimits(nested(5_000))).not.toBeNull();
  });

  it('counts brackets and parentheses too', () => {
    const list = `${'['.repeat(MAX_DOCUMENT_NESTING)}1${']'.repeat(MAX_DOCUMENT_NESTING)}`;
    expect(checkDocumentLimits(`{ invoicesByNumber(numbers: ${list}) { number } }`)).not.toBeNull();
  });

  it('ignores braces inside strings and comments', () => {
    const text = '{'.repeat(500);
    expect(checkDocumentLimits(`{ invoice(number: "${text}") { number } } # ${text}`)).toBeNull();
  });

  it('rejects a document with too many fragments', () => {
    const chain = (count: number): string =>
      `{ viewer { ...F0 } } ${Array.from({ length: count - 1 }, (_, index) => `fragment F${index} on Viewer { ...F${index + 1} }`).join('\n')} fragment F${count - 1} on Viewer { email }`;

    expect(checkDocumentLimits(chain(MAX_DOCUMENT_FRAGMENTS))).toBeNull();
    expect(checkDocumentLimits(chain(MAX_DOCUMENT_FRAGMENTS + 1))?.message).toBe(
      'Syntax Error: The document defines more than 500 fragments. Use fewer fragments, or split the operation into several requests.',
    );
  });

  it('leaves other syntax errors to the parser', () => {
    expect(checkDocumentLimits('{ invoice(number: "unterminated) }')).toBeNull();
  });

  it('accepts the introspection query', () => {
    expect(checkDocumentLimits(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBeNull();
  });
});
