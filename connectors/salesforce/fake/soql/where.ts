/**
 * Compiles a WHERE clause into a record predicate.
 *
 * soql-parser-js returns conditions as a right-leaning chain with
 * parenthesis counts on each condition, not as a tree. The chain is flattened
 * into tokens and parsed again with SOQL's rule that AND and OR may not be
 * mixed without parentheses (Salesforce rejects `a OR b AND c`).
 *
 * Null handling follows SOQL: `= null` and `!= null` test for null, `!=`
 * and NOT IN are true for a null field, every other comparison is false.
 */
import type { WhereClause } from 'soql-parser-js';

import type { FakeOrg, StoredRecord, StoredValue } from '../org';
import type { ObjectDef } from '../schema';
import { malformed, SoqlError, unsupported } from './errors';
import { compileLikePattern, compileValue } from './literals';
import { readPath, resolvePath, type FieldPath } from './paths';
import { compareValues, valuesEqual } from './values';

export type Predicate = (record: StoredRecord) => boolean;

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Record<string, unknown> };

export function compileWhere(org: FakeOrg, object: ObjectDef, where: WhereClause | undefined): Predicate {
  if (where === undefined) {
    return () => true;
  }
  const parser = new TokenParser(flatten(where), (condition) => compileCondition(org, object, condition));
  return parser.parseAll();
}

function flatten(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | undefined = where;

  while (node !== undefined) {
    const left = node.left as Record<string, unknown> | null;
    const isCondition = left !== null && ('field' in left || 'fn' in left);

    const open = typeof left?.openParen === 'number' ? left.openParen : 0;
    for (let count = 0; count < open; count += 1) {
      tokens.push('(');
    }
    if (isCondition && left !== null) {
      tokens.push({ condition: left });
      const close = typeof left.closeParen === 'number' ? left.closeParen : 0;
      for (let count = 0; count < close; count += 1) {
        tokens.push(')');
      }
    }

    const operator = 'operator' in node ? node.operator : undefined;
    if (operator !== undefined) {
      tokens.push(operator);
    }
    node = 'right' in node ? node.right : undefined;
  }
  return tokens;
}

class TokenParser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly compile: (condition: Record<string, unknown>) => Predicate,
  ) {}

  parseAll(): Predicate {
    const predicate = this.parseExpression();
    if (this.position !== this.tokens.length) {
      throw malformed(`unexpected ${describe(this.tokens[this.position])} in WHERE clause`);
    }
    return predicate;
  }

  /** expression := unary { AND unary } | unary { OR unary } */
  private parseExpression(): Predicate {
    const operands = [this.parseUnary()];
    let joiner: 'AND' | 'OR' | null = null;

    for (;;) {
      const token = this.tokens[this.position];
      if (token !== 'AND' && token !== 'OR') {
        break;
      }
      if (joiner !== null && token !== joiner) {
        throw malformed('unexpected token: parentheses are required when mixing AND and OR');
      }
      joiner = token;
      this.position += 1;
      operands.push(this.parseUnary());
    }

    if (operands.length === 1) {
      return operands[0]!;
    }
    return joiner === 'AND' ? (record) => operands.every((operand) => operand(record)) : (record) => operands.some((operand) => operand(record));
  }

  /** unary := NOT unary | '(' expression ')' | condition */
  private parseUnary(): Predicate {
    const token = this.tokens[this.position];
    this.position += 1;

    if (token === 'NOT') {
      const operand = this.parseUnary();
      return (record) => !operand(record);
    }
    if (token === '(') {
      const inner = this.parseExpression();
      if (this.tokens[this.position] !== ')') {
        throw malformed('expecting a right parenthesis in WHERE clause');
      }
      this.position += 1;
      return inner;
    }
    if (typeof token === 'object') {
      return this.compile(token.condition);
    }
    throw malformed(`unexpected ${describe(token)} in WHERE clause`);
  }
}

function describe(token: Token | undefined): string {
  if (token === undefined) {
    return 'end of WHERE clause';
  }
  return typeof token === 'object' ? 'condition' : `token ${token}`;
}

function compileCondition(org: FakeOrg, object: ObjectDef, condition: Record<string, unknown>): Predicate {
  if ('fn' in condition) {
    throw unsupported('functions in WHERE conditions');
  }
  if ('valueQuery' in condition) {
    throw unsupported('semi-join subqueries in WHERE');
  }

  const fieldName = String(condition.field);
  const path = resolvePath(object, fieldName);
  if (!path.field.filterable) {
    throw new SoqlError('INVALID_FIELD', `field '${fieldName}' can not be filtered in a query call`);
  }

  const operator = String(condition.operator).toUpperCase();
  const literalType = condition.literalType as string | string[] | undefined;
  const value = condition.value as string | string[];
  const read = (record: StoredRecord): StoredValue => readPath(org, record, path);

  switch (operator) {
    case 'IN':
    case 'NOT IN': {
      const list = Array.isArray(value) ? value : [value];
      const types = Array.isArray(literalType) ? literalType : list.map(() => literalType);
      const values = list.map((raw, index) => compileValue(path.field, fieldName, types[index], raw));
      const contains = (actual: StoredValue): boolean =>
        values.some((expected) => (expected === null ? actual === null : actual !== null && valuesEqual(path.field, actual, expected)));
      return operator === 'IN' ? (record) => contains(read(record)) : (record) => !contains(read(record));
    }

    case 'LIKE': {
      const pattern = compileLikePattern(path.field, fieldName, single(literalType), single(value));
      return (record) => {
        const actual = read(record);
        return typeof actual === 'string' && pattern.test(actual);
      };
    }

    case '=':
    case '!=': {
      const expected = compileValue(path.field, fieldName, single(literalType), single(value));
      const equal = (actual: StoredValue): boolean =>
        expected === null ? actual === null : actual !== null && valuesEqual(path.field, actual, expected);
      return operator === '=' ? (record) => equal(read(record)) : (record) => !equal(read(record));
    }

    case '<':
    case '<=':
    case '>':
    case '>=':
      return compileRange(path, fieldName, operator, compileValue(path.field, fieldName, single(literalType), single(value)), read);

    default:
      throw unsupported(`the ${operator} operator`);
  }
}

function compileRange(
  path: FieldPath,
  fieldName: string,
  operator: '<' | '<=' | '>' | '>=',
  expected: StoredValue,
  read: (record: StoredRecord) => StoredValue,
): Predicate {
  if (expected === null) {
    throw malformed(`invalid operator ${operator} with a null value on field '${fieldName}'`);
  }
  if (path.field.type === 'picklist' || path.field.type === 'boolean') {
    throw unsupported(`range comparisons (${operator}) on ${path.field.type} field '${fieldName}'`);
  }

  return (record) => {
    const actual = read(record);
    if (actual === null) {
      return false;
    }
    const order = compareValues(path.field, actual, expected);
    switch (operator) {
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '>=':
        return order >= 0;
    }
  };
}

function single<T>(value: T | T[]): T {
  if (Array.isArray(value)) {
    throw malformed('a list of values is only allowed with IN and NOT IN');
  }
  return value;
}
