import { assertPropertyFits } from '../store/text.js';

/**
 * Domain records ↔ flat table properties. Nested plain objects are flattened one level (`update_whatIsWorking`),
 * so each long text sits in its own property under the 64 KiB cap; arrays are stored as JSON text; undefined and
 * null are left out. Reading reverses this; the record's zod schema then checks what came back.
 */
type Scalar = string | number | boolean;
const SEPARATOR = '_';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function put(properties: Record<string, Scalar>, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const stored = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  if (typeof stored === 'string') assertPropertyFits(name, stored);
  properties[name] = stored;
}

export function flatten(record: object): Record<string, Scalar> {
  const properties: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(record)) {
    if (isPlainObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) put(properties, `${name}${SEPARATOR}${inner}`, innerValue);
    } else {
      put(properties, name, value);
    }
  }
  return properties;
}

/** Inverse of flatten for the given fields; table metadata (keys, etag, timestamp) is ignored. */
export function unflatten(entity: Record<string, unknown>, arrayFields: ReadonlySet<string>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'partitionKey' || name === 'rowKey' || name === 'etag' || name === 'timestamp' || name.startsWith('odata')) continue;
    const [outer, inner] = name.split(SEPARATOR, 2) as [string, string | undefined];
    const parsed = arrayFields.has(inner ?? outer) && typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    if (inner === undefined) {
      record[outer] = parsed;
    } else {
      const nested = (record[outer] ??= {}) as Record<string, unknown>;
      nested[inner] = parsed;
    }
  }
  return record;
}
