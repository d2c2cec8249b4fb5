import { beforeAll, describe, expect, it } from 'vitest';
import { StorageConflict } from '../../src/store/errors.js';
import { withEtagRetry } from '../../src/store/etag.js';
import type { StoreTables } from '../../src/store/connect.js';
import { testTables } from '../setup/tables.js';

/** A counter row updated by read-modify-write, the way every domain change is made. */
async function increment(tables: StoreTables, rowKey: string, beforeWrite: () => Promise<void> = async () => {}): Promise<number> {
  return withEtagRetry(async () => {
    const row = await tables.cases.getEntity<{ count: number }>('p', rowKey);
    const count = row.count + 1;
    await beforeWrite();
    await tables.cases.updateEntity({ partitionKey: 'p', rowKey, count }, 'Replace', { etag: row.etag });
    return count;
  });
}

describe('read-modify-write with ETags', () => {
  let tables: StoreTables;
  beforeAll(async () => {
    tables = await testTables('etag');
  });

  it('retries a stale ETag by reloading and re-applying, losing no update', async () => {
    await tables.cases.createEntity({ partitionKey: 'p', rowKey: 'stale', count: 0 });
    let interfered = false;
    // Between our read and our write, someone else increments: our first write must fail and be re-applied.
    const result = await increment(tables, 'stale', async () => {
      if (interfered) return;
      interfered = true;
      await increment(tables, 'stale');
    });
    expect(result).toBe(2);
    expect((await tables.cases.getEntity<{ count: number }>('p', 'stale')).count).toBe(2);
  });

  it('keeps every one of many concurrent increments', async () => {
    await tables.cases.createEntity({ partitionKey: 'p', rowKey: 'many', count: 0 });
    await Promise.all(Array.from({ length: 6 }, () => increment(tables, 'many')));
    expect((await tables.cases.getEntity<{ count: number }>('p', 'many')).count).toBe(6);
  });

  it('gives up after a bounded number of attempts with a clear conflict', async () => {
    let attempts = 0;
    const alwaysStale = withEtagRetry(
      async () => {
        attempts += 1;
        throw Object.assign(new Error('condition not met'), { statusCode: 412 });
      },
      { maxAttempts: 3, backoffMs: 1 },
    );
    await expect(alwaysStale).rejects.toBeInstanceOf(StorageConflict);
    expect(attempts).toBe(3);
  });

  it('does not retry errors that are not lost races', async () => {
    let attempts = 0;
    const refused = withEtagRetry(async () => {
      attempts += 1;
      throw new Error('domain refusal');
    });
    await expect(refused).rejects.toThrow('domain refusal');
    expect(attempts).toBe(1);
  });

  it('never overwrites unconditionally: a stale ETag fails with 412', async () => {
    const created = await tables.cases.createEntity({ partitionKey: 'p', rowKey: 'plain', count: 0 });
    await tables.cases.updateEntity({ partitionKey: 'p', rowKey: 'plain', count: 1 }, 'Replace', { etag: created.etag });
    await expect(
      tables.cases.updateEntity({ partitionKey: 'p', rowKey: 'plain', count: 2 }, 'Replace', { etag: created.etag }),
    ).rejects.toMatchObject({ statusCode: 412 });
  });
});
