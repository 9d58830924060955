/**
 * Shapes query rows like the REST API: an `attributes` object, the selected
 * fields under their canonical names, and related records nested under
 * their relationship name (null when the reference is empty).
 */
import type { FakeOrg, StoredRecord, StoredValue } from '../org';
import { findObject, type ObjectDef } from '../schema';
import type { FieldPath } from './paths';
import { formatValue } from './values';

export type JsonRecord = { [key: string]: StoredValue | JsonRecord | { type: string; url?: string } };

export function attributesOf(object: ObjectDef, id: string, version: string): { type: string; url: string } {
  return { type: object.name, url: `/services/data/v${version}/sobjects/${object.name}/${id}` };
}

export function projectRecord(org: FakeOrg, object: ObjectDef, record: StoredRecord, paths: readonly FieldPath[], version: string): JsonRecord {
  const output: JsonRecord = { attributes: attributesOf(object, String(record.Id), version) };

  for (const path of paths) {
    let target: JsonRecord = output;
    let current: StoredRecord | undefined = record;
    let reachable = true;

    for (const [index, reference] of path.references.entries()) {
      const name = path.segments[index] ?? reference.name;
      const id: StoredValue | undefined = current?.[reference.name];
      const related: StoredRecord | undefined = typeof id === 'string' ? org.get(id) : undefined;

      if (target[name] === undefined) {
        const relatedObject = reference.referenceTo === undefined ? undefined : findObject(reference.referenceTo);
        target[name] = related === undefined || relatedObject === undefined ? null : { attributes: attributesOf(relatedObject, String(related.Id), version) };
      }

      const next = target[name];
      if (next === null || typeof next !== 'object') {
        reachable = false;
        break;
      }
      target = next as JsonRecord;
      current = related;
    }

    if (reachable) {
      target[path.field.name] = formatValue(path.field, current?.[path.field.name] ?? null);
    }
  }
  return output;
}
