/**
 * Decoder for the `application/x-www-form-urlencoded` bodies that stripe-node
 * sends: nested objects and arrays use bracket keys such as
 * `line_items[0][price_data][currency]=usd` or `expand[]=payment_intent`.
 */

/** A decoded form value: a string leaf, an object or an array. */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

/** Decodes a form body into nested objects; array indices become arrays in index order. */
export function decodeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = splitKey(key);
    if (path === null) {
      throw new FormDecodeError(`Invalid parameter name "${key}".`);
    }
    assign(root, path, value);
  }
  return arraysFromIndexedObjects(root) as FormObject;
}

export class FormDecodeError extends Error {
  override readonly name = 'FormDecodeError';
}

/** Splits `a[b][0][]` into ["a", "b", "0", ""]; null when the brackets do not pair up. */
function splitKey(key: string): string[] | null {
  const open = key.indexOf('[');
  if (open === -1) {
    return key === '' ? null : [key];
  }

  const head = key.slice(0, open);
  const rest = key.slice(open);
  if (head === '' || !/^(\[[^[\]]*\])+$/.test(rest)) {
    return null;
  }
  const segments = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((match) => match[1] ?? '');
  return [head, ...segments];
}

/**
 * Writes `value` at `path`. Containers are plain objects keyed by segment
 * while decoding; an empty segment (`[]`) appends with the next free index.
 */
function assign(root: FormObject, path: string[], value: string): void {
  let node: FormObject = root;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i] === '' ? String(Object.keys(node).length) : (path[i] as string);
    const last = i === path.length - 1;
    if (last) {
      if (segment in node) {
        throw new FormDecodeError(`Parameter "${path.join('.')}" is given twice.`);
      }
      node[segment] = value;
      return;
    }

    const next = node[segment];
    if (next === undefined) {
      const created: FormObject = {};
      node[segment] = created;
      node = created;
    } else if (typeof next === 'string' || Array.isArray(next)) {
      throw new FormDecodeError(`Parameter "${path.slice(0, i + 1).join('.')}" is both a value and an object.`);
    } else {
      node = next;
    }
  }
}

/** Turns every object whose keys are exactly 0..n-1 into an array. */
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) {
    return value;
  }

  const keys = Object.keys(value);
  for (const key of keys) {
    value[key] = arraysFromIndexedObjects(value[key] as FormValue);
  }
  const indexed = keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
  if (!indexed) {
    return value;
  }

  const indices = keys.map(Number).sort((a, b) => a - b);
  if (indices.some((index, position) => index !== position)) {
    throw new FormDecodeError(`Array indices must run from 0 without gaps; got ${indices.join(', ')}.`);
  }
  return indices.map((index) => value[String(index)] as FormValue);
}

/** JSON text with object keys sorted, so two requests with the same parameters compare equal. */
export function canonicalJson(value: FormValue): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as FormValue)}`).join(',')}}`;
}
