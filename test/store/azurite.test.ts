import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { odata } from '@azure/data-tables';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedAzurite } from '../../src/store/azurite.js';
import { connectTables, openStorage } from '../../src/store/connect.js';
import { StorageUnavailable } from '../../src/store/errors.js';

describe('embedded Azurite', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps tables, queues and blobs across a restart when persistent (as npm start runs it)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cg-azurite-'));
    dirs.push(dataDir);
    const first = await openStorage({ kind: 'embedded', dataDir, tablePrefix: 'restart' });
    await first.tables.cases.createEntity({ partitionKey: 'p', rowKey: 'r', value: 'kept' });
    await first.queues.outbox.sendMessage('queued');
    await first.containers.jobs.getBlockBlobClient('sweep').upload('kept', 4);
    await first.stop();

    const second = await openStorage({ kind: 'embedded', dataDir, tablePrefix: 'restart' });
    try {
      expect((await second.tables.cases.getEntity<{ value: string }>('p', 'r')).value).toBe('kept');
      const { receivedMessageItems } = await second.queues.outbox.receiveMessages();
      expect(receivedMessageItems.map((message) => message.messageText)).toEqual(['queued']);
      expect((await second.containers.jobs.getBlockBlobClient('sweep').downloadToBuffer()).toString()).toBe('kept');
    } finally {
      await second.stop();
    }
  });

  it('filters queries even with restify loaded in the same process', async () => {
    // restify adds `query` to http.IncomingMessage.prototype on import; Azurite on this thread then ignored $filter.
    await import('restify');
    const azurite = await startEmbeddedAzurite({ inMemory: true });
    try {
      const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, 'restify');
      await tables.cases.createEntity({ partitionKey: 'mine', rowKey: 'r' });
      await tables.cases.createEntity({ partitionKey: 'other', rowKey: 'r' });
      const found: string[] = [];
      for await (const row of tables.cases.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${'mine'}` } })) found.push(row.partitionKey ?? '');
      expect(found).toEqual(['mine']);
    } finally {
      await azurite.stop();
    }
  });

  it('reports storage that cannot be reached as StorageUnavailable', async () => {
    const azurite = await startEmbeddedAzurite({ inMemory: true });
    await azurite.stop();
    const attempt = connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, 'down', {
      retryOptions: { maxRetries: 0 },
    });
    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailable);
  });
});
