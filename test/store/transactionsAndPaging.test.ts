import type { TransactionAction } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntity, readAuditPage } from '../../src/store/audit.js';
import type { StoreTables } from '../../src/store/connect.js';
import { MAX_PAGE_SIZE, readAll, readPage } from '../../src/store/paging.js';
import { snapshot, testTables } from '../setup/tables.js';

describe('transactions', () => {
  let tables: StoreTables;
  beforeAll(async () => {
    tables = await testTables('tx');
  });

  it('are all-or-nothing: one failing row leaves every row of the batch unwritten', async () => {
    await tables.cases.createEntity({ partitionKey: 'case', rowKey: 'existing', value: 'first' });
    const before = await snapshot(tables, 'cases');
    const batch: TransactionAction[] = [
      ['create', { partitionKey: 'case', rowKey: 'new-1', value: 'x' }],
      ['upsert', { partitionKey: 'case', rowKey: 'new-2', value: 'y' }],
      ['create', { partitionKey: 'case', rowKey: 'existing', value: 'second' }],
    ];
    await expect(tables.cases.submitTransaction(batch)).rejects.toMatchObject({ statusCode: 409 });
    expect(await snapshot(tables, 'cases')).toEqual(before);
  });

  it('fail whole on a stale ETag too', async () => {
    const row = await tables.cases.createEntity({ partitionKey: 'etag', rowKey: 'row', value: 1 });
    await tables.cases.updateEntity({ partitionKey: 'etag', rowKey: 'row', value: 2 }, 'Replace', { etag: row.etag });
    const before = await snapshot(tables, 'cases');
    await expect(
      tables.cases.submitTransaction([
        ['create', { partitionKey: 'etag', rowKey: 'other' }],
        ['update', { partitionKey: 'etag', rowKey: 'row', value: 3 }, 'Replace', { etag: row.etag }],
      ]),
    ).rejects.toMatchObject({ statusCode: 412 });
    expect(await snapshot(tables, 'cases')).toEqual(before);
  });
});

describe('paging', () => {
  const COUNT = 1_050;
  let tables: StoreTables;
  beforeAll(async () => {
    tables = await testTables('paging');
    const start = Date.UTC(2027, 0, 1);
    const batches: TransactionAction[][] = [];
    for (let first = 0; first < COUNT; first += 100) {
      batches.push(
        Array.from({ length: Math.min(100, COUNT - first) }, (_, offset): TransactionAction => [
          'create',
          auditEntity('big', {
            at: new Date(start + (first + offset) * 1000).toISOString(),
            actor: 'system',
            operation: 'test',
            subject: 'CP-1',
            before: String(first + offset),
            after: String(first + offset),
          }),
        ]),
      );
    }
    for (const batch of batches) await tables.cases.submitTransaction(batch);
  });

  it('reads past the 1,000-entity page limit', async () => {
    const first = await readPage(tables.cases, "PartitionKey eq 'big'");
    expect(first.items).toHaveLength(MAX_PAGE_SIZE);
    expect(first.continuationToken).toBeDefined();
    expect(await readAll(tables.cases, "PartitionKey eq 'big'")).toHaveLength(COUNT);
  });

  it('pages an audit trail newest first, following continuation tokens to the end', async () => {
    const seen: number[] = [];
    let continuationToken: string | undefined;
    let pages = 0;
    do {
      const page = await readAuditPage(tables.cases, 'big', { pageSize: 400, ...(continuationToken ? { continuationToken } : {}) });
      seen.push(...page.items.map((entry) => Number(entry.after)));
      continuationToken = page.continuationToken;
      pages += 1;
    } while (continuationToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, index) => COUNT - 1 - index));
  });
});
