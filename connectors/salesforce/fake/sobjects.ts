/**
 * The sObject resources of the fake's REST API: create (POST
 * /sobjects/{type}) with Salesforce's field checks and error codes, and
 * retrieve (GET /sobjects/{type}/{id}).
 */
import { isSalesforceId, toId18 } from '../salesforce-id';
import type { FakeOrg, StoredRecord } from './org';
import { findObject, type FieldDef } from './schema';
import { attributesOf } from './soql/projection';
import { formatValue, isIdLike, isText } from './soql/values';

export type ApiAnswer = { status: number; body: unknown };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function createRecord(org: FakeOrg, objectName: string, body: unknown, userId: string): ApiAnswer {
  const object = findObject(objectName);
  if (object === undefined) {
    return notFound();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return apiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values.');
  }

  const fields: StoredRecord = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const field = object.fields.get(name.toLowerCase());
    if (field === undefined) {
      return apiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, [name]);
    }
    if (!field.createable) {
      return apiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [field.name],
      );
    }

    const checked = checkFieldValue(org, field, value);
    if ('error' in checked) {
      return checked.error;
    }
    fields[field.name] = checked.value;
  }

  const missing = [...object.fields.values()].filter((field) => field.required && (fields[field.name] === undefined || fields[field.name] === null));
  if (missing.length > 0) {
    const names = missing.map((field) => field.name);
    return apiError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
  }

  const record = org.insert(object.name, fields, { userId });
  return { status: 201, body: { id: record.Id, success: true, errors: [] } };
}

export function retrieveRecord(org: FakeOrg, objectName: string, id: string, version: string): ApiAnswer {
  const object = findObject(objectName);
  const record = isSalesforceId(id) ? org.get(toId18(id)) : undefined;
  if (object === undefined || record === undefined || !String(record.Id).startsWith(object.keyPrefix)) {
    return notFound();
  }

  const output: Record<string, unknown> = { attributes: attributesOf(object, String(record.Id), version) };
  for (const field of object.fields.values()) {
    output[field.name] = formatValue(field, record[field.name] ?? null);
  }
  return { status: 200, body: output };
}

export function apiError(status: number, errorCode: string, message: string, fields?: string[]): ApiAnswer {
  return { status, body: [{ message, errorCode, ...(fields === undefined ? {} : { fields }) }] };
}

export function notFound(): ApiAnswer {
  return apiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

function checkFieldValue(org: FakeOrg, field: FieldDef, value: unknown): { value: StoredRecord[string] } | { error: ApiAnswer } {
  if (value === null) {
    return { value: null };
  }

  if (field.type === 'boolean') {
    if (typeof value !== 'boolean') {
      return { error: apiError(400, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.name}: value not of required type: ${String(value)}`, [field.name]) };
    }
    return { value };
  }

  if (!isText(field.type) || typeof value !== 'string') {
    return { error: apiError(400, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.name}: value not of required type: ${String(value)}`, [field.name]) };
  }

  if (isIdLike(field.type)) {
    const target = isSalesforceId(value) ? org.get(toId18(value)) : undefined;
    const targetObject = field.referenceTo === undefined ? undefined : findObject(field.referenceTo);
    if (target === undefined || targetObject === undefined || !String(target.Id).startsWith(targetObject.keyPrefix)) {
      return { error: apiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]) };
    }
    return { value: String(target.Id) };
  }

  if (field.length !== undefined && value.length > field.length) {
    return {
      error: apiError(400, 'STRING_TOO_LONG', `${field.name}: data value too large: ${value.slice(0, 20)}... (max length=${field.length})`, [field.name]),
    };
  }
  if (field.type === 'email' && !EMAIL.test(value)) {
    return { error: apiError(400, 'INVALID_EMAIL_ADDRESS', `${field.name}: invalid email address: ${value}`, [field.name]) };
  }
  return { value };
}
