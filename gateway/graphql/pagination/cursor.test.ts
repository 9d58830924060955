import { GraphQLError } from 'graphql';

import { decodeCursor, encodeCursor } from './cursor';
import { checkPageSize } from './first';

const byDate = { field: 'INVOICE_DATE', direction: 'DESC' } as const;

function badUserInputMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).extensions['argumentName']).toBe('after');
    return (error as GraphQLError).message;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('connection cursors', () => {
  it('round-trips the keyset', () => {
    const cursor = encodeCursor('Invoice', byDate, { value: '2026-11-30', id: '42' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('Invoice', byDate, cursor)).toEqual({ value: '2026-11-30', id: '42' });
  });

  it('keeps a null sort value', () => {
    const cursor = encodeCursor('Order', { field: 'NUMBER', direction: 'ASC' }, { value: null, id: '7' });
    expect(decodeCursor('Order', { field: 'NUMBER', direction: 'ASC' }, cursor)).toEqual({ value: null, id: '7' });
  });

  it('rejects a cursor of another sort order', () => {
    const cursor = encodeCursor('Invoice', byDate, { value: '2026-11-30', id: '42' });
    const message = badUserInputMessage(() => decodeCursor('Invoice', { field: 'NUMBER', direction: 'DESC' }, cursor));
    expect(message).toContain('sorted by INVOICE_DATE DESC');
    expect(message).toContain('sorted by NUMBER DESC');
  });

  it('rejects a cursor of another direction or list', () => {
    const cursor = encodeCursor('Invoice', byDate, { value: '2026-11-30', id: '42' });
    badUserInputMessage(() => decodeCursor('Invoice', { field: 'INVOICE_DATE', direction: 'ASC' }, cursor));
    badUserInputMessage(() => decodeCursor('Order', byDate, cursor));
  });

  it.each([
    'not a cursor!',
    '',
    Buffer.from('{"l":"Invoice"').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('{"l":"Invoice","f":"INVOICE_DATE","d":"SIDEWAYS","v":null,"i":"1"}').toString('base64url'),
    Buffer.from('{"l":"Invoice","f":"INVOICE_DATE","d":"DESC","v":3,"i":"1"}').toString('base64url'),
    Buffer.from('{"l":"Invoice","f":"INVOICE_DATE","d":"DESC","v":null,"i":""}').toString('base64url'),
  ])('rejects the malformed cursor %j', (cursor) => {
    const message = badUserInputMessage(() => decodeCursor('Invoice', byDate, cursor));
    expect(message).toContain('after is not a cursor issued by this API');
  });
});

describe('page size', () => {
  it.each([1, 25, 100])('accepts %d', (first) => {
    expect(checkPageSize(first)).toBe(first);
  });

  it.each([0, -1, 101, 1000])('rejects %d', (first) => {
    expect(() => checkPageSize(first)).toThrow(`first must be between 1 and 100, got ${first}.`);
  });
});
