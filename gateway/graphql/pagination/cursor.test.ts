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

describe('cursor sort values', () => {
  const cursorFor = (list: string, field: string, value: string): string => encodeCursor(list, { field, direction: 'ASC' }, { value, id: '1' });
  const decode = (list: string, field: string, value: string) => decodeCursor(list, { field, direction: 'ASC' }, cursorFor(list, field, value));

  it.each([
    ['Invoice', 'AMOUNT', '-1234.5000'],
    ['Invoice', 'BALANCE', '999999999999999.9999'],
    ['Order', 'TOTAL', '0'],
    ['Invoice', 'DUE_DATE', '2028-02-29'],
    ['Ticket', 'CREATED_AT', '2026-01-01T00:00:00.123456Z'],
    ['Ticket', 'UPDATED_AT', '2026-01-01T23:59:59Z'],
    ['Payment', 'CREATED_AT', '2026-01-01T00:00:00.000Z'],
    ['Invoice', 'STATUS', 'OUTSTANDING'],
    ['Order', 'STATUS', 'PARTIALLY_SHIPPED'],
    ['Ticket', 'PRIORITY', 'HIGH'],
    ['Invoice', 'NUMBER', 'INV-100001'],
  ])('accepts a %s %s of %j', (list, field, value) => {
    expect(decode(list, field, value)).toEqual({ value, id: '1' });
  });

  it.each([
    ['Invoice', 'AMOUNT', '1.00001', 'an amount with at most 15 integer digits and 4 decimals'],
    ['Invoice', 'AMOUNT', '9'.repeat(30), 'an amount with at most 15 integer digits and 4 decimals'],
    ['Invoice', 'BALANCE', '1e5', 'an amount with at most 15 integer digits and 4 decimals'],
    ['Order', 'TOTAL', '0.00001', 'an amount with at most 15 integer digits and 4 decimals'],
    ['Invoice', 'INVOICE_DATE', '2026-02-30', 'a YYYY-MM-DD date'],
    ['Ticket', 'CREATED_AT', '2026-01-01T00:00:00+99:99', 'an ISO 8601 UTC instant'],
    ['Ticket', 'CREATED_AT', '2026-01-01T01:00:00+01:00', 'an ISO 8601 UTC instant'],
    ['Ticket', 'PRIORITY', 'URGENT', 'one of LOW, MEDIUM, HIGH'],
    ['Invoice', 'NUMBER', 'x'.repeat(101), 'a document number of at most 100 characters'],
  ])('rejects a %s %s of %j', (list, field, value, expected) => {
    const message = badUserInputMessage(() => decode(list, field, value));
    expect(message).toContain(`after is not a valid page position for sort field ${field}:`);
    expect(message).toContain(`is not ${expected}. Request the first page again without after.`);
    expect(message.length).toBeLessThan(300);
  });

  it('shortens a long list name in the message', () => {
    const cursor = encodeCursor('x'.repeat(50_000), byDate, { value: '2026-11-30', id: '1' });
    const message = badUserInputMessage(() => decodeCursor('Invoice', byDate, cursor));
    expect(message.length).toBeLessThan(400);
    expect(message).toContain(`${'x'.repeat(60)}...`);
  });
});
