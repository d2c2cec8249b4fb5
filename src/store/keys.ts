import { createHash } from 'node:crypto';
import { InvalidKey } from './errors.js';

/**
 * PartitionKey / RowKey rules. Azure refuses `/ \ # ?` and control characters in keys and caps each at 1 KiB
 * (512 UTF-16 units; Azurite enforces 512 too). Every key the store writes passes through assertValidKey.
 */
export const MAX_KEY_UNITS = 512;

/** The separator between key parts; parts themselves may not contain it. */
export const KEY_SEPARATOR = '|';

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

export function assertValidKey(key: string): string {
  if (key.length > MAX_KEY_UNITS) throw new InvalidKey(`longer than ${MAX_KEY_UNITS} characters`);
  if (FORBIDDEN.test(key)) throw new InvalidKey('contains / \\ # ? or a control character');
  return key;
}

/** Joins already-safe parts (GUIDs, case references, ids) into one key. */
export function joinKey(...parts: readonly string[]): string {
  for (const part of parts) {
    if (part.includes(KEY_SEPARATOR)) throw new InvalidKey(`a key part contains "${KEY_SEPARATOR}"`);
  }
  return assertValidKey(parts.join(KEY_SEPARATOR));
}

/**
 * A fixed-length, key-safe stand-in for free text chosen by someone else (idempotency keys, botbuilder storage
 * keys): SHA-256 in base64url, so any input of any length becomes 43 safe characters.
 */
export function hashKey(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Entra tenant and object ids are GUIDs; keys are case-sensitive, so one spelling (lower case) is stored. */
export function entraIdKey(id: string): string {
  if (!isGuid(id)) throw new InvalidKey('an Entra id must be a GUID');
  return id.toLowerCase();
}
