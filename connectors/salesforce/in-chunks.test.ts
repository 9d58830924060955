import { chunkInQueries, encodeSoql } from './in-chunks';
import { quote } from './soql';

const urlFor = (soql: string): string => `https://acme.my.salesforce.com/services/data/v62.0/query?q=${encodeSoql(soql)}`;
const render = (inList: string): string => `SELECT Id FROM Case WHERE AccountId = '001000000000001AAA' AND CaseNumber IN ${inList}`;

describe('chunkInQueries', () => {
  test('keeps every URL within the budget and every value once, in order', () => {
    const values = Array.from({ length: 500 }, (_, index) => quote(String(10_000 + index).padStart(8, '0')));
    const { queries, rejected } = chunkInQueries({ quotedValues: values, render, urlFor, maxUrlLength: 2_000 });

    expect(rejected).toEqual([]);
    expect(queries.length).toBeGreaterThan(1);
    for (const soql of queries) {
      expect(urlFor(soql).length).toBeLessThanOrEqual(2_000);
    }
    const listed = queries.flatMap((soql) => /IN \((.*)\)$/.exec(soql)?.[1]?.split(', ') ?? []);
    expect(listed).toEqual(values);
  });

  test('rejects a value that cannot fit even alone', () => {
    const { queries, rejected } = chunkInQueries({ quotedValues: [quote('1'), quote('x'.repeat(3_000)), quote('2')], render, urlFor, maxUrlLength: 2_000 });
    expect(queries).toHaveLength(2);
    expect(rejected).toHaveLength(1);
  });

  test('encodes quotes the way the request sends them', () => {
    expect(encodeSoql("Name = 'x'")).toBe('Name%20%3D%20%27x%27');
    expect(new URL(urlFor("Name = 'x'")).href).toBe(urlFor("Name = 'x'"));
  });
});
