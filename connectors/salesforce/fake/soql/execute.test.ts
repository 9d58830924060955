import { FakeData } from '../data';
import { FakeOrg } from '../org';
import { SoqlError } from './errors';
import { executeSoql } from './execute';

const VERSION = '62.0';

function setUp() {
  const org = new FakeOrg();
  const [agent, other] = [
    org.insert('User', { Name: 'Sam Rivera', Username: 'sam@example.com', IsActive: true }, { userId: '' }),
    org.insert('User', { Name: 'Ann Other', Username: 'ann@example.com', IsActive: true }, { userId: '' }),
  ];
  const data = new FakeData(org, () => String(agent.Id));
  const [acme, globex] = data.addAccounts([
    { name: 'Acme', customerNumber: 'C-1' },
    { name: 'Globex', customerNumber: 'C-2' },
  ]);
  const cases = data.addCases([
    { accountId: acme!.Id, subject: "O'Brien's 100% order", status: 'New', priority: 'High', createdDate: '2026-01-01T10:00:00Z' },
    { accountId: acme!.Id, subject: 'Printer_jam', status: 'Working', priority: 'Low', createdDate: '2026-01-02T10:00:00Z' },
    { accountId: acme!.Id, subject: 'billing question', status: 'Closed', priority: null, createdDate: '2026-01-03T10:00:00Z' },
    { accountId: acme!.Id, subject: null, status: 'On Hold', priority: 'Medium', createdDate: '2026-01-03T10:00:00Z', createdById: String(other.Id) },
    { accountId: globex!.Id, subject: 'Globex case', status: 'Escalated', priority: 'High', createdDate: '2026-01-05T10:00:00.500Z' },
  ]);
  data.addContacts([
    { accountId: acme!.Id, lastName: 'Anderson', email: 'alice@acme.example', birthdate: '1990-05-01' },
    { accountId: acme!.Id, lastName: 'Evans', email: null, birthdate: null },
  ]);
  data.addComments([
    { caseId: cases[0]!.Id, body: 'public', published: true },
    { caseId: cases[0]!.Id, body: 'internal', published: false },
    { caseId: cases[4]!.Id, body: 'globex public', published: true },
  ]);
  return { org, data, acme: acme!.Id, globex: globex!.Id, cases };
}

function rows(org: FakeOrg, soql: string): Record<string, unknown>[] {
  const result = executeSoql(org, soql, VERSION);
  if (result.kind !== 'rows') {
    throw new Error('expected rows');
  }
  return result.records;
}

function subjects(org: FakeOrg, soql: string): unknown[] {
  return rows(org, soql).map((row) => row.Subject);
}

