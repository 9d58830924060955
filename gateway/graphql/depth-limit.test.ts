import 'reflect-metadata';

import { getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';

import { createDepthLimitRule } from './depth-limit';
import { buildGatewaySchema } from './schema';

const schema = buildGatewaySchema();

function depthErrors(query: string, maxDepth = 12): string[] {
  return validate(schema, parse(query), [...specifiedRules, createDepthLimitRule(maxDepth)]).map((error) => error.message);
}

/** invoices > edges > node, then `hops` times order > invoices, then number. */
function nestedQuery(hops: number): string {
  let selection = 'number';
  for (let hop = 0; hop < hops; hop += 1) {
    selection = `order { invoices { ${selection} } }`;
  }
  return `query Deep { invoices { edges { node { ${selection} } } } }`;
}

describe('depth limit rule', () => {
  it('accepts the standard introspection query', () => {
    expect(depthErrors(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it('accepts a query at the limit', () => {
    // 3 levels for invoices.edges.node, 2 per hop, 1 for number: 3 + 8 + 1 = 12.
    expect(depthErrors(nestedQuery(4))).toEqual([]);
  });

  it('rejects a query one level deeper', () => {
    expect(depthErrors(nestedQuery(5))).toEqual([
      'Operation "Deep" nests fields more than 12 levels deep. Request fewer nested levels, or split it into several queries.',
    ]);
  });

  it('counts fragments as if inlined', () => {
    const query = `
      query ViaFragments { invoices { edges { node { ...A } } } }
      fragment A on Invoice { order { invoices { ...B } } }
      fragment B on Invoice { order { invoices { number } } }`;
    expect(depthErrors(query, 8)).toEqual([]);
    expect(depthErrors(query, 7)).toHaveLength(1);
  });

  it('stops on fragment cycles', () => {
    const query = `
      query Cycle { invoices { edges { node { ...A } } } }
      fragment A on Invoice { order { invoices { ...A } } }`;
    // NoFragmentCyclesRule reports the cycle; the depth rule must not loop.
    expect(depthErrors(query).some((message) => message.includes('Cannot spread fragment "A" within itself'))).toBe(true);
  });

  it('counts ofType only on __Type', () => {
    // __schema, types, fields, type and name: depth 5 however many ofType.
    const query = `{ __schema { types { fields { type { ${'ofType { '.repeat(10)}name${' }'.repeat(10)} } } } } }`;
    expect(depthErrors(query, 5)).toEqual([]);
    expect(depthErrors(query, 4)).toHaveLength(1);
  });
});
