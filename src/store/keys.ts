import { createHash } from 'node:crypto';
import { InvalidKey } from './errors.js';

/**
 * PartitionKey / RowKey rules. Azure refuses `/ \ # ?` and control characters in keys and caps each at 1 KiB
 * (512 UTF-16 units; Azurite enforces 512 too). Every key the store writes passes through assertValidKey.
 */
export const MAX_KEY_UNITS = 512;

/** The separator between key parts; parts themselves may not contain it. */
const KEY_SEPARATOR = '|';

const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

export function assertValidKey(key: string): string {
  if (key.length > MAX_KEY_UNITS) throw new InvalidKey(`longer than ${MAX_KEY_UNITS} characters`);
  if (FORBIDDEN.test(key)) throw new InvalidKey('contains / \\ # ? or a control character');
  return key;
}

/** Joins already-safe parts (Entra ids, case references, ids) into one key. */
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

/**
 * Entra tenant and object ids as activities carry them. Real ones are GUIDs, but nothing here reads an id as a
 * GUID: it is an opaque key part. So the check is what keys need (key-safe, one spelling, bounded) plus the
 * GUID's shape, five groups of hex digits, which still refuses a name, an email or a Bot Framework channel id
 * (`29:…`, `user-id-0`) put in the wrong field. Group lengths are not enforced because the Microsoft 365 Agents
 * Playground's mock ids, 00000000-0000-0000-0000-0000000000020, have 13 digits in the last group.
 */
const ENTRA_ID = /^[0-9a-f]+(?:-[0-9a-f]+){4}$/i;
const MAX_ENTRA_ID_LENGTH = 64;

export function isEntraId(value: string): boolean {
  return value.length <= MAX_ENTRA_ID_LENGTH && ENTRA_ID.test(value);
}

/** Keys are case-sensitive and hex is not, so one spelling (lower case) is stored. */
export function entraIdKey(id: string): string {
  if (!isEntraId(id)) throw new InvalidKey('an Entra id must be a GUID');
  return id.toLowerCase();
}