function rejection(org: FakeOrg, soql: string): SoqlError {
  try {
    executeSoql(org, soql, VERSION);
  } catch (error) {
    if (error instanceof SoqlError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected ${soql} to be rejected`);
}

describe('fake SOQL filters', () => {
  test('AND with OR in parentheses', () => {
    const { org, acme } = setUp();
    const soql = `SELECT Subject FROM Case WHERE AccountId = '${acme}' AND (Status = 'New' OR Priority = 'Low') ORDER BY CreatedDate`;
    expect(subjects(org, soql)).toEqual(["O'Brien's 100% order", 'Printer_jam']);
  });

  test('NOT and nested parentheses', () => {
    const { org, acme } = setUp();
    const soql = `SELECT Subject FROM Case WHERE AccountId = '${acme}' AND (NOT (Status = 'New' OR Status = 'Working')) ORDER BY CreatedDate, Id`;
    expect(subjects(org, soql)).toEqual(['billing question', null]);
  });

  test('IN and NOT IN, with nulls kept by NOT IN', () => {
    const { org, acme } = setUp();
    const inList = `SELECT Subject FROM Case WHERE AccountId = '${acme}' AND Priority IN ('high', 'LOW') ORDER BY CreatedDate`;
    expect(subjects(org, inList)).toEqual(["O'Brien's 100% order", 'Printer_jam']);

    const notIn = `SELECT Subject FROM Case WHERE AccountId = '${acme}' AND Priority NOT IN ('High', 'Low') ORDER BY CreatedDate, Id`;
    expect(subjects(org, notIn)).toEqual(['billing question', null]);
  });

  test('null comparisons follow SOQL', () => {
    const { org, acme } = setUp();
    expect(subjects(org, `SELECT Subject FROM Case WHERE Priority = null`)).toEqual(['billing question']);
    expect(subjects(org, `SELECT Subject FROM Case WHERE AccountId = '${acme}' AND Subject != 'Printer_jam' ORDER BY CreatedDate, Id`)).toEqual([
      "O'Brien's 100% order",
      'billing question',
      null,
    ]);
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject > 'a' ORDER BY Subject`)).toEqual(['billing question', 'Globex case', "O'Brien's 100% order", 'Printer_jam']);
  });

  test('LIKE is case-insensitive and honours escapes', () => {
    const { org } = setUp();
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject LIKE '%BILLING%'`)).toEqual(['billing question']);
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject LIKE '%100\\%%'`)).toEqual(["O'Brien's 100% order"]);
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject LIKE '%r\\_j%'`)).toEqual(['Printer_jam']);
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject LIKE 'o\\'brien%'`)).toEqual(["O'Brien's 100% order"]);
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject LIKE 'Printer_am'`)).toEqual([]);
    expect(subjects(org, `SELECT Subject FROM Case WHERE Subject LIKE 'Printer_jam'`)).toEqual(['Printer_jam']);
  });

  test('datetime comparisons with and without milliseconds and offsets', () => {
    const { org } = setUp();
    expect(subjects(org, `SELECT Subject FROM Case WHERE CreatedDate > 2026-01-03T10:00:00Z`)).toEqual(['Globex case']);
    expect(subjects(org, `SELECT Subject FROM Case WHERE CreatedDate >= 2026-01-05T10:00:00.500Z`)).toEqual(['Globex case']);
    expect(subjects(org, `SELECT Subject FROM Case WHERE CreatedDate > 2026-01-05T10:00:00.500Z`)).toEqual([]);
    expect(subjects(org, `SELECT Subject FROM Case WHERE CreatedDate < 2026-01-02T12:00:00+01:00 ORDER BY CreatedDate`)).toEqual([
      "O'Brien's 100% order",
      'Printer_jam',
    ]);
  });

  test('date comparisons', () => {
    const { org } = setUp();
    expect(rows(org, `SELECT LastName FROM Contact WHERE Birthdate < 2000-01-01`).map((row) => row.LastName)).toEqual(['Anderson']);
    expect(rows(org, `SELECT LastName FROM Contact WHERE Birthdate = null`).map((row) => row.LastName)).toEqual(['Evans']);
  });

  test('boolean and relationship fields', () => {
    const { org, acme } = setUp();
    const published = rows(org, `SELECT CommentBody, Parent.Subject FROM CaseComment WHERE Parent.AccountId = '${acme}' AND IsPublished = true`);
    expect(published).toEqual([
      {
        attributes: expect.objectContaining({ type: 'CaseComment' }),
        CommentBody: 'public',
        Parent: { attributes: expect.objectContaining({ type: 'Case' }), Subject: "O'Brien's 100% order" },
      },
    ]);
  });

  test('15-character ids match their 18-character form', () => {
    const { org, acme } = setUp();
    expect(rows(org, `SELECT Id FROM Account WHERE Id = '${acme.slice(0, 15)}'`).map((row) => row.Id)).toEqual([acme]);
  });
});

describe('fake SOQL sorting and windows', () => {
  test('multiple fields with directions and NULLS', () => {
    const { org, acme } = setUp();
    const soql = `SELECT Subject FROM Case WHERE AccountId = '${acme}' ORDER BY CreatedDate DESC, Subject ASC NULLS LAST`;
    expect(subjects(org, soql)).toEqual(['billing question', null, 'Printer_jam', "O'Brien's 100% order"]);

    const nullsFirst = `SELECT Subject FROM Case WHERE AccountId = '${acme}' ORDER BY Subject DESC NULLS FIRST`;
    expect(subjects(org, nullsFirst)).toEqual([null, 'Printer_jam', "O'Brien's 100% order", 'billing question']);
  });

  test('picklists sort in setup order, unknown values last', () => {
    const { org, acme } = setUp();
    const statuses = rows(org, `SELECT Status FROM Case WHERE AccountId = '${acme}' ORDER BY Status`).map((row) => row.Status);
    expect(statuses).toEqual(['New', 'Working', 'Closed', 'On Hold']);
  });

  test('relationship field in ORDER BY', () => {
    const { org, acme } = setUp();
    const soql = `SELECT Subject, CreatedBy.Name FROM Case WHERE AccountId = '${acme}' ORDER BY CreatedBy.Name, CreatedDate`;
    expect(rows(org, soql).map((row) => (row.CreatedBy as { Name: string }).Name)).toEqual(['Ann Other', 'Sam Rivera', 'Sam Rivera', 'Sam Rivera']);
  });

  test('LIMIT and OFFSET', () => {
    const { org } = setUp();
    expect(subjects(org, `SELECT Subject FROM Case ORDER BY CreatedDate, Id LIMIT 2 OFFSET 1`)).toEqual(['Printer_jam', 'billing question']);
  });
});

describe('fake SOQL aggregates', () => {
  test('COUNT() returns only a total', () => {
    const { org, acme } = setUp();
    expect(executeSoql(org, `SELECT COUNT() FROM Case WHERE AccountId = '${acme}'`, VERSION)).toEqual({ kind: 'count', totalSize: 4 });
  });

  test('GROUP BY with COUNT, MIN and MAX', () => {
    const { org } = setUp();
    const soql = `SELECT Priority, COUNT(Id) total, MIN(CreatedDate), MAX(Subject) FROM Case GROUP BY Priority ORDER BY Priority`;
    expect(rows(org, soql)).toEqual([
      { attributes: { type: 'AggregateResult' }, Priority: null, total: 1, expr0: '2026-01-03T10:00:00.000+0000', expr1: 'billing question' },
      { attributes: { type: 'AggregateResult' }, Priority: 'High', total: 2, expr0: '2026-01-01T10:00:00.000+0000', expr1: "O'Brien's 100% order" },
      { attributes: { type: 'AggregateResult' }, Priority: 'Medium', total: 1, expr0: '2026-01-03T10:00:00.000+0000', expr1: null },
      { attributes: { type: 'AggregateResult' }, Priority: 'Low', total: 1, expr0: '2026-01-02T10:00:00.000+0000', expr1: 'Printer_jam' },
    ]);
  });

  test('GROUP BY two fields including a boolean', () => {
    const { org, acme } = setUp();
    const soql = `SELECT Status, IsClosed, COUNT(Id) n FROM Case WHERE AccountId = '${acme}' GROUP BY Status, IsClosed`;
    const groups = rows(org, soql).map((row) => [row.Status, row.IsClosed, row.n]);
    expect(groups).toEqual(
      expect.arrayContaining([
        ['New', false, 1],
        ['Working', false, 1],
        ['Closed', true, 1],
        ['On Hold', false, 1],
      ]),
    );
    expect(groups).toHaveLength(4);
  });

  test('aggregate without GROUP BY over no rows', () => {
    const { org } = setUp();
    expect(rows(org, `SELECT COUNT(Id) FROM Case WHERE Subject = 'none'`)).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 0 }]);
  });
});

describe('fake SOQL rejects what it does not support', () => {
  const cases: [string, string, string][] = [
    ['mixed AND and OR', `SELECT Id FROM Case WHERE Status = 'New' OR Status = 'Closed' AND Priority = 'High'`, 'MALFORMED_QUERY'],
    ['syntax error', `SELECT Id FROM Case WHERE`, 'MALFORMED_QUERY'],
    ['unknown field', `SELECT Nope FROM Case`, 'INVALID_FIELD'],
    ['unknown relationship', `SELECT Owner.Name FROM Case`, 'INVALID_FIELD'],
    ['unknown object', `SELECT Id FROM Opportunity`, 'INVALID_TYPE'],
    ['quoted datetime', `SELECT Id FROM Case WHERE CreatedDate > '2026-01-01T00:00:00Z'`, 'MALFORMED_QUERY'],
    ['unquoted string', `SELECT Id FROM Case WHERE Subject = 5`, 'MALFORMED_QUERY'],
    ['date literal', `SELECT Id FROM Case WHERE CreatedDate = LAST_N_DAYS:30`, 'MALFORMED_QUERY'],
    ['long text area filter', `SELECT Id FROM Case WHERE Description = 'x'`, 'INVALID_FIELD'],
    ['long text area sort', `SELECT Id FROM Case ORDER BY Description`, 'INVALID_FIELD'],
    ['HAVING', `SELECT Status, COUNT(Id) FROM Case GROUP BY Status HAVING COUNT(Id) > 1`, 'MALFORMED_QUERY'],
    ['ungrouped field', `SELECT Status, Priority, COUNT(Id) FROM Case GROUP BY Status`, 'MALFORMED_QUERY'],
    ['COUNT() with fields', `SELECT Id, COUNT() FROM Case`, 'MALFORMED_QUERY'],
    ['semi-join', `SELECT Id FROM Case WHERE Id IN (SELECT ParentId FROM CaseComment)`, 'MALFORMED_QUERY'],
    ['subquery in SELECT', `SELECT Id, (SELECT Id FROM CaseComments) FROM Case`, 'MALFORMED_QUERY'],
    ['function in WHERE', `SELECT Id FROM Case WHERE CALENDAR_YEAR(CreatedDate) = 2026`, 'MALFORMED_QUERY'],
    ['invalid escape', `SELECT Id FROM Case WHERE Subject = 'a\\qb'`, 'MALFORMED_QUERY'],
    ['invalid id', `SELECT Id FROM Case WHERE AccountId = 'not-an-id'`, 'MALFORMED_QUERY'],
    ['alias outside aggregates', `SELECT Subject s FROM Case`, 'MALFORMED_QUERY'],
    ['duplicate field', `SELECT Id, id FROM Case`, 'MALFORMED_QUERY'],
    ['large OFFSET', `SELECT Id FROM Case LIMIT 10 OFFSET 2001`, 'NUMBER_OUTSIDE_VALID_RANGE'],
    ['range on picklist', `SELECT Id FROM Case WHERE Status > 'New'`, 'MALFORMED_QUERY'],
  ];

  test.each(cases)('%s', (_name, soql, errorCode) => {
    const { org } = setUp();
    expect(rejection(org, soql).errorCode).toBe(errorCode);
  });
});
