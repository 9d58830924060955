/**
 * Runs a SOQL query against the fake org: parse with soql-parser-js, check
 * fields and literal types against the schema, filter, sort, limit and
 * shape the rows. Anything the fake does not implement is rejected with
 * MALFORMED_QUERY instead of returning wrong rows.
 */
import { parseQuery, type FieldType as SelectField, type OrderByClause, type Query } from 'soql-parser-js';

import type { FakeOrg, StoredRecord } from '../org';
import { findObject, type ObjectDef } from '../schema';
import { runAggregate } from './aggregate';
import { malformed, SoqlError, unsupported } from './errors';
import { readPath, resolvePath, type FieldPath } from './paths';
import { projectRecord } from './projection';
import { compareNullable } from './values';
import { compileWhere } from './where';

/** Salesforce rejects OFFSET above 2,000. */
const MAX_OFFSET = 2_000;

export type SoqlResult =
  /** `SELECT COUNT() ...`: the count is the result's totalSize and no rows are returned. */
  | { kind: 'count'; totalSize: number }
  | { kind: 'rows'; records: Record<string, unknown>[] };

export function executeSoql(org: FakeOrg, soql: string, version: string): SoqlResult {
  const query = parse(soql);
  rejectUnsupportedClauses(query);

  const object = findObject(query.sObject ?? '');
  if (object === undefined) {
    throw new SoqlError('INVALID_TYPE', `sObject type '${query.sObject ?? ''}' is not supported.`);
  }

  const fields = query.fields ?? [];
  const groupBy = toList(query.groupBy).map((clause) => {
    if (!('field' in clause)) {
      throw unsupported('GROUP BY on a function');
    }
    return clause.field;
  });
  const orderBy = toList(query.orderBy);

  const predicate = compileWhere(org, object, query.where);
  const matching = org.records(object.name).filter(predicate);

  if (isCountOnly(fields)) {
    if (groupBy.length > 0 || fields.length > 1) {
      throw malformed('COUNT() must be the only element in the SELECT list and cannot be grouped');
    }
    return { kind: 'count', totalSize: window(matching, query).length };
  }

  const aggregate = groupBy.length > 0 || fields.some((field) => field.type === 'FieldFunctionExpression');
  if (aggregate) {
    return { kind: 'rows', records: window(runAggregate(org, object, matching, fields, groupBy, orderBy), query) };
  }

  const paths = selectPaths(object, fields);
  const sorted = sortRecords(org, object, [...matching], orderBy);
  return { kind: 'rows', records: window(sorted, query).map((record) => projectRecord(org, object, record, paths, version)) };
}

function parse(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
}

function rejectUnsupportedClauses(query: Query): void {
  const unsupportedClauses: [boolean, string][] = [
    [query.having !== undefined, 'HAVING'],
    [query.withDataCategory !== undefined, 'WITH DATA CATEGORY'],
    [query.withAccessLevel !== undefined, 'WITH USER_MODE or SYSTEM_MODE'],
    [query.for !== undefined, 'FOR VIEW, REFERENCE or UPDATE'],
    [query.update !== undefined, 'UPDATE TRACKING or VIEWSTAT'],
    [query.usingScope !== undefined, 'USING SCOPE'],
    [query.sObjectAlias !== undefined, 'object aliases in FROM'],
  ];
  for (const [present, clause] of unsupportedClauses) {
    if (present) {
      throw unsupported(clause);
    }
  }
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
}

function isCountOnly(fields: readonly SelectField[]): boolean {
  return fields.some((field) => field.type === 'FieldFunctionExpression' && field.functionName.toUpperCase() === 'COUNT' && field.parameters.length === 0);
}

function selectPaths(object: ObjectDef, fields: readonly SelectField[]): FieldPath[] {
  const seen = new Set<string>();
  return fields.map((field) => {
    if (field.type !== 'Field' && field.type !== 'FieldRelationship') {
      throw unsupported(`${field.type} in SELECT`);
    }
    if ('alias' in field && field.alias !== undefined) {
      throw malformed(`Only aggregate expressions use field aliasing: ${field.alias}`);
    }

    const name = field.type === 'Field' ? field.field : [...field.relationships, field.field].join('.');
    const path = resolvePath(object, name);
    if (seen.has(path.key)) {
      throw malformed(`duplicate field selected: ${name}`);
    }
    seen.add(path.key);
    return path;
  });
}

function sortRecords(org: FakeOrg, object: ObjectDef, records: StoredRecord[], orderBy: readonly OrderByClause[]): StoredRecord[] {
  if (orderBy.length === 0) {
    return records;
  }

  const keys = orderBy.map((clause) => {
    if (!('field' in clause)) {
      throw unsupported('ORDER BY on a function');
    }
    const path = resolvePath(object, clause.field);
    if (!path.field.sortable) {
      throw new SoqlError('INVALID_FIELD', `field '${clause.field}' can not be sorted in a query call`);
    }
    // Salesforce sorts nulls first unless NULLS LAST is given.
    return { path, descending: clause.order === 'DESC', nullsFirst: clause.nulls !== 'LAST' };
  });

  return records.sort((left, right) => {
    for (const key of keys) {
      const a = readPath(org, left, key.path);
      const b = readPath(org, right, key.path);
      const order = compareNullable(key.path.field, a, b, key.nullsFirst);
      if (order !== 0) {
        // NULLS FIRST/LAST applies in either direction, so only non-null comparisons flip.
        return key.descending && a !== null && b !== null ? -order : order;
      }
    }
    return 0;
  });
}

function window<T>(rows: T[], query: Query): T[] {
  const start = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : start + query.limit;
  return rows.slice(start, end);
}

function toList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
