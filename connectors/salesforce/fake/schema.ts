/**
 * The sObjects the fake Salesforce org defines, with the field properties its
 * SOQL engine and create endpoint check (type, length, filterable, sortable,
 * groupable, createable, picklist values, relationships). Names follow the
 * standard Salesforce objects; only the fields the portal needs are here.
 */

export type FieldType = 'id' | 'reference' | 'string' | 'textarea' | 'picklist' | 'email' | 'boolean' | 'datetime' | 'date' | 'int';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Maximum length of text fields, in characters. */
  length?: number;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  createable: boolean;
  /** Required on create. */
  required: boolean;
  /** Picklist values in their setup order, which ORDER BY follows. */
  picklist?: readonly string[];
  /** Object a reference points to, and the relationship name used in paths (CreatedBy.Name). */
  referenceTo?: string;
  relationshipName?: string;
}

export interface ObjectDef {
  name: string;
  keyPrefix: string;
  /** By lower-case field name. */
  fields: ReadonlyMap<string, FieldDef>;
  /** Reference fields by lower-case relationship name. */
  relationships: ReadonlyMap<string, FieldDef>;
}

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>;

function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  // Long text areas cannot be filtered, sorted or grouped in SOQL.
  const longText = type === 'textarea' && (options.length ?? 255) > 255;
  return {
    name,
    type,
    filterable: !longText,
    sortable: !longText,
    groupable: !longText && type !== 'datetime',
    createable: true,
    required: false,
    ...options,
  };
}

function reference(name: string, referenceTo: string, relationshipName: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'reference', { referenceTo, relationshipName, length: 18, ...options });
}

function systemFields(): FieldDef[] {
  return [
    field('Id', 'id', { createable: false, length: 18 }),
    field('CreatedDate', 'datetime', { createable: false }),
    field('LastModifiedDate', 'datetime', { createable: false }),
    reference('CreatedById', 'User', 'CreatedBy', { createable: false }),
  ];
}

function objectDef(name: string, keyPrefix: string, fields: FieldDef[]): ObjectDef {
  return {
    name,
    keyPrefix,
    fields: new Map(fields.map((definition) => [definition.name.toLowerCase(), definition])),
    relationships: new Map(
      fields.filter((definition) => definition.relationshipName !== undefined).map((definition) => [definition.relationshipName!.toLowerCase(), definition]),
    ),
  };
}

export const CASE_STATUSES = ['New', 'Working', 'Escalated', 'Waiting on Customer', 'Closed'] as const;
export const CASE_PRIORITIES = ['High', 'Medium', 'Low'] as const;

const OBJECTS: readonly ObjectDef[] = [
  objectDef('User', '005', [
    ...systemFields(),
    field('Name', 'string', { length: 121, required: true }),
    field('Username', 'string', { length: 80, required: true }),
    field('Email', 'email', { length: 80 }),
    field('IsActive', 'boolean'),
  ]),
  objectDef('Account', '001', [
    ...systemFields(),
    field('Name', 'string', { length: 255, required: true }),
    field('Rover_Customer_Number__c', 'string', { length: 20 }),
  ]),
  objectDef('Contact', '003', [
    ...systemFields(),
    reference('AccountId', 'Account', 'Account'),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { length: 80, required: true }),
    field('Name', 'string', { length: 121, createable: false }),
    field('Email', 'email', { length: 80 }),
    field('Birthdate', 'date'),
  ]),
  objectDef('Case', '500', [
    ...systemFields(),
    field('CaseNumber', 'string', { length: 30, createable: false }),
    reference('AccountId', 'Account', 'Account'),
    reference('ContactId', 'Contact', 'Contact'),
    field('Subject', 'string', { length: 255 }),
    field('Description', 'textarea', { length: 32_000 }),
    field('Status', 'picklist', { picklist: CASE_STATUSES, length: 255 }),
    field('IsClosed', 'boolean', { createable: false }),
    field('Priority', 'picklist', { picklist: CASE_PRIORITIES, length: 255 }),
    field('Origin', 'picklist', { picklist: ['Phone', 'Email', 'Web', 'Customer Portal'], length: 255 }),
    field('SuppliedName', 'string', { length: 80 }),
    field('SuppliedEmail', 'email', { length: 80 }),
    field('ClosedDate', 'datetime', { createable: false }),
  ]),
  objectDef('CaseComment', '00a', [
    ...systemFields(),
    reference('ParentId', 'Case', 'Parent', { required: true }),
    field('CommentBody', 'textarea', { length: 4_000 }),
    field('IsPublished', 'boolean'),
  ]),
];

const OBJECTS_BY_NAME = new Map(OBJECTS.map((definition) => [definition.name.toLowerCase(), definition]));

/** Returns the object definition for a name in any letter case, or undefined. */
export function findObject(name: string): ObjectDef | undefined {
  return OBJECTS_BY_NAME.get(name.toLowerCase());
}

export function objectByKeyPrefix(id: string): ObjectDef | undefined {
  return OBJECTS.find((definition) => id.startsWith(definition.keyPrefix));
}
