/**
 * Field paths such as `Subject`, `CreatedBy.Name` or `Parent.AccountId`:
 * resolved against the schema once per query, then read from records.
 */
import type { FakeOrg, StoredRecord, StoredValue } from '../org';
import { findObject, type FieldDef, type ObjectDef } from '../schema';
import { SoqlError } from './errors';

export interface FieldPath {
  /** Reference fields followed before the final field, in order. */
  references: FieldDef[];
  field: FieldDef;
  /** Canonical names: relationship names, then the field name. */
  segments: string[];
  /** Lower-case dotted path, for comparing paths. */
  key: string;
}

export function resolvePath(object: ObjectDef, path: string): FieldPath {
  const parts = path.split('.');
  const references: FieldDef[] = [];
  const segments: string[] = [];
  let current = object;

  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    if (last) {
      const field = current.fields.get(part.toLowerCase());
      if (field === undefined) {
        throw new SoqlError('INVALID_FIELD', `No such column '${part}' on entity '${current.name}'.`);
      }
      segments.push(field.name);
      return { references, field, segments, key: segments.join('.').toLowerCase() };
    }

    const reference = current.relationships.get(part.toLowerCase());
    const target = reference?.referenceTo === undefined ? undefined : findObject(reference.referenceTo);
    if (reference === undefined || target === undefined) {
      throw new SoqlError('INVALID_FIELD', `Didn't understand relationship '${part}' in field path '${path}' on entity '${current.name}'.`);
    }
    references.push(reference);
    segments.push(reference.relationshipName ?? part);
    current = target;
  }

  throw new SoqlError('INVALID_FIELD', `Empty field path on entity '${object.name}'.`);
}

/** Reads a path from a record; null when any reference on the way is empty. */
export function readPath(org: FakeOrg, record: StoredRecord, path: FieldPath): StoredValue {
  let current: StoredRecord | undefined = record;
  for (const reference of path.references) {
    const id: StoredValue | undefined = current[reference.name];
    current = typeof id === 'string' ? org.get(id) : undefined;
    if (current === undefined) {
      return null;
    }
  }
  return current[path.field.name] ?? null;
}
