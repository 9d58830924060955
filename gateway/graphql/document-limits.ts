/**
 * Limits on the GraphQL document text, checked before graphql-js parses it.
 *
 * graphql-js 16 parses nested braces, brackets and parentheses by recursion,
 * so 5,000 nested selection sets overflow the call stack ("Maximum call stack
 * size exceeded"). Validation recurses along chains of fragment spreads in
 * the same way, in graphql-js's NoFragmentCyclesRule and in the depth and
 * cost rules. The scan here uses the graphql-js lexer, which does not
 * recurse, and rejects such documents with a message that names the limit.
 */
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * Apollo passes this to graphql-js as `parseOptions.maxTokens`. It is well
 * above the largest document the web client sends, and high enough for a
 * status filter that lists 40,000 values (the resolvers remove duplicates).
 */
export const MAX_DOCUMENT_TOKENS = 50_000;

/**
 * Braces, brackets and parentheses open at once. Fields may nest 12 levels
 * (depth-limit.ts) and graphql-js's introspection query nests 10, so this
 * only rejects documents that no depth-limited operation needs.
 */
export const MAX_DOCUMENT_NESTING = 100;

/**
 * Fragment definitions in one document, which bounds the longest chain of
 * spreads. The web client's documents define none, and graphql-js's
 * introspection query defines three.
 */
export const MAX_DOCUMENT_FRAGMENTS = 500;

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Returns a syntax error when `query` nests deeper than MAX_DOCUMENT_NESTING
 * or defines more than MAX_DOCUMENT_FRAGMENTS fragments, and null otherwise.
 * Other syntax errors are left to the parser, which reports them with their
 * position. The scan stops after MAX_DOCUMENT_TOKENS tokens, where the
 * parser stops too.
 */
export function checkDocumentLimits(query: string): GraphQLError | null {
  const source = new Source(query);
  const lexer = new Lexer(source);
  let depth = 0;
  let fragments = 0;

  try {
    for (let count = 0; count <= MAX_DOCUMENT_TOKENS; count += 1) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) {
        return null;
      }

      if (OPENING.has(token.kind)) {
        depth += 1;
        if (depth > MAX_DOCUMENT_NESTING) {
          return new GraphQLError(
            `Syntax Error: The document nests braces, brackets and parentheses more than ${MAX_DOCUMENT_NESTING} levels deep. Request fewer nested levels, or split the operation into several requests.`,
            { source, positions: [token.start] },
          );
        }
      } else if (CLOSING.has(token.kind)) {
        depth -= 1;
      } else if (depth === 0 && token.kind === TokenKind.NAME && token.value === 'fragment') {
        // Outside braces, "fragment" starts a definition (or, rarely, names
        // an operation or fragment, which only overcounts).
        fragments += 1;
        if (fragments > MAX_DOCUMENT_FRAGMENTS) {
          return new GraphQLError(
            `Syntax Error: The document defines more than ${MAX_DOCUMENT_FRAGMENTS} fragments. Use fewer fragments, or split the operation into several requests.`,
            { source, positions: [token.start] },
          );
        }
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) {
      return null;
    }
    throw error;
  }
  return null;
}
