import { ValueTooLarge } from './errors.js';

/**
 * Size rules for stored text. Azure stores strings as UTF-16 and caps one property at 64 KiB (32,768 units) and
 * one entity at 1 MiB. We count people's text in characters (code points), as they would.
 */
const MAX_PROPERTY_UNITS = 32_000;

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Last line of defence before a write: no property may pass the service limit, whatever the caller checked. */
export function assertPropertyFits(name: string, value: string): void {
  if (value.length > MAX_PROPERTY_UNITS) {
    throw new ValueTooLarge(`Property "${name}" holds ${value.length} UTF-16 units; at most ${MAX_PROPERTY_UNITS} fit`);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Splits text into chunks of at most `size` units without cutting a surrogate pair in half. */
export function splitIntoChunks(text: string, size: number = MAX_PROPERTY_UNITS): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}
