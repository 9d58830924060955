import { BUSINESS_DATE, EDGE_CUSTOMER_ID, describeErpContract } from './test/fixture';

describeErpContract('directory', (fixture) => {
  test('contactsByEmail ignores case and keeps key order in one statement', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      fixture().erp.directory.contactsByEmail(['BOB@globex.example', 'nobody@example.com', 'edge.admin@EDGE.example', 'mallory@acme.example']),
    );

    expect(result).toEqual([
      { id: '5', customerId: '2', email: 'bob@globex.example', name: 'Bob Brown', role: 'ADMIN', portalAccess: true },
      null,
      { id: '100', customerId: EDGE_CUSTOMER_ID, email: 'Edge.Admin@Edge.example', name: 'Edge Admin', role: 'ADMIN', portalAccess: true },
      { id: '4', customerId: '1', email: 'mallory@acme.example', name: 'Mallory Moore', role: 'STANDARD', portalAccess: false },
    ]);
    expect(statements).toHaveLength(1);
  });

  test('e-mail wildcards match nothing', async () => {
    expect(await fixture().erp.directory.contactsByEmail(['%@acme.example', 'alice@acme_example'])).toEqual([null, null]);
  });

  test('contactsById and customersById keep key order', async () => {
    const contacts = await fixture().erp.directory.contactsById(['7', 'x', '999', '1']);
    const customers = await fixture().erp.directory.customersById(['3', '1', '2', '404', EDGE_CUSTOMER_ID]);

    expect(contacts.map((contact) => contact?.email ?? null)).toEqual(['carol@initech.example', null, null, 'alice@acme.example']);
    expect(customers).toEqual([
      { id: '3', number: 'C-10003', name: 'Initech K.K.', currency: 'JPY', salesforceAccountId: null },
      { id: '1', number: 'C-10001', name: 'Acme Corporation', currency: 'USD', salesforceAccountId: '001Dn000001AcmeAAA' },
      { id: '2', number: 'C-10002', name: 'Globex GmbH', currency: 'EUR', salesforceAccountId: '001Dn000002GlbxAAC' },
      null,
      { id: EDGE_CUSTOMER_ID, number: 'C-90001', name: 'Edge Cases Ltd', currency: 'USD', salesforceAccountId: null },
    ]);
  });

  test('empty key lists send no statement', async () => {
    const { result, statements } = await fixture().withStatements(() =>
      Promise.all([
        fixture().erp.directory.contactsByEmail([]),
        fixture().erp.directory.contactsById([]),
        fixture().erp.directory.customersById(['not-a-number']),
      ]),
    );

    expect(result).toEqual([[], [], [null]]);
    expect(statements).toHaveLength(0);
  });

  test('businessDate is the stored date in any process time zone', async () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(await fixture().erp.directory.businessDate()).toBe(BUSINESS_DATE);
      process.env.TZ = 'Pacific/Pago_Pago';
      expect(await fixture().erp.directory.businessDate()).toBe(BUSINESS_DATE);
    } finally {
      process.env.TZ = previous;
    }
  });

  test('health check runs one statement', async () => {
    const { statements } = await fixture().withStatements(() => fixture().erp.health.check());

    expect(fixture().erp.health.name).toBe('erp');
    expect(statements).toHaveLength(1);
  });
});
