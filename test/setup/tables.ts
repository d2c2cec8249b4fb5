import { randomUUID } from 'node:crypto';
import type { TableServiceClientOptions } from '@azure/data-tables';
import { inject } from 'vitest';
import { connectTables, type StoreTables } from '../../src/store/connect.js';

/** Fresh tables on the shared test Azurite, under a prefix of their own. */
export function testTables(prefix: string, options: TableServiceClientOptions = {}): Promise<StoreTables> {
  const unique = `${prefix}${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  return connectTables({ kind: 'connection-string', connectionString: inject('azuriteConnectionString') }, unique, options);
}

/** Every row of a table as `rowKey@etag`, to show that a refused operation wrote nothing. */
export async function snapshot(tables: StoreTables, name: keyof StoreTables): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of tables[name].listEntities()) rows.push(`${row.partitionKey}/${row.rowKey}@${row.etag}`);
  return rows.sort();
}
