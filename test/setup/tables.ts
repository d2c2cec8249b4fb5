import { randomUUID } from 'node:crypto';
import type { TableServiceClientOptions } from '@azure/data-tables';
import { inject } from 'vitest';
import { connectContainers, connectQueues, connectTables, type StoreContainers, type StoreQueues, type StoreTables } from '../../src/store/connect.js';

const unique = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 8)}`;

/** Fresh tables on the shared test Azurite, under a prefix of their own. */
export function testTables(prefix: string, options: TableServiceClientOptions = {}): Promise<StoreTables> {
  return connectTables({ kind: 'connection-string', connectionString: inject('azuriteConnectionString') }, unique(prefix), options);
}

/** Fresh tables and queues on the shared test Azurite, under one prefix of their own. */
export async function testStorage(prefix: string): Promise<{ readonly tables: StoreTables; readonly queues: StoreQueues }> {
  const connection = { kind: 'connection-string', connectionString: inject('azuriteConnectionString') } as const;
  const own = unique(prefix);
  const [tables, queues] = await Promise.all([connectTables(connection, own), connectQueues(connection, own)]);
  return { tables, queues };
}

/** Fresh blob containers on the shared test Azurite, under a prefix of their own. */
export function testContainers(prefix: string): Promise<StoreContainers> {
  return connectContainers({ kind: 'connection-string', connectionString: inject('azuriteConnectionString') }, unique(prefix));
}

/** Every row of a table as `rowKey@etag`, to show that a refused operation wrote nothing. */
export async function snapshot(tables: StoreTables, name: keyof StoreTables): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of tables[name].listEntities()) rows.push(`${row.partitionKey}/${row.rowKey}@${row.etag}`);
  return rows.sort();
}
