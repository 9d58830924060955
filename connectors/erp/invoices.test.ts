import type { Invoice } from '../domain';
import type { InvoiceFilter, InvoiceSortField, SortDirection } from '../sources';
import { MAX_KEYS_PER_STATEMENT } from './batch';
import { InvalidFilterError, InvalidKeysetError } from './errors';
import { BUSINESS_DATE, EDGE_CUSTOMER_ID, describeErpContract } from './test/fixture';
import {
  collectPages,
  compareDecimal,
  compareRank,
  compareText,
  referenceInvoiceStatus,
  referenceInvoices,
  referenceLines,
  referenceOrder,
  type ReferenceSort,
} from './test/reference';

const SORTS: Record<InvoiceSortField, ReferenceSort<Invoice>> = {
  NUMBER: { value: (invoice) => invoice.number, compare: compareText },
  INVOICE_DATE: { value: (invoice) => invoice.invoiceDate, compare: compareText },
  DUE_DATE: { value: (invoice) => invoice.dueDate, compare: compareText },
  AMOUNT: { value: (invoice) => invoice.amount, compare: compareDecimal },
  BALANCE: { value: (invoice) => invoice.balance, compare: compareDecimal },
  STATUS: { value: referenceInvoiceStatus, compare: compareRank(['OUTSTANDING', 'PAID']) },
};

const SORT_CASES = (Object.keys(SORTS) as InvoiceSortField[]).flatMap((field) =>
  (['ASC', 'DESC'] as SortDirection[]).map((direction) => [field, direction] as const),
);

const isOverdue = (invoice: Invoice) => referenceInvoiceStatus(invoice) === 'OUTSTANDING' && invoice.dueDate < BUSINESS_DATE;

