/**
 * Keyset pagination shared by the list queries.
 *
 * Rows are ordered by (sort expression, id), both in the requested direction,
 * and a page after position (v, id0) keeps the rows with
 *   sort > v OR (sort = v AND id > id0)          (ascending)
 *   sort < v OR (sort = v AND id < id0)          (descending)
 * which is the row comparison (sort, id) > (v, id0) written so every engine
 * accepts it. The id tie-breaker keeps pages stable when sort values repeat.
 * One extra row is fetched to learn whether another page follows.
 */
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';

import * as decimal from '../decimal';
import type { Keyset, Page, SortDirection } from '../sources';
import { isIdString, isIsoDate, isIsoInstant, type EngineAdapter } from '../sql';
import { InvalidFilterError, InvalidKeysetError } from './errors';

/** Kind of a sort value, which decides how it is written in a key and bound in SQL. */
export type SortValueKind = 'text' | 'date' | 'instant' | 'decimal' | 'rank';

/** One sort field of a list: the SQL it orders by and how to read the value back from a node. */
export interface SortDefinition<Node> {
  kind: SortValueKind;
  expression: Expression<unknown>;
  /** For kind "rank": the values in ascending order, where `expression` yields each one's index. */
  ranks?: readonly string[];
  /** The node's sort value as a string, which becomes `key.value`. */
  valueOf(node: Node): string;
}

/** `CASE column WHEN 'A' THEN 0 WHEN 'B' THEN 1 ... END`, ranking enum values in the given order. */
export function rankExpression(column: string, values: readonly string[]): RawBuilder<number> {
  const branches = values.map((value, index) => sql`WHEN ${sql.lit(value)} THEN ${sql.lit(index)}`);
  return sql<number>`CASE ${sql.ref(column)} ${sql.join(branches, sql` `)} END`;
}

function boundSortValue<Node>(adapter: EngineAdapter, field: string, sort: SortDefinition<Node>, value: string | null): Expression<unknown> {
  const invalid = (expected: string): InvalidKeysetError =>
    new InvalidKeysetError(
      `Invalid page position for sort field ${field}: ${value === null ? 'null' : `"${value}"`} is not ${expected}. Request the first page again without "after".`,
    );

  if (value === null) {
    throw invalid('a value (this sort field has no empty values)');
  }
  switch (sort.kind) {
    case 'text':
      return sql`${value}`;
    case 'date':
      if (!isIsoDate(value)) {
        throw invalid('a YYYY-MM-DD date');
      }
      return sql`${adapter.dateParameter(value)}`;
    case 'instant':
      if (!isIsoInstant(value)) {
        throw invalid('an ISO 8601 instant');
      }
      return sql`${adapter.instantParameter(value)}`;
    case 'decimal':
      if (!decimal.isDecimalString(value)) {
        throw invalid('a decimal number');
      }
      return adapter.decimalValue(value);
    case 'rank': {
      const index = sort.ranks?.indexOf(value) ?? -1;
      if (index < 0) {
        throw invalid(`one of ${sort.ranks?.join(', ')}`);
      }
      return sql.lit(index);
    }
  }
}

export interface PageOptions<Node> {
  adapter: EngineAdapter;
  /** Sort field name, for error messages. */
  field: string;
  sort: SortDefinition<Node>;
  /** Qualified id column of the listed table, such as "erp_invoices.id". */
  idColumn: string;
  direction: SortDirection;
  first: number;
  after: Keyset | null;
}

/** Adds the keyset condition, the ORDER BY and the row limit (first + 1) to a list query. */
export function pageQuery<DB, TB extends keyof DB, O, Node>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: PageOptions<Node>,
): SelectQueryBuilder<DB, TB, O> {
  const { adapter, sort, direction, after } = options;
  if (!Number.isSafeInteger(options.first) || options.first < 1) {
    throw new InvalidFilterError(`Invalid page size ${options.first}: "first" must be a whole number of at least 1.`);
  }

  const id = sql.ref(options.idColumn);
  const order = direction === 'ASC' ? 'asc' : 'desc';
  let paged = query;

  if (after !== null) {
    if (!isIdString(after.id)) {
      throw new InvalidKeysetError(`Invalid page position: id "${after.id}" is not an ERP id. Request the first page again without "after".`);
    }
    const value = boundSortValue(adapter, options.field, sort, after.value);
    const beyond = sql.raw(direction === 'ASC' ? '>' : '<');
    const afterId = adapter.idParameter(after.id);
    paged = paged.where(
      sql<SqlBool>`(${sort.expression} ${beyond} ${value} OR (${sort.expression} = ${value} AND ${id} ${beyond} ${afterId}))`,
    );
  }

  paged = paged.orderBy(sort.expression as Expression<any>, order).orderBy(id as Expression<any>, order);
  return adapter.limit(paged, options.first + 1);
}

/** Cuts the fetched rows to `first` and builds each item's key from its sort value and id. */
export function toPage<Node extends { id: string }>(nodes: readonly Node[], first: number, sort: SortDefinition<Node>): Page<Node> {
  return {
    items: nodes.slice(0, first).map((node) => ({ node, key: { value: sort.valueOf(node), id: node.id } })),
    hasNextPage: nodes.length > first,
  };
}
