import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidKey, isUnavailable, StorageUnavailable, guarded } from '../../src/store/errors.js';
import { fingerprint } from '../../src/store/idempotency.js';
import { assertValidKey, entraIdKey, hashKey, isEntraId, joinKey, MAX_KEY_UNITS } from '../../src/store/keys.js';
import { characterCount, splitIntoChunks } from '../../src/store/text.js';

describe('keys', () => {
  it.each(['a/b', 'a\\b', 'a#b', 'a?b', 'a\u0000b', 'a\nb', 'a\u007fb'])('refuses %j', (key) => {
    expect(() => assertValidKey(key)).toThrow(InvalidKey);
  });

  it('refuses keys over 1 KiB and accepts one at the limit', () => {
    expect(assertValidKey('k'.repeat(MAX_KEY_UNITS))).toHaveLength(MAX_KEY_UNITS);
    expect(() => assertValidKey('k'.repeat(MAX_KEY_UNITS + 1))).toThrow(InvalidKey);
  });

  it('joins safe parts and refuses a part holding the separator', () => {
    expect(joinKey('t', 'CP-1')).toBe('t|CP-1');
    expect(() => joinKey('a|b', 'c')).toThrow(InvalidKey);
  });

  it('hashes any text to a valid fixed-length key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        const key = hashKey(text);
        expect(assertValidKey(key)).toHaveLength(43);
      }),
    );
  });

  it('stores Entra ids in one spelling and refuses non-GUIDs', () => {
    expect(entraIdKey('AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE')).toBe('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(() => entraIdKey('not-a-guid')).toThrow(InvalidKey);
  });

  it("accepts the Agents Playground's GUID-shaped mock ids, 13 digits in the last group", () => {
    expect(isEntraId('00000000-0000-0000-0000-0000000000001')).toBe(true);
    expect(entraIdKey('00000000-0000-0000-0000-0000000000020')).toBe('00000000-0000-0000-0000-0000000000020');
  });

  it.each([
    ['a Bot Framework channel id', '29:1a2b3c4d-0000-0000-0000-000000000000'],
    ['the Playground channel id', 'user-id-0'],
    ['an email', 'alexw@example.com'],
    ['a display name', 'Alex Wilber'],
    ['four groups', '00000000-0000-0000-0000'],
    ['an empty group', '00000000-0000--0000-000000000000'],
    ['the key separator', '00000000-0000-0000-0000-000000000000|x'],
    ['over 64 characters', `00000000-0000-0000-0000-${'0'.repeat(41)}`],
  ])('refuses %s as an Entra id', (_what, id) => {
    expect(isEntraId(id)).toBe(false);
    expect(() => entraIdKey(id)).toThrow(InvalidKey);
  });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text', () => {
  it('counts characters as people do', () => {
    expect(characterCount('a😀b')).toBe(3);
  });

  it('splits into chunks that rejoin exactly and never cut a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 2, max: 50 }), (text, size) => {
        const chunks = splitIntoChunks(text, size);
        expect(chunks.join('')).toBe(text);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(size);
          expect(chunk).not.toMatch(LONE_SURROGATE);
        }
      }),
    );
  });
});

describe('fingerprint', () => {
  it('ignores key order and undefined fields', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: undefined } })).toBe(fingerprint({ b: { c: 2 }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});

describe('error mapping', () => {
  it('reads statusCode because Azurite may leave code undefined', () => {
    expect(isUnavailable({ statusCode: 503, code: undefined })).toBe(true);
    expect(isUnavailable({ statusCode: 412, code: undefined })).toBe(false);
    expect(isUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
  });

  it('wraps unreachable storage as StorageUnavailable and passes the rest through', async () => {
    await expect(guarded(() => Promise.reject(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).rejects.toBeInstanceOf(StorageUnavailable);
    const notFound = Object.assign(new Error('gone'), { statusCode: 404 });
    await expect(guarded(() => Promise.reject(notFound))).rejects.toBe(notFound);
  });
});
