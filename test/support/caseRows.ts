import type { RowCounts } from '../../src/cases/caseRetention.js';
import type { StoreTables, TableName } from '../../src/store/connect.js';
import { snapshot } from '../setup/tables.js';

/** The tables that hold something of a case, and the erasure records. */
export const RETENTION_TABLES: readonly TableName[] = ['cases', 'userCases', 'caseDue', 'outbox', 'erasures'];

/** Every row of those tables, as `partition/row@etag`, by table: a whole-table scan each, trusting no index. */
export async function everything(tables: StoreTables): Promise<Record<string, string[]>> {
  return Object.fromEntries(await Promise.all(RETENTION_TABLES.map(async (name) => [name, await snapshot(tables, name)] as const)));
}

/** Which of `everything`'s rows hold something of one case, by table, found by their keys alone. */
export function rowsOfCase(all: Record<string, string[]>, tenantId: string, caseRef: string): Record<string, string[]> {
  const partition = `${tenantId}|${caseRef}/`;
  const rowKey = (row: string) => row.split('/')[1]?.split('@')[0] ?? '';
  const of: Record<string, (row: string) => boolean> = {
    cases: (row) => row.startsWith(partition),
    userCases: (row) => row.startsWith(`${tenantId}|`) && rowKey(row) === caseRef,
    caseDue: (row) => rowKey(row).endsWith(`|${tenantId}|${caseRef}`),
    outbox: (row) => row.startsWith(partition),
    erasures: () => false,
  };
  return Object.fromEntries(Object.entries(all).map(([name, rows]) => [name, rows.filter((row) => of[name]?.(row))]));
}

export const counted = (rows: Record<string, string[]>): RowCounts => ({
  cases: rows['cases']?.length ?? 0,
  userCases: rows['userCases']?.length ?? 0,
  caseDue: rows['caseDue']?.length ?? 0,
  outbox: rows['outbox']?.length ?? 0,
});
