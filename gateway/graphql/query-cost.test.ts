import 'reflect-metadata';

import { getIntrospectionQuery, parse, specifiedRules, validate, type DocumentNode } from 'graphql';

import * as webDocuments from '../../web/src/gql/graphql';
import { MAX_DOCUMENT_FRAGMENTS } from './document-limits';
import { createQueryCostRule, DEFAULT_QUERY_LIMITS, QueryLimitError } from './query-cost';
import { buildGatewaySchema } from './schema';

const schema = buildGatewaySchema();

function limitErrors(query: string, limits = DEFAULT_QUERY_LIMITS): string[] {
  return validate(schema, parse(query), [...specifiedRules, createQueryCostRule(limits)])
    .filter((error) => error instanceof QueryLimitError)
    .map((error) => error.message);
}

/** Returns the rule's cost of `query`, read from the error of a rule whose cost limit is 0. */
function costOf(query: string): number {
  const [message] = limitErrors(query, { maxRootFields: 10_000, maxFields: 100_000, maxCost: 0 });
  const match = /estimated cost of ([\d,]+)/.exec(message ?? '');
  return match === null ? 0 : Number(match[1]!.replace(/,/g, ''));
}

const INVOICE_PAGE = `query InvoiceList($first: Int!, $after: String) {
  invoices(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id number type status dueDate isOverdue amount { amount currency } balance { amount currency } payableAmount { amount currency } pdfUrl } }
  }
}`;

const ORDER_PAGE_WITH_LINES = `{
  orders(first: 100) {
    edges { node { number orderDate status total { amount currency }
      lines { lineNumber sku description quantityOrdered quantityShipped unitPrice { amount currency } amount { amount currency } }
      invoices { number status balance { amount currency } } } }
  }
}`;

describe('query cost rule', () => {
  it('counts a page by its first argument', () => {
    // invoices, edges, and 100 times node and number.
    expect(costOf('{ invoices(first: 100) { edges { node { number } } } }')).toBe(2 + 100 * 2);
    // Without first, the argument's default of 25 applies.
    expect(costOf('{ invoices { edges { node { number } } } }')).toBe(2 + 25 * 2);
  });

  it('counts a variable without a default as the largest page', () => {
    expect(costOf('query Q($n: Int!) { invoices(first: $n) { edges { node { number } } } }')).toBe(2 + 100 * 2);
    expect(costOf('query Q($n: Int = 10) { invoices(first: $n) { edges { node { number } } } }')).toBe(2 + 10 * 2);
  });

  it('clamps first to the page sizes the resolvers accept', () => {
    // The resolver rejects 2^31 - 1 with BAD_USER_INPUT, so validation lets it through.
    expect(limitErrors('{ tickets(first: 2147483647) { totalCount } }')).toEqual([]);
  });

  it('accepts what the web client sends', () => {
    expect(limitErrors(INVOICE_PAGE)).toEqual([]);
    expect(limitErrors(ORDER_PAGE_WITH_LINES)).toEqual([]);
    expect(costOf(INVOICE_PAGE)).toBe(1_706);
    expect(costOf(ORDER_PAGE_WITH_LINES)).toBe(8_902);
  });

  it('accepts every operation of the web client', () => {
    const documents = Object.entries(webDocuments).filter(([, value]) => (value as { kind?: unknown }).kind === 'Document');
    expect(documents.length).toBeGreaterThan(10);

    for (const [name, document] of documents) {
      const errors = validate(schema, document as DocumentNode, [createQueryCostRule()]).map((error) => error.message);
      expect({ name, errors }).toEqual({ name, errors: [] });
    }
  });

  it('accepts the introspection query', () => {
    expect(limitErrors(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it('rejects 1,000 aliased invoice lists with the limit in the message', () => {
    const selection = Array.from({ length: 1_000 }, (_, index) => `a${index}: invoices(first: 100) { totalCount }`).join('\n');
    expect(limitErrors(`{ ${selection} }`)).toEqual([
      'The operation selects 1,000 top-level fields (aliases included), more than the limit of 200. Request fewer top-level fields, or split the operation into several requests.',
    ]);
  });

  it('rejects pages whose estimated cost is over the limit', () => {
    const selection = Array.from({ length: 70 }, (_, index) => `a${index}: invoices(first: 100) { edges { node { number balance { amount } } } }`).join('\n');
    expect(costOf(`{ ${selection} }`)).toBe(70 * (2 + 100 * 4));

    const [message] = limitErrors(`query Pages { ${selection} }`);
    expect(message).toContain('Operation "Pages" has an estimated cost of 28,140, more than the limit of 25,000.');
    expect(message).toContain('Request smaller pages, fewer fields or fewer aliases');
  });

  it('counts fields once per place with fragments expanded', () => {
    const fragment = 'fragment F on Viewer { email name role }';
    const spreads = Array.from({ length: 100 }, (_, index) => `v${index}: viewer { ...F }`).join(' ');
    expect(limitErrors(`{ ${spreads} } ${fragment}`, { ...DEFAULT_QUERY_LIMITS, maxFields: 399 })).toEqual([
      'The operation selects 400 fields with its fragments expanded, more than the limit of 399. Request fewer fields, or split the operation into several requests.',
    ]);
  });

  it('expands each fragment once however often it is spread', () => {
    // 30 fragments that each spread the next one twice select 2^30 email fields.
    const fragments = Array.from({ length: 30 }, (_, index) => `fragment F${index} on Viewer { ...F${index + 1} ...F${index + 1} }`).join('\n');
    const query = `{ viewer { ...F0 } } ${fragments} fragment F30 on Viewer { email }`;

    const started = Date.now();
    const messages = limitErrors(query);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('fields with its fragments expanded');
  });

  it('follows the longest fragment chain that document-limits.ts lets through', () => {
    const count = MAX_DOCUMENT_FRAGMENTS;
    const fragments = Array.from({ length: count - 1 }, (_, index) => `fragment F${index} on Viewer { ...F${index + 1} }`).join('\n');
    expect(limitErrors(`{ viewer { ...F0 } } ${fragments} fragment F${count - 1} on Viewer { email }`)).toEqual([]);
  });

  it('stops on fragment cycles', () => {
    const messages = validate(schema, parse('{ viewer { ...A } } fragment A on Viewer { ...B } fragment B on Viewer { ...A }'), [
      ...specifiedRules,
      createQueryCostRule(),
    ]).map((error) => error.message);
    expect(messages.some((message) => message.includes('Cannot spread fragment'))).toBe(true);
  });
});
