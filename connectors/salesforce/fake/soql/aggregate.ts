/**
 * Aggregate queries: GROUP BY on fields (including relationship paths) with
 * COUNT, COUNT_DISTINCT, MIN, MAX, SUM and AVG, as AggregateResult rows.
 * Unaliased aggregates are named expr0, expr1 ... in SELECT order, and a
 * grouped field appears under its own name, as in Salesforce.
 */
import type { FieldFunctionExpression, FieldType as SelectField, OrderByClause } from 'soql-parser-js';

import type { FakeOrg, StoredRecord, StoredValue } from '../org';
import type { ObjectDef } from '../schema';
import { malformed, SoqlError, unsupported } from './errors';
import { readPath, resolvePath, type FieldPath } from './paths';
import { compareNullable, compareValues, formatValue, isText } from './values';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG']);

type Column =
  | { kind: 'group'; name: string; path: FieldPath }
  | { kind: 'aggregate'; name: string; functionName: string; path: FieldPath | null };

interface Group {
  values: StoredValue[];
  rows: StoredRecord[];
}

export function runAggregate(
  org: FakeOrg,
  object: ObjectDef,
  rows: readonly StoredRecord[],
  fields: readonly SelectField[],
  groupByFields: readonly string[],
  orderBy: readonly OrderByClause[],
): Record<string, unknown>[] {
  const groupPaths = groupByFields.map((name) => {
    const path = resolvePath(object, name);
    if (!path.field.groupable) {
      throw new SoqlError('INVALID_FIELD', `field '${name}' can not be grouped in a query call`);
    }
    return path;
  });
  const columns = compileColumns(object, fields, groupPaths);

  // Group rows; text groups ignore letter case, like Salesforce's GROUP BY.
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const values = groupPaths.map((path) => readPath(org, row, path));
    const key = JSON.stringify(values.map((value, index) => (typeof value === 'string' && isText(groupPaths[index]!.field.type) ? value.toLowerCase() : value)));
    const group = groups.get(key) ?? { values, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  if (groupPaths.length === 0 && groups.size === 0) {
    groups.set('[]', { values: [], rows: [] });
  }

  const ordered = sortGroups([...groups.values()], groupPaths, orderBy);
  return ordered.map((group) => {
    const output: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) {
      if (column.kind === 'group') {
        const index = groupPaths.findIndex((path) => path.key === column.path.key);
        output[column.name] = formatValue(column.path.field, group.values[index] ?? null);
      } else {
        output[column.name] = aggregateValue(org, column, group.rows);
      }
    }
    return output;
  });
}

function compileColumns(object: ObjectDef, fields: readonly SelectField[], groupPaths: readonly FieldPath[]): Column[] {
  let unnamed = 0;
  return fields.map((field): Column => {
    if (field.type === 'Field' || field.type === 'FieldRelationship') {
      const name = field.type === 'Field' ? field.field : (field.rawValue ?? [...field.relationships, field.field].join('.'));
      const path = resolvePath(object, name);
      if (!groupPaths.some((group) => group.key === path.key)) {
        throw malformed(`Field must be grouped or aggregated: ${name}`);
      }
      const alias = 'alias' in field && typeof field.alias === 'string' ? field.alias : path.field.name;
      return { kind: 'group', name: alias, path };
    }

    if (field.type !== 'FieldFunctionExpression' || !AGGREGATES.has(field.functionName.toUpperCase())) {
      throw unsupported(`the ${field.type === 'FieldFunctionExpression' ? field.functionName : field.type} expression in SELECT`);
    }
    const name = field.alias ?? `expr${unnamed++}`;
    return { kind: 'aggregate', name, functionName: field.functionName.toUpperCase(), path: aggregateArgument(object, field) };
  });
}

function aggregateArgument(object: ObjectDef, field: FieldFunctionExpression): FieldPath | null {
  const [parameter] = field.parameters;
  if (field.parameters.length !== 1 || typeof parameter !== 'string') {
    throw malformed(`${field.functionName} needs exactly one field argument in an aggregate query`);
  }
  return resolvePath(object, parameter);
}

function aggregateValue(org: FakeOrg, column: Extract<Column, { kind: 'aggregate' }>, rows: readonly StoredRecord[]): StoredValue {
  const path = column.path;
  if (path === null) {
    return rows.length;
  }
  const values = rows.map((row) => readPath(org, row, path)).filter((value): value is Exclude<StoredValue, null> => value !== null);

  switch (column.functionName) {
    case 'COUNT':
      return values.length;

    case 'COUNT_DISTINCT':
      return new Set(values.map((value) => (typeof value === 'string' ? value.toLowerCase() : value))).size;

    case 'MIN':
    case 'MAX': {
      if (values.length === 0) {
        return null;
      }
      const sign = column.functionName === 'MIN' ? 1 : -1;
      const best = values.reduce((chosen, value) => (sign * compareValues(path.field, value, chosen) < 0 ? value : chosen));
      return formatValue(path.field, best);
    }

    case 'SUM':
    case 'AVG': {
      if (path.field.type !== 'int') {
        throw malformed(`${column.functionName} needs a number field, not '${path.segments.join('.')}'`);
      }
      if (values.length === 0) {
        return null;
      }
      const sum = values.reduce<number>((total, value) => total + Number(value), 0);
      return column.functionName === 'SUM' ? sum : sum / values.length;
    }

    default:
      throw unsupported(`the aggregate function ${column.functionName}`);
  }
}

function sortGroups(groups: Group[], groupPaths: readonly FieldPath[], orderBy: readonly OrderByClause[]): Group[] {
  const keys = orderBy.map((clause) => {
    if (!('field' in clause)) {
      throw unsupported('ORDER BY on an aggregate function');
    }
    const index = groupPaths.findIndex((path) => path.key === clause.field.toLowerCase());
    if (index < 0) {
      throw malformed(`ORDER BY field '${clause.field}' must be grouped in an aggregate query`);
    }
    return { index, descending: clause.order === 'DESC', nullsFirst: clause.nulls !== 'LAST' };
  });

  return groups.sort((left, right) => {
    for (const key of keys) {
      const field = groupPaths[key.index]!.field;
      const order = compareNullable(field, left.values[key.index] ?? null, right.values[key.index] ?? null, key.nullsFirst);
      if (order !== 0) {
        const nullInvolved = left.values[key.index] === null || right.values[key.index] === null;
        return key.descending && !nullInvolved ? -order : order;
      }
    }
    return 0;
  });
}
