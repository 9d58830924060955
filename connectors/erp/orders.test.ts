import type { Order } from '../domain';
import type { OrderFilter, OrderSortField, SortDirection } from '../sources';
import { ORDER_STATUSES } from './contract';
import { BUSINESS_DATE, EDGE_CUSTOMER_ID, describeErpContract } from './test/fixture';
import {
  collectPages,
  compareDecimal,
  compareRank,
  compareText,
  referenceDocuments,
  referenceLines,
  referenceOrder,
  referenceOrders,
  referenceShipments,
  type ReferenceSort,
} from './test/reference';

const SORTS: Record<OrderSortField, ReferenceSort<Order>> = {
  NUMBER: { value: (order) => order.number, compare: compareText },
  ORDER_DATE: { value: (order) => order.orderDate, compare: compareText },
  TOTAL: { value: (order) => order.total, compare: compareDecimal },
  STATUS: { value: (order) => order.status, compare: compareRank(ORDER_STATUSES) },
};

const SORT_CASES = (Object.keys(SORTS) as OrderSortField[]).flatMap((field) =>
  (['ASC', 'DESC'] as SortDirection[]).map((direction) => [field, direction] as const),
);

describeErpContract('orders', (fixture) => {
  const scopeOf = (customerId: string) => ({ customerId, asOf: BUSINESS_DATE });

  async function ordersOf(customerId: string): Promise<Order[]> {
    return (await referenceOrders(fixture().database)).filter((order) => order.customerId === customerId);
  }

  async function listAll(customerId: string, filter: OrderFilter): Promise<Order[]> {
    const pages = await collectPages((after) =>
      fixture().erp.orders.listOrders(scopeOf(customerId), { filter, orderBy: { field: 'ORDER_DATE', direction: 'DESC' }, first: 100, after }),
    );
    return pages.flatMap((page) => page.items.map((item) => item.node));
  }

  describe.each(['1', '3', EDGE_CUSTOMER_ID])('customer %s', (customerId) => {
    test.each(SORT_CASES)('list sorted by %s %s across pages', async (field, direction) => {
      const expected = referenceOrder(await ordersOf(customerId), SORTS[field], direction);
      const pageSize = customerId === EDGE_CUSTOMER_ID ? 1 : 6;

      const pages = await collectPages((after) =>
        fixture().erp.orders.listOrders(scopeOf(customerId), { filter: {}, orderBy: { field, direction }, first: pageSize, after }),
      );
      const items = pages.flatMap((page) => page.items);

      expect(items.map((item) => item.node)).toEqual(expected);
      expect(items.map((item) => item.key)).toEqual(expected.map((order) => ({ value: SORTS[field].value(order), id: order.id })));
      expect(pages.slice(0, -1).every((page) => page.items.length === pageSize && page.hasNextPage)).toBe(true);
      expect(pages[pages.length - 1]?.hasNextPage).toBe(false);
    });
  });

  const FILTER_CASES: [string, OrderFilter, (order: Order) => boolean][] = [
    ['one status', { status: ['OPEN'] }, (order) => order.status === 'OPEN'],
    ['two statuses', { status: ['SHIPPED', 'CANCELLED'] }, (order) => order.status === 'SHIPPED' || order.status === 'CANCELLED'],
    ['order date range', { orderDateFrom: '2026-01-01', orderDateTo: '2026-03-31' }, (order) => order.orderDate >= '2026-01-01' && order.orderDate <= '2026-03-31'],
    ['order number', { numberContains: 'SO-10001' }, (order) => order.number.includes('SO-10001')],
    ['purchase order number in lower case', { numberContains: 'po-4500' }, (order) => order.purchaseOrderNumber?.includes('PO-4500') === true],
  ];

  test.each(FILTER_CASES)('filter %s matches list and count', async (_name, filter, predicate) => {
    const expected = (await ordersOf('1')).filter(predicate).map((order) => order.id).sort();

    const listed = await listAll('1', filter);
    const count = await fixture().erp.orders.countOrders(scopeOf('1'), filter);

    expect(listed.map((order) => order.id).sort()).toEqual(expected);
    expect(count).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  test('empty status list matches no order', async () => {
    expect(await listAll('1', { status: [] })).toEqual([]);
    expect(await fixture().erp.orders.countOrders(scopeOf('1'), { status: [] })).toBe(0);
  });

  test('number search covers purchase order numbers literally', async () => {
    const byPercent = await listAll(EDGE_CUSTOMER_ID, { numberContains: '50%' });
    const byUnderscore = await listAll(EDGE_CUSTOMER_ID, { numberContains: '_' });
    const byCase = await listAll(EDGE_CUSTOMER_ID, { numberContains: 'SO-EDGE-3' });

    expect(byPercent.map((order) => order.number)).toEqual(['SO-EDGE-1']);
    expect(byUnderscore.map((order) => order.number)).toEqual(['SO-EDGE-1']);
    expect(byCase.map((order) => order.number)).toEqual(['so-edge-3']);
  });

  test('exact totals survive the round trip', async () => {
    const [order] = await fixture().erp.orders.ordersByNumber(EDGE_CUSTOMER_ID, ['so-edge-3']);

    expect(order?.total).toBe('12345678901234.5678');
    expect(order?.orderDate).toBe('2026-10-01');
  });

  test('ordersByNumber and ordersById keep key order, one statement each', async () => {
    const [a, b] = await ordersOf('2');
    const [foreign] = await ordersOf('1');

    const byNumber = await fixture().withStatements(() =>
      fixture().erp.orders.ordersByNumber('2', [b?.number ?? '', foreign?.number ?? '', 'SO-0', a?.number ?? '']),
    );
    const byId = await fixture().withStatements(() => fixture().erp.orders.ordersById('2', [a?.id ?? '', foreign?.id ?? '', 'x', b?.id ?? '']));

    expect(byNumber.result).toEqual([b, null, null, a]);
    expect(byNumber.statements).toHaveLength(1);
    expect(byId.result).toEqual([a, null, null, b]);
    expect(byId.statements).toHaveLength(1);
  });

  test('linesByOrderId returns lines in line order per key', async () => {
    const { result, statements } = await fixture().withStatements(() => fixture().erp.orders.linesByOrderId(EDGE_CUSTOMER_ID, ['9102', '9101', '1']));

    expect(result[0]).toEqual([]);
    expect(result[1]?.map((line) => [line.lineNumber, line.sku, line.quantityOrdered, line.quantityShipped, line.unitPrice, line.amount])).toEqual([
      [1, 'RV-1', '1.0000', '0.0000', '100.0000', '100.0000'],
      [2, null, '1.5000', '0.0000', '100.0000', '150.0000'],
    ]);
    expect(result[2]).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  test('linesByOrderId and shipmentsByOrderId match the reference rows', async () => {
    const orders = (await ordersOf('1')).slice(0, 30);
    const lines = await referenceLines(fixture().database, 'erp_order_lines');
    const shipments = await referenceShipments(fixture().database);
    const ids = orders.map((order) => order.id);

    const { result, statements } = await fixture().withStatements(() =>
      Promise.all([fixture().erp.orders.linesByOrderId('1', ids), fixture().erp.orders.shipmentsByOrderId('1', ids)]),
    );
    const [lineGroups, shipmentGroups] = result;

    for (const [index, id] of ids.entries()) {
      const expectedLines = lines.filter((line) => line.parentId === id).sort((a, b) => a.lineNumber - b.lineNumber);
      const expectedShipments = shipments.filter((shipment) => shipment.orderId === id).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
      expect(lineGroups[index]?.map((line) => [line.id, line.amount])).toEqual(expectedLines.map((line) => [line.id, line.amount]));
      expect(shipmentGroups[index]?.map((shipment) => shipment.id)).toEqual(expectedShipments.map((shipment) => shipment.id));
    }
    expect(statements).toHaveLength(2);
  });

  test('shipments of another customer order are not returned', async () => {
    const withShipments = await fixture().erp.orders.shipmentsByOrderId(EDGE_CUSTOMER_ID, ['9101']);
    const foreign = await fixture().erp.orders.shipmentsByOrderId('1', ['9101']);
    const foreignLines = await fixture().erp.orders.linesByOrderId('1', ['9101']);

    expect(withShipments[0]).toEqual([
      { id: '9101', orderId: '9101', number: 'SH-EDGE-1', shipDate: null, carrier: 'UPS', trackingNumber: null, status: 'PENDING' },
    ]);
    expect(foreign).toEqual([[]]);
    expect(foreignLines).toEqual([[]]);
  });

  test('documentsByOrderId returns documents oldest first per key', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.orders.documentsByOrderId(EDGE_CUSTOMER_ID, ['9102', '9101', 'x', '9101']),
    );

    expect(result[0]).toEqual([]);
    expect(result[1]).toEqual([
      {
        id: '9101',
        orderId: '9101',
        type: 'ORDER_CONFIRMATION',
        title: 'Confirmation SO-EDGE-1',
        fileName: 'SO-EDGE-1.pdf',
        contentType: 'application/pdf',
        storageKey: 'edge/SO-EDGE-1.pdf',
        createdDate: '2026-11-20',
      },
      expect.objectContaining({ id: '9102', type: 'DRAWING', createdDate: '2026-11-21' }),
      expect.objectContaining({ id: '9103', type: 'CERTIFICATE', createdDate: '2026-11-21' }),
    ]);
    expect(result[2]).toEqual([]);
    expect(result[3]).toEqual(result[1]);
    expect(statements).toHaveLength(1);
  });

  test('documentsByOrderId matches the reference rows and isolates customers', async () => {
    const orders = (await ordersOf('3')).slice(0, 30);
    const documents = await referenceDocuments(fixture().database);
    const ids = orders.map((order) => order.id);

    const result = await fixture().erp.orders.documentsByOrderId('3', ids);
    const foreign = await fixture().erp.orders.documentsByOrderId('1', ids);

    for (const [index, id] of ids.entries()) {
      const expected = documents
        .filter((document) => document.orderId === id)
        .sort((a, b) => compareText(a.createdDate, b.createdDate) || Number(BigInt(a.id) - BigInt(b.id)));
      expect(result[index]).toEqual(expected);
    }
    expect(result.flat().length).toBeGreaterThan(ids.length);
    expect(foreign.flat()).toEqual([]);
  });

  test('empty key lists send no statement', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      Promise.all([
        fixture().erp.orders.ordersByNumber('1', []),
        fixture().erp.orders.ordersById('1', []),
        fixture().erp.orders.linesByOrderId('1', []),
        fixture().erp.orders.shipmentsByOrderId('1', ['x']),
        fixture().erp.orders.documentsByOrderId('1', []),
      ]),
    );

    expect(result).toEqual([[], [], [], [[]], []]);
    expect(statements).toHaveLength(0);
  });

  test('lists never return another customer orders', async () => {
    const listed = await listAll('2', {});

    expect(listed.every((order) => order.customerId === '2')).toBe(true);
    expect(listed).toHaveLength((await ordersOf('2')).length);
  });
});
