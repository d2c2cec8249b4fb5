import { odata } from '@azure/data-tables';
import type { StoreTables } from '../store/connect.js';
import { guarded, isNotFound, isPreconditionFailed } from '../store/errors.js';
import { withEtagRetry } from '../store/etag.js';
import { joinKey } from '../store/keys.js';
import { readAll } from '../store/paging.js';
import { assertPropertyFits } from '../store/text.js';
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
 *
 * A UserCases row can also hold a SNAPSHOT of the case (its summary as of a committed version), so that "my
 * cases" is one partition query. A snapshot is trusted only while no change has claimed a newer version:
 *  - Before a change to version v commits, it CLAIMS v on the row of everyone with a role before or after it:
 *    it reads the row and raises its one `claimed` property to v with a write conditional on the ETag it read
 *    (retried when another writer wins), so a late claim never lowers a newer one, and a row keeps one property
 *    however many changes pass while its owner never reads (an entity holds at most 255 properties).
 *  - A reader trusts a snapshot whose version is at least the claimed version. If the case had moved past the
 *    snapshot, the change that moved it claimed a higher version on this row before committing, so it is not
 *    trusted. Otherwise the reader reads the case row and SETTLES the row: a Replace conditional on the ETag it
 *    read, writing the snapshot and dropping the claims, done only once the case has reached the claimed version
 *    (so a claim for a change still in flight is never dropped).
 */
const DUE_PARTITION = 'due';

export interface UserCaseRow {
  readonly caseRef: string;
  /** The highest case version a change has claimed on this row; the case reaching it settles or prunes the row. */
  readonly claimed: number;
  /** The case summary as of `version`, trusted while `version >= claimed`. */
  readonly snapshot?: { readonly version: number; readonly json: string };
  readonly etag: string;
}

function claimedVersion(row: Readonly<Record<string, unknown>>): number {
  const claimed = row['claimed'];
  return typeof claimed === 'number' ? claimed : 0;
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

  /** Claims `caseVersion` on each person's row (creating newcomers' rows), never lowering a higher claim. */
  async claimUsers(tenantId: string, caseRef: string, aadObjectIds: readonly string[], caseVersion: number): Promise<void> {
    await Promise.all(aadObjectIds.map((aadObjectId) => withEtagRetry(() => this.claimUser(joinKey(tenantId, aadObjectId), caseRef, caseVersion))));
  }

  /** One attempt: a lost race (the row created, changed or pruned meanwhile) is retried by withEtagRetry. */
  private async claimUser(partitionKey: string, rowKey: string, caseVersion: number): Promise<void> {
    let row: Record<string, unknown> & { etag: string };
    try {
      row = await guarded(() => this.tables.userCases.getEntity(partitionKey, rowKey));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await guarded(() => this.tables.userCases.createEntity({ partitionKey, rowKey, claimed: caseVersion }));
      return;
    }
    if (claimedVersion(row) >= caseVersion) return;
    // Merge keeps the snapshot; the ETag condition keeps a concurrent higher claim from being overwritten.
    await guarded(() => this.tables.userCases.updateEntity({ partitionKey, rowKey, claimed: caseVersion }, 'Merge', { etag: row.etag }));
  }

  async casesOf(tenantId: string, aadObjectId: string): Promise<UserCaseRow[]> {
    const rows = await readAll(this.tables.userCases, odata`PartitionKey eq ${joinKey(tenantId, aadObjectId)}`);
    return rows.map((row) => {
      const version = row['snapshotVersion'];
      const json = row['snapshot'];
      return {
        caseRef: String(row.rowKey),
        claimed: claimedVersion(row),
        ...(typeof version === 'number' && typeof json === 'string' && { snapshot: { version, json } }),
        etag: row.etag,
      };
    });
  }

  /**
   * Stores the snapshot of a case that has reached the row's claimed version, dropping the claims; skipped if the
   * row changed since it was read (a new claim: the next reader settles it) or was pruned.
   */
  async settleUser(tenantId: string, aadObjectId: string, row: UserCaseRow, snapshot: { readonly version: number; readonly json: string }): Promise<void> {
    if (snapshot.version < row.claimed) throw new Error(`A snapshot of version ${snapshot.version} cannot settle a claim of ${row.claimed}`);
    assertPropertyFits('snapshot', snapshot.json);
    const entity = { partitionKey: joinKey(tenantId, aadObjectId), rowKey: row.caseRef, snapshotVersion: snapshot.version, snapshot: snapshot.json };
    await this.ifUnchanged(() => this.tables.userCases.updateEntity(entity, 'Replace', { etag: row.etag }));
  }

  async pruneUser(tenantId: string, aadObjectId: string, row: UserCaseRow): Promise<void> {
    await this.ifUnchanged(() => this.tables.userCases.deleteEntity(joinKey(tenantId, aadObjectId), row.caseRef, { etag: row.etag }));
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
    await this.ifUnchanged(() => this.tables.caseDue.deleteEntity(DUE_PARTITION, joinKey(row.due, row.tenantId, row.caseRef), { etag: row.etag }));
  }

  /** A write conditional on a row as read: a row rewritten (412) or already pruned (404) since is left alone. */
  private async ifUnchanged(write: () => Promise<unknown>): Promise<void> {
    try {
      await guarded(write);
    } catch (error) {
      if (!isPreconditionFailed(error) && !isNotFound(error)) throw error;
    }
  }
}
