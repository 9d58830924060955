/**
 * The fake org's records in memory. Datetimes are stored as epoch
 * milliseconds and formatted the way the REST API writes them only on output.
 */
import { findObject, type FieldDef, type ObjectDef } from './schema';

export type StoredValue = string | number | boolean | null;
export type StoredRecord = Record<string, StoredValue>;

/** Statuses that close a Case (IsClosed = true), as the Case Status setup marks them. */
export const DEFAULT_CLOSED_STATUSES: readonly string[] = ['Closed'];

export class FakeOrg {
  private readonly byObject = new Map<string, StoredRecord[]>();
  private readonly byId = new Map<string, StoredRecord>();
  private readonly nextSerial = new Map<string, number>();
  private nextCaseNumber = 1001;

  constructor(readonly closedStatuses: readonly string[] = DEFAULT_CLOSED_STATUSES) {}

  records(objectName: string): readonly StoredRecord[] {
    return this.byObject.get(objectName) ?? [];
  }

  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }

  /**
   * Stores a record with system fields filled in. `fields` uses canonical
   * field names; it is trusted (the create endpoint validates first).
   */
  insert(objectName: string, fields: StoredRecord, options: { userId: string; now?: number }): StoredRecord {
    const definition = requireObject(objectName);
    const now = options.now ?? Date.now();
    const record: StoredRecord = {};
    for (const fieldDef of definition.fields.values()) {
      record[fieldDef.name] = null;
    }

    Object.assign(record, {
      Id: this.newId(definition),
      CreatedDate: now,
      LastModifiedDate: now,
      CreatedById: options.userId,
    });
    Object.assign(record, fields);
    this.applyDerivedFields(definition.name, record, fields);

    const list = this.byObject.get(definition.name) ?? [];
    list.push(record);
    this.byObject.set(definition.name, list);
    this.byId.set(record.Id as string, record);
    return record;
  }

  private applyDerivedFields(objectName: string, record: StoredRecord, explicitFields: StoredRecord): void {
    if (objectName === 'Case') {
      if (record.CaseNumber === null) {
        record.CaseNumber = String(this.nextCaseNumber++).padStart(8, '0');
      }
      // Picklist defaults apply only when the field was not given at all.
      if (!('Status' in explicitFields)) {
        record.Status = 'New';
      }
      if (!('Priority' in explicitFields)) {
        record.Priority = 'Medium';
      }
      if (!('IsClosed' in explicitFields)) {
        record.IsClosed = typeof record.Status === 'string' && this.closedStatuses.includes(record.Status);
      }
      if (record.IsClosed === true && !('ClosedDate' in explicitFields)) {
        record.ClosedDate = record.LastModifiedDate ?? null;
      }
    }
    if (objectName === 'Contact') {
      record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
    }
    if (objectName === 'CaseComment') {
      setDefault(record, 'IsPublished', false);
    }
  }

  private newId(definition: ObjectDef): string {
    const serial = this.nextSerial.get(definition.keyPrefix) ?? 1;
    this.nextSerial.set(definition.keyPrefix, serial + 1);
    // Digits only, so the 18-character checksum suffix is always "AAA".
    return `${definition.keyPrefix}${String(serial).padStart(12, '0')}AAA`;
  }
}

function setDefault(record: StoredRecord, field: string, value: StoredValue): void {
  if (record[field] === null || record[field] === undefined) {
    record[field] = value;
  }
}

export function requireObject(name: string): ObjectDef {
  const definition = findObject(name);
  if (definition === undefined) {
    throw new Error(`The fake org has no sObject ${name}.`);
  }
  return definition;
}

export function fieldsOf(definition: ObjectDef): FieldDef[] {
  return [...definition.fields.values()];
}
