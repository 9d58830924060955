/**
 * Malformed and hostile requests: each gets a coded error that names what to
 * fix, and the server keeps responding.
 */
import type { TestClient } from './client';
import { signedInClient } from './client';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
let alice: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  alice = await signedInClient(server.baseUrl, 'alice@acme.example');
});

afterEach(async () => {
  // The server is still healthy after each bad request.
  const response = await alice.graphql('{ viewer { email } }');
  expect(response.data).toEqual({ viewer: { email: 'alice@acme.example' } });
});

afterAll(async () => {
  await server.close();
});

function deepQuery(hops: number): string {
  let selection = 'number';
  for (let hop = 0; hop < hops; hop += 1) {
    selection = `order { invoices { ${selection} } }`;
  }
  return `{ invoices { edges { node { ${selection} } } } }`;
}

describe('request errors', () => {
  it.each([
    ['a syntax error', '{ invoices { edges ', undefined, 400, 'GRAPHQL_PARSE_FAILED', 'Syntax Error'],
    ['an unknown field', '{ invoices { colour } }', undefined, 400, 'GRAPHQL_VALIDATION_FAILED', 'Cannot query field "colour" on type "InvoiceConnection".'],
    ['an unknown enum value', '{ invoices(orderBy: { field: COLOUR }) { totalCount } }', undefined, 400, 'GRAPHQL_VALIDATION_FAILED', 'Value "COLOUR" does not exist in "InvoiceSortField" enum.'],
    ['an impossible Date literal', '{ invoices(filter: { dueDateFrom: "2026-02-30" }) { totalCount } }', undefined, 400, 'GRAPHQL_VALIDATION_FAILED', 'Date must be a calendar day written as YYYY-MM-DD'],
    ['a Date given as a number', '{ invoices(filter: { dueDateFrom: 20261130 }) { totalCount } }', undefined, 400, 'GRAPHQL_VALIDATION_FAILED', 'Date must be a string literal such as "2026-11-30"; got 20261130.'],
    ['a string for an Int variable', 'query Q($first: Int!) { invoices(first: $first) { totalCount } }', { first: 'ten' }, 400, 'BAD_USER_INPUT', 'Variable "$first" got invalid value "ten"'],
    ['an unknown enum in a variable', 'query Q($o: InvoiceOrder) { invoices(orderBy: $o) { totalCount } }', { o: { field: 'COLOUR' } }, 400, 'BAD_USER_INPUT', 'Value "COLOUR" does not exist in "InvoiceSortField" enum'],
    ['a bad Date variable', 'query Q($f: InvoiceFilter) { invoices(filter: $f) { totalCount } }', { f: { dueDateTo: '30.11.2026' } }, 400, 'BAD_USER_INPUT', 'Date must be a calendar day written as YYYY-MM-DD, for example "2026-11-30"; got "30.11.2026".'],
    ['a missing required variable', 'query Q($n: String!) { invoice(number: $n) { number } }', {}, 400, 'BAD_USER_INPUT', 'Variable "$n" of required type "String!" was not provided.'],
    ['a query nested 13 levels deep', deepQuery(5), undefined, 400, 'GRAPHQL_VALIDATION_FAILED', 'nests fields more than 12 levels deep'],
  ])('rejects %s', async (_label, query, variables, status, code, message) => {
    const response = await alice.graphql(query, variables);

    expect(response.status).toBe(status);
    expect(response.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(response.errors?.[0]?.message).toContain(message);
    expect(response.text).not.toMatch(/stacktrace|\/gateway\/|node_modules/);
  });

  it('accepts a query nested 12 levels deep', async () => {
    const response = await alice.graphql(deepQuery(4));
    expect(response.errors).toBeUndefined();
  });

  it.each([
    ['months: 0', '{ dashboard { invoices { trend(months: 0) { month } } } }', 'months must be between 1 and 36, got 0.', 'months'],
    ['months: 37', '{ dashboard { invoices { trend(months: 37) { month } } } }', 'months must be between 1 and 36, got 37.', 'months'],
    ['a 101-character search', `{ invoices(filter: { numberContains: "${'x'.repeat(101)}" }) { totalCount } }`, 'filter.numberContains must be at most 100 characters, got 101.', 'filter.numberContains'],
  ])('rejects %s', async (_label, query, message, argumentName) => {
    const response = await alice.graphql(query);

    expect(response.errors?.[0]?.message).toBe(message);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName });
  });
});

describe('HTTP-level errors', () => {
  it('rejects a body that is not JSON', async () => {
    const response = await alice.post('/graphql', '{"query": ');
    expect(response.status).toBe(400);
  });

  it('rejects a body without a query', async () => {
    const response = await alice.post('/graphql', JSON.stringify({ variables: {} }));
    expect(response.status).toBe(400);
    expect(response.text).toContain('query');
  });

  it('rejects batched requests', async () => {
    const response = await alice.post('/graphql', JSON.stringify([{ query: '{ viewer { email } }' }, { query: '{ viewer { email } }' }]));
    expect(response.status).toBe(400);
  });

  it('rejects a form-encoded POST (CSRF)', async () => {
    const response = await alice.post('/graphql', 'query=%7Bviewer%7Bemail%7D%7D', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
  });

  it('names a __proto__ key as the problem', async () => {
    const response = await alice.post('/graphql', '{"query":"{ viewer { email } }","variables":{"__proto__":{"admin":true}}}');

    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(response.errors?.[0]?.message).toContain('contains the key "__proto__"');
  });

  it('names the body size limit', async () => {
    const response = await alice.post('/graphql', JSON.stringify({ query: '{ viewer { email } }', variables: { pad: 'x'.repeat(2_000_000) } }));

    expect(response.status).toBe(413);
    expect(response.errors?.[0]?.message).toBe(
      'The request body is larger than the limit of 1,048,576 bytes. Send a smaller request, for example with fewer or shorter variables.',
    );
  });
});

describe('with introspection off', () => {
  it('suggests no enum values for a variable', async () => {
    const closed = await startTestServer({ config: { graphqlIntrospection: false } });
    try {
      const client = await signedInClient(closed.baseUrl, 'alice@acme.example');
      const response = await client.graphql('query Q($o: InvoiceOrder) { invoices(orderBy: $o) { totalCount } }', { o: { field: 'NUMBR' } });

      expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toContain('Value "NUMBR" does not exist in "InvoiceSortField" enum.');
      expect(response.errors?.[0]?.message).not.toContain('Did you mean');
    } finally {
      await closed.close();
    }
  });
});