describeErpContract('invoices', (fixture) => {
  const scopeOf = (customerId: string) => ({ customerId, asOf: BUSINESS_DATE });

  async function invoicesOf(customerId: string): Promise<Invoice[]> {
    return (await referenceInvoices(fixture().database)).filter((invoice) => invoice.customerId === customerId);
  }

  async function listAll(customerId: string, filter: InvoiceFilter): Promise<Invoice[]> {
    const pages = await collectPages((after) =>
      fixture().erp.invoices.listInvoices(scopeOf(customerId), { filter, orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 100, after }),
    );
    return pages.flatMap((page) => page.items.map((item) => item.node));
  }

  describe.each(['1', EDGE_CUSTOMER_ID])('customer %s', (customerId) => {
    test.each(SORT_CASES)('list sorted by %s %s across pages', async (field, direction) => {
      const expected = referenceOrder(await invoicesOf(customerId), SORTS[field], direction);
      const pageSize = customerId === EDGE_CUSTOMER_ID ? 2 : 7;

      const pages = await collectPages((after) =>
        fixture().erp.invoices.listInvoices(scopeOf(customerId), { filter: {}, orderBy: { field, direction }, first: pageSize, after }),
      );
      const items = pages.flatMap((page) => page.items);

      expect(items.map((item) => item.node.id)).toEqual(expected.map((invoice) => invoice.id));
      expect(items.map((item) => item.node)).toEqual(expected);
      expect(items.map((item) => item.key)).toEqual(expected.map((invoice) => ({ value: SORTS[field].value(invoice), id: invoice.id })));
      expect(pages.slice(0, -1).every((page) => page.items.length === pageSize && page.hasNextPage)).toBe(true);
      expect(pages[pages.length - 1]?.hasNextPage).toBe(false);
      expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / pageSize)));
    });
  });

  test('page exactly filling the rest reports no next page', async () => {
    const all = await invoicesOf(EDGE_CUSTOMER_ID);
    const page = await fixture().erp.invoices.listInvoices(scopeOf(EDGE_CUSTOMER_ID), {
      filter: {},
      orderBy: { field: 'NUMBER', direction: 'ASC' },
      first: all.length,
      after: null,
    });

    expect(page.items).toHaveLength(all.length);
    expect(page.hasNextPage).toBe(false);
  });

  test('list runs one statement per page', async () => {
    const { statements } = await fixture().withStatements(() =>
      fixture().erp.invoices.listInvoices(scopeOf('1'), { filter: { overdue: true }, orderBy: { field: 'STATUS', direction: 'DESC' }, first: 5, after: null }),
    );

    expect(statements).toHaveLength(1);
  });

  const FILTER_CASES: [string, InvoiceFilter, (invoice: Invoice) => boolean][] = [
    ['status OUTSTANDING', { status: 'OUTSTANDING' }, (invoice) => referenceInvoiceStatus(invoice) === 'OUTSTANDING'],
    ['status PAID', { status: 'PAID' }, (invoice) => referenceInvoiceStatus(invoice) === 'PAID'],
    ['type CREDIT_MEMO', { type: 'CREDIT_MEMO' }, (invoice) => invoice.type === 'CREDIT_MEMO'],
    ['type INVOICE', { type: 'INVOICE' }, (invoice) => invoice.type === 'INVOICE'],
    ['due date range', { dueDateFrom: '2026-03-01', dueDateTo: '2026-06-30' }, (invoice) => invoice.dueDate >= '2026-03-01' && invoice.dueDate <= '2026-06-30'],
    ['overdue', { overdue: true }, isOverdue],
    ['not overdue', { overdue: false }, (invoice) => !isOverdue(invoice)],
    ['number substring', { numberContains: '1002' }, (invoice) => invoice.number.includes('1002')],
    ['number substring in other case', { numberContains: 'inv-10001' }, (invoice) => invoice.number.includes('INV-10001')],
    ['combined filters', { status: 'OUTSTANDING', type: 'INVOICE', dueDateFrom: '2026-11-01' }, (invoice) => referenceInvoiceStatus(invoice) === 'OUTSTANDING' && invoice.type === 'INVOICE' && invoice.dueDate >= '2026-11-01'],
  ];

  test.each(FILTER_CASES)('filter %s matches list and count', async (_name, filter, predicate) => {
    const expected = (await invoicesOf('1')).filter(predicate).map((invoice) => invoice.id).sort();

    const listed = await listAll('1', filter);
    const count = await fixture().erp.invoices.countInvoices(scopeOf('1'), filter);

    expect(listed.map((invoice) => invoice.id).sort()).toEqual(expected);
    expect(count).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  test.each([
    ['%', ['EDGE-100%']],
    ['_', ['EDGE-1_0']],
    ['!', ['EDGE-!1']],
    ['[a]', ['EDGE-[A]']],
    ['EDGE-LOWER', ['edge-lower']],
    ['1_', ['EDGE-1_0']],
    ['nothing-like-this', []],
  ])('number search %j is a literal, case-insensitive substring', async (text, numbers) => {
    const listed = await listAll(EDGE_CUSTOMER_ID, { numberContains: text });

    expect(listed.map((invoice) => invoice.number)).toEqual(numbers);
  });

  test('overdue means outstanding and due before the business date', async () => {
    const listed = await listAll(EDGE_CUSTOMER_ID, { overdue: true });

    // EDGE-1X0 is due on the business date itself, so it is not overdue yet.
    expect(listed.map((invoice) => invoice.number)).toEqual(['EDGE-100%']);
  });

  test('exact amounts survive the round trip', async () => {
    const [largest, round] = await fixture().erp.invoices.invoicesByNumber(EDGE_CUSTOMER_ID, ['EDGE-100%', 'EDGE-1_0']);

    expect(largest?.amount).toBe('12345678901234.5678');
    expect(largest?.balance).toBe('12345678901234.5678');
    expect(round?.amount).toBe('490560.0000');
    expect(round?.balance).toBe('0.0000');
  });

  test('keyset after the largest amount continues exactly', async () => {
    const first = await fixture().erp.invoices.listInvoices(scopeOf(EDGE_CUSTOMER_ID), {
      filter: {},
      orderBy: { field: 'AMOUNT', direction: 'DESC' },
      first: 1,
      after: null,
    });
    const second = await fixture().erp.invoices.listInvoices(scopeOf(EDGE_CUSTOMER_ID), {
      filter: {},
      orderBy: { field: 'AMOUNT', direction: 'DESC' },
      first: 1,
      after: first.items[0]?.key ?? null,
    });

    expect(first.items[0]?.key).toEqual({ value: '12345678901234.5678', id: '9001' });
    expect(second.items[0]?.node.number).toBe('EDGE-1_0');
  });

  test.each([
    ['a non-decimal amount', 'AMOUNT' as const, { value: '12abc', id: '1' }],
    ['a null value', 'AMOUNT' as const, { value: null, id: '1' }],
    ['an invalid date', 'DUE_DATE' as const, { value: '2026-02-30', id: '1' }],
    ['an unknown status', 'STATUS' as const, { value: 'LATE', id: '1' }],
    ['a non-numeric id', 'NUMBER' as const, { value: 'INV-1', id: 'x1' }],
  ])('after with %s is rejected', async (_name, field, after) => {
    const request = fixture().erp.invoices.listInvoices(scopeOf('1'), { filter: {}, orderBy: { field, direction: 'ASC' }, first: 5, after });

    await expect(request).rejects.toThrow(InvalidKeysetError);
  });

  test('invalid filter date is rejected', async () => {
    await expect(fixture().erp.invoices.countInvoices(scopeOf('1'), { dueDateFrom: '30.11.2026' })).rejects.toThrow(InvalidFilterError);
  });

  test('page size below one is rejected', async () => {
    const request = fixture().erp.invoices.listInvoices(scopeOf('1'), { filter: {}, orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 0, after: null });

    await expect(request).rejects.toThrow(InvalidFilterError);
  });

  test('invoicesByNumber returns key order with nulls in one statement', async () => {
    const own = await invoicesOf('1');
    const foreign = await invoicesOf('2');
    const [a, b] = own;
    const keys = [b?.number ?? '', 'INV-999999', a?.number ?? '', foreign[0]?.number ?? '', b?.number ?? ''];

    const { result, statements } = await fixture().withStatements(() => fixture().erp.invoices.invoicesByNumber('1', keys));

    expect(result).toEqual([b, null, a, null, b]);
    expect(statements).toHaveLength(1);
  });

  test('invoicesById treats foreign and malformed ids as missing', async () => {
    const [own] = await invoicesOf('1');
    const [foreign] = await invoicesOf('3');

    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.invoices.invoicesById('1', [foreign?.id ?? '', 'abc', own?.id ?? '', '-1', `00${own?.id}`]),
    );

    expect(result).toEqual([null, null, own, null, own]);
    expect(statements).toHaveLength(1);
  });

  test('empty key lists send no statement', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      Promise.all([
        fixture().erp.invoices.invoicesByNumber('1', []),
        fixture().erp.invoices.invoicesById('1', []),
        fixture().erp.invoices.linesByInvoiceId('1', []),
        fixture().erp.invoices.invoicesByOrderId('1', []),
        fixture().erp.invoices.invoicesById('1', ['not-an-id']),
      ]),
    );

    expect(result).toEqual([[], [], [], [], [null]]);
    expect(statements).toHaveLength(0);
  });

  test('large batches are split below the parameter limit', async () => {
    const own = await invoicesOf('1');
    const keys = Array.from({ length: MAX_KEYS_PER_STATEMENT * 2 + 500 }, (_, index) => String(100_000 + index));
    keys[1234] = own[0]?.id ?? '';

    const { result, statements } = await fixture().withStatements(() => fixture().erp.invoices.invoicesById('1', keys));

    expect(result).toHaveLength(keys.length);
    expect(result[1234]).toEqual(own[0]);
    expect(result.filter((invoice) => invoice !== null)).toHaveLength(1);
    expect(statements).toHaveLength(3);
    expect(Math.max(...statements.map((statement) => statement.parameters.length))).toBeLessThan(2000);
  });

  test('linesByInvoiceId groups lines by key in line order', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.invoices.linesByInvoiceId(EDGE_CUSTOMER_ID, ['9004', '9003', '9001', '1']),
    );

    expect(result.map((lines) => lines.map((line) => line.lineNumber))).toEqual([[1, 2], [], [1], []]);
    expect(result[0]?.map((line) => [line.sku, line.quantity, line.unitPrice, line.amount])).toEqual([
      ['RV-2', '2.5000', '36.0000', '90.0000'],
      [null, '1.0000', '10.0000', '10.0000'],
    ]);
    expect(result[2]?.[0]?.unitPrice).toBe('12345678901234.5678');
    expect(statements).toHaveLength(1);
  });

  test('linesByInvoiceId matches the reference lines of demo invoices', async () => {
    const own = (await invoicesOf('2')).slice(0, 20);
    const lines = await referenceLines(fixture().database, 'erp_invoice_lines');

    const result = await fixture().erp.invoices.linesByInvoiceId('2', own.map((invoice) => invoice.id));

    for (const [index, invoice] of own.entries()) {
      const expected = lines.filter((line) => line.parentId === invoice.id).sort((a, b) => a.lineNumber - b.lineNumber);
      expect(result[index]?.map((line) => [line.id, line.amount])).toEqual(expected.map((line) => [line.id, line.amount]));
    }
  });

  test('linesByInvoiceId of another customer is empty', async () => {
    const [foreign] = await invoicesOf('1');

    const result = await fixture().erp.invoices.linesByInvoiceId('2', [foreign?.id ?? '']);

    expect(result).toEqual([[]]);
  });

  test('invoicesByOrderId returns each order invoices, isolated by customer', async () => {
    const linked = (await invoicesOf('1')).filter((invoice) => invoice.orderId !== null);
    const orderId = linked[0]?.orderId ?? '';
    const expected = linked
      .filter((invoice) => invoice.orderId === orderId)
      .sort((a, b) => compareText(a.invoiceDate, b.invoiceDate) || Number(BigInt(a.id) - BigInt(b.id)));

    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.invoices.invoicesByOrderId('1', [orderId, '9101', '999999']),
    );
    const fromEdge = await fixture().erp.invoices.invoicesByOrderId(EDGE_CUSTOMER_ID, ['9101', orderId]);

    expect(expected.length).toBeGreaterThan(0);
    expect(result).toEqual([expected, [], []]);
    expect(statements).toHaveLength(1);
    expect(fromEdge.map((invoices) => invoices.map((invoice) => invoice.number))).toEqual([['EDGE-SO'], []]);
  });

  test('lists never return another customer invoices', async () => {
    const listed = await listAll('3', {});
    const expected = await invoicesOf('3');

    expect(listed.every((invoice) => invoice.customerId === '3')).toBe(true);
    expect(listed).toHaveLength(expected.length);
    expect(await fixture().erp.invoices.countInvoices(scopeOf('3'), {})).toBe(expected.length);
  });

  test('dates keep their calendar day in any process time zone', async () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'UTC']) {
        process.env.TZ = zone;
        const [invoice] = await fixture().erp.invoices.invoicesByNumber(EDGE_CUSTOMER_ID, ['EDGE-100%']);
        expect([zone, invoice?.invoiceDate, invoice?.dueDate]).toEqual([zone, '2026-10-01', '2026-10-31']);
      }
    } finally {
      process.env.TZ = previous;
    }
  });

  test('invalid customer id is a programming error', async () => {
    await expect(fixture().erp.invoices.invoicesById('abc', ['1'])).rejects.toThrow('Invalid customer id "abc"');
  });
});
