/**
 * Comparison and output of stored values by field type, with SOQL's rules:
 * text compares without regard to letter case (ids and references compare
 * exactly), picklists sort in their setup order, and datetimes print as
 * "2026-03-01T09:30:00.000+0000".
 */
import type { StoredValue } from '../org';
import type { FieldDef, FieldType } from '../schema';

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'picklist', 'email']);

export function isText(type: FieldType): boolean {
  return TEXT_TYPES.has(type) || isIdLike(type);
}

export function isIdLike(type: FieldType): boolean {
  return type === 'id' || type === 'reference';
}

/** Equality of two non-null values of one field. */
export function valuesEqual(field: FieldDef, left: StoredValue, right: StoredValue): boolean {
  if (typeof left === 'string' && typeof right === 'string' && TEXT_TYPES.has(field.type)) {
    return left.toLowerCase() === right.toLowerCase();
  }
  return left === right;
}

/** Orders two non-null values of one field: negative, zero or positive. */
export function compareValues(field: FieldDef, left: StoredValue, right: StoredValue): number {
  if (field.type === 'picklist' && field.picklist !== undefined && typeof left === 'string' && typeof right === 'string') {
    // Values missing from the picklist (inactive values) sort after the listed ones.
    const rank = (value: string): number => {
      const index = field.picklist!.findIndex((entry) => entry.toLowerCase() === value.toLowerCase());
      return index < 0 ? field.picklist!.length : index;
    };
    const byRank = rank(left) - rank(right);
    if (byRank !== 0) {
      return byRank;
    }
  }

  if (typeof left === 'string' && typeof right === 'string') {
    const a = TEXT_TYPES.has(field.type) ? left.toLowerCase() : left;
    const b = TEXT_TYPES.has(field.type) ? right.toLowerCase() : right;
    if (a === b) {
      return 0;
    }
    return a < b ? -1 : 1;
  }
  if (typeof left === 'number' && typeof right === 'number') {
    return left - right;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') {
    return Number(left) - Number(right);
  }
  return 0;
}

/** Orders two values that may be null; `nullsFirst` decides where nulls go. */
export function compareNullable(field: FieldDef, left: StoredValue, right: StoredValue, nullsFirst: boolean): number {
  if (left === null || right === null) {
    if (left === right) {
      return 0;
    }
    return (left === null) === nullsFirst ? -1 : 1;
  }
  return compareValues(field, left, right);
}

/** The JSON value the REST API returns for a stored value. */
export function formatValue(field: FieldDef, value: StoredValue): StoredValue {
  if (value === null) {
    return null;
  }
  if (field.type === 'datetime' && typeof value === 'number') {
    return formatDateTime(value);
  }
  return value;
}

export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
