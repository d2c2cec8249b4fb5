import { MemoryStorage, type Storage } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValueTooLarge } from '../../src/store/errors.js';
import { MAX_ITEM_UNITS, TableTurnStateStorage } from '../../src/store/turnStateStorage.js';
import { testTables } from '../setup/tables.js';

/**
 * The botbuilder Storage contract. Run against MemoryStorage too, so the suite itself is known to describe
 * botbuilder's own semantics rather than ours.
 */
function contract(name: string, make: () => Promise<Storage>, options: { largeValues: boolean }): void {
  describe(`${name} honours the botbuilder Storage contract`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await make();
    });

    it('reads nothing for unknown keys', async () => {
      expect(await storage.read(['nobody'])).toEqual({});
    });

    it('writes and reads back items with an eTag, whatever the key', async () => {
      const key = 'msteams/bot-id/conversations/a:1Xy#?\\ü/users/29:abc';
      await storage.write({ [key]: { count: 1, nested: { list: [1, 2] } } });
      const items = await storage.read([key, 'absent']);
      expect(Object.keys(items)).toEqual([key]);
      expect(items[key]).toMatchObject({ count: 1, nested: { list: [1, 2] } });
      expect(typeof items[key].eTag).toBe('string');
    });

    it('deletes, and deleting what is absent is not an error', async () => {
      await storage.write({ gone: { x: 1 } });
      await storage.delete(['gone', 'never-there']);
      expect(await storage.read(['gone'])).toEqual({});
    });

    it('accepts a write with the current eTag and refuses a stale one', async () => {
      await storage.write({ conflict: { value: 'first' } });
      const read = (await storage.read(['conflict']))['conflict'];
      await storage.write({ conflict: { ...read, value: 'second' } });
      await expect(storage.write({ conflict: { ...read, value: 'stale' } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['conflict']))['conflict'].value).toBe('second');
    });

    it("overwrites unconditionally with eTag '*' or no eTag", async () => {
      await storage.write({ star: { value: 1 } });
      await storage.write({ star: { value: 2, eTag: '*' } });
      await storage.write({ star: { value: 3 } });
      expect((await storage.read(['star']))['star'].value).toBe(3);
    });

    it.runIf(options.largeValues)('splits a value larger than one property and joins it back; a shorter rewrite leaves no stale parts', async () => {
      // Non-ASCII over several 64 KB network chunks: also guards the Azurite UTF-8 chunking fault (see connect.ts).
      const big = { text: '😀'.repeat(50_000) + 'x'.repeat(70_001) };
      await storage.write({ big });
      expect((await storage.read(['big']))['big'].text).toBe(big.text);
      await storage.write({ big: { text: 'short' } });
      expect((await storage.read(['big']))['big'].text).toBe('short');
    });
  });
}

contract('MemoryStorage', async () => new MemoryStorage(), { largeValues: true });
contract('TableTurnStateStorage', async () => new TableTurnStateStorage((await testTables('turn')).turnState), { largeValues: true });

describe('TableTurnStateStorage limits', () => {
  it('refuses, with a clear error, a value beyond what one entity holds', async () => {
    const storage = new TableTurnStateStorage((await testTables('turnbig')).turnState);
    await expect(storage.write({ huge: { text: 'x'.repeat(MAX_ITEM_UNITS) } })).rejects.toBeInstanceOf(ValueTooLarge);
  });

  it('treats a write with an eTag for a deleted item as a conflict', async () => {
    const storage = new TableTurnStateStorage((await testTables('turndel')).turnState);
    await storage.write({ item: { a: 1 } });
    const read = (await storage.read(['item']))['item'];
    await storage.delete(['item']);
    await expect(storage.write({ item: read })).rejects.toThrow(/eTag conflict/);
  });
});
