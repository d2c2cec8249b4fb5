import type { TableClient, TransactionAction } from '@azure/data-tables';
import { guarded } from './errors.js';

/** Azure's limit on operations in one entity group transaction. */
export const MAX_TRANSACTION_ACTIONS = 100;

/** Where a row is: all a delete needs. */
export interface RowAddress {
  readonly partitionKey: string;
  readonly rowKey: string;
}

/** Items in runs of at most `size`, in order: one transaction's worth each. */
export function inRuns<T>(items: readonly T[], size: number = MAX_TRANSACTION_ACTIONS): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}

/**
 * Deletes the rows, unconditionally, a transaction per partition and at most 100 rows at a time. A row already
 * gone fails its transaction (404): callers delete rows they have just read, and a caller run again reads afresh.
 */
export async function deleteRows(table: TableClient, rows: readonly RowAddress[]): Promise<void> {
  const byPartition = new Map<string, RowAddress[]>();
  for (const row of rows) byPartition.set(row.partitionKey, [...(byPartition.get(row.partitionKey) ?? []), row]);
  for (const partition of byPartition.values()) {
    for (const run of inRuns(partition)) {
      await guarded(() => table.submitTransaction(run.map(({ partitionKey, rowKey }): TransactionAction => ['delete', { partitionKey, rowKey }])));
    }
  }
}
