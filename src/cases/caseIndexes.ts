import { odata } from '@azure/data-tables';
import type { StoreTables } from '../store/connect.js';
import { guarded, isNotFound, isPreconditionFailed } from '../store/errors.js';
import { joinKey } from '../store/keys.js';
import { readAll } from '../store/paging.js';
import { addDays, type LocalDate } from '../time/localDate.js';

/**
 * The two cross-partition indexes: "my cases" (UserCases) and "due soon" (CaseDue). They cannot share a
 * transaction with the case, so they are kept as a SUPERSET of the truth and checked against the case on read:
 *  1. Before a case change commits, the index rows it will need are upserted, stamped with the case version
 *     the change will have. If the commit then fails, an extra row is left behind: harmless.
 *  2. Nothing deletes an index row when a person leaves a case or a due date moves. Readers load the case,
 *     keep the rows that still hold, and prune the rest with a delete conditional on the row's ETag, and
 *     only when the case has already reached the row's version, so a row a change in flight just wrote is
 *     never pruned.
 * So a case is never missing from an index, and a stale row costs one read until it is pruned.
 */
const DUE_PARTITION = 'due';

export interface UserCaseRow {
  readonly caseRef: string;
  readonly caseVersion: number;
  readonly etag: string;
}

export interface DueRow {
  readonly tenantId: string;
  readonly caseRef: string;
  readonly due: LocalDate;
  readonly caseVersion: number;
  readonly etag: string;
}

export class CaseIndexes {
  constructor(private readonly tables: Pick<StoreTables, 'userCases' | 'caseDue'>) {}

  async recordUsers(tenantId: string, caseRef: string, aadObjectIds: readonly string[], caseVersion: number): Promise<void> {
    await Promise.all(
      aadObjectIds.map((aadObjectId) =>
        guarded(() =>
          this.tables.userCases.upsertEntity({ partitionKey: joinKey(tenantId, aadObjectId), rowKey: caseRef, caseVersion }, 'Replace'),
        ),
      ),
    );
  }

  async casesOf(tenantId: string, aadObjectId: string): Promise<UserCaseRow[]> {
    const rows = await readAll(this.tables.userCases, odata`PartitionKey eq ${joinKey(tenantId, aadObjectId)}`);
    return rows.map((row) => ({ caseRef: String(row.rowKey), caseVersion: Number(row['caseVersion']), etag: row.etag }));
  }

  async pruneUser(tenantId: string, aadObjectId: string, row: UserCaseRow): Promise<void> {
    await this.pruneRow(() => this.tables.userCases.deleteEntity(joinKey(tenantId, aadObjectId), row.caseRef, { etag: row.etag }));
  }

  async recordDue(tenantId: string, caseRef: string, due: LocalDate, caseVersion: number): Promise<void> {
    await guarded(() =>
      this.tables.caseDue.upsertEntity(
        { partitionKey: DUE_PARTITION, rowKey: joinKey(due, tenantId, caseRef), tenantId, caseRef, due, caseVersion },
        'Replace',
      ),
    );
  }

  /** Every row due on or before the horizon, overdue ones included: one range query in one partition. */
  async dueUpTo(horizon: LocalDate): Promise<DueRow[]> {
    const rows = await readAll(this.tables.caseDue, odata`PartitionKey eq ${DUE_PARTITION} and RowKey lt ${addDays(horizon, 1)}`);
    return rows.map((row) => ({
      tenantId: String(row['tenantId']),
      caseRef: String(row['caseRef']),
      due: row['due'] as LocalDate,
      caseVersion: Number(row['caseVersion']),
      etag: row.etag,
    }));
  }

  async pruneDue(row: DueRow): Promise<void> {
    await this.pruneRow(() => this.tables.caseDue.deleteEntity(DUE_PARTITION, joinKey(row.due, row.tenantId, row.caseRef), { etag: row.etag }));
  }

  /** A row rewritten (412) or already pruned (404) since it was read is left alone. */
  private async pruneRow(remove: () => Promise<unknown>): Promise<void> {
    try {
      await guarded(remove);
    } catch (error) {
      if (!isPreconditionFailed(error) && !isNotFound(error)) throw error;
    }
  }
}
