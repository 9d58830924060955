import type { FastifyRequest } from 'fastify';

import { InvalidJsonBodyError, parseJsonBody } from './json-body';

function parse(body: string): { error: Error | null; value?: unknown } {
  let outcome: { error: Error | null; value?: unknown } | undefined;
  parseJsonBody({} as FastifyRequest, body, (error, value) => {
    outcome = { error, value };
  });
  return outcome!;
}

describe('JSON body parser', () => {
  it('parses a GraphQL request', () => {
    expect(parse('{"query":"{ viewer { email } }","variables":{"n":"INV-1"}}')).toEqual({
      error: null,
      value: { query: '{ viewer { email } }', variables: { n: 'INV-1' } },
    });
  });

  it('keeps a "constructor" key without a prototype inside', () => {
    expect(parse('{"variables":{"constructor":"Acme"}}').value).toEqual({ variables: { constructor: 'Acme' } });
  });

  it.each([
    ['an empty body', '', 'The request body is empty. Send a JSON object, such as {"query": "{ viewer { email } }"}.'],
    ['a truncated body', '{"query": ', 'The request body is not valid JSON. Send a JSON object, such as {"query": "{ viewer { email } }"}.'],
    [
      'a __proto__ key',
      '{"query":"{ viewer { email } }","variables":{"__proto__":{"admin":true}}}',
      'The request body contains the key "__proto__", which is rejected because it could change object prototypes. Rename that key, for example the variable or input field that uses it.',
    ],
    [
      'a __proto__ key written with escapes',
      '{"variables":{"\\u005f_proto__":{}}}',
      'The request body contains the key "__proto__", which is rejected because it could change object prototypes. Rename that key, for example the variable or input field that uses it.',
    ],
    [
      'a constructor.prototype key',
      '{"variables":{"constructor":{"prototype":{}}}}',
      'The request body contains a "constructor" key with a "prototype" key inside, which is rejected because it could change object prototypes. Rename that key, for example the variable or input field that uses it.',
    ],
  ])('rejects %s with a message that says what is wrong', (_label, body, message) => {
    const { error } = parse(body);
    expect(error).toBeInstanceOf(InvalidJsonBodyError);
    expect(error?.message).toBe(message);
    expect((error as InvalidJsonBodyError).statusCode).toBe(400);
  });
});
