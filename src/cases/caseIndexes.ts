import { odata, type TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import type { StoreTables } from '../store/connect.js';
import { guarded, isLostRace, isNotFound, isPreconditionFailed } from '../store/errors.js';
import { withEtagRetry } from '../store/etag.js';
import { joinKey } from '../store/keys.js';
import { readAll, readPage, type StoredEntity } from '../store/paging.js';
import { assertPropertyFits } from '../store/text.js';
import { addDays, addMonths, isLocalDate, maxDate, parseLocalDate, type LocalDate } from '../time/localDate.js';

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
 *
 * A CaseDue row says when a sweep must next look at a case: its ATTENTION DATE (the case row's `attentionDate`, the
 * earlier of its next due obligation and its next meeting arranged), RowKey `<date>|<tenantId>|<CASE-REF>`. Rows are
 * partitioned by month, so that no one partition takes every write and a sweep reads only the months it must:
 *  - A writer puts a row in the partition `due|YYYY-MM` of its date's month, or of the writer's own month when that
 *    is later (a date already overdue): never in a month before the writer's.
 *  - A sweep reads, one range query each (RowKey up to the horizon), the partitions from the CURSOR month (one small
 *    entity, `~cursor`/`due`) to the horizon's month. Rows it finds in months before today's that are not pruned are
 *    MOVED into today's month (written there, then deleted where they were, conditional on their ETag), so those
 *    months empty; once every month before last month has been read empty, the cursor advances to last month. Not to
 *    this month: a writer whose clock is still on the last day of last month may be writing there as the month turns.
 *  - Rows in the single partition `due` that held every row before this scheme (and that an instance still running
 *    the old code may go on writing into while a deployment rolls out) are read and moved the same way, so they are
 *    not lost; once none remain that query costs one empty read per sweep.
 *  - A sweep that finds no cursor (a new store, or the first sweep after this scheme) starts at the earliest month
 *    partition there is, so rows written while no sweep ran are still read.
 * Stale rows (the case moved on) are pruned as above; a moved row keeps its case version, so the same rule prunes it.
 */
/** The partition every due row was kept in before rows were partitioned by month. */
const LEGACY_DUE_PARTITION = 'due';
const MONTH_PREFIX = `${LEGACY_DUE_PARTITION}|`;
const CURSOR_PARTITION = '~cursor';
const CURSOR_ROW = 'due';

/** A month of the due index, YYYY-MM. */
type DueMonth = string;
const monthOf = (date: LocalDate): DueMonth => date.slice(0, 7);
const addMonthsTo = (month: DueMonth, months: number): DueMonth => monthOf(addMonths(parseLocalDate(`${month}-01`), months));
const minMonth = (a: DueMonth, b: DueMonth): DueMonth => (a <= b ? a : b);
const maxMonth = (a: DueMonth, b: DueMonth): DueMonth => (a >= b ? a : b);
const monthPartition = (month: DueMonth): string => joinKey(LEGACY_DUE_PARTITION, month);
/** The earliest month a writer may still be writing in: last month, for a writer whose clock has not yet turned. */
const floorOf = (today: LocalDate): DueMonth => addMonthsTo(monthOf(today), -1);

function monthsFrom(first: DueMonth, last: DueMonth): DueMonth[] {
  const months: DueMonth[] = [];
  for (let month = first; month <= last; month = addMonthsTo(month, 1)) months.push(month);
  return months;
}

const date = z.string().refine((value): value is LocalDate => isLocalDate(value));
const dueRowSchema = z.object({ partitionKey: z.string(), rowKey: z.string(), tenantId: z.string(), caseRef: z.string(), due: date, caseVersion: z.number().int(), etag: z.string() });
const cursorSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) });

/** The row for a case's attention date, in the partition a writer whose today is `today` puts it (see above). */
export function dueRowEntity(tenantId: string, caseRef: string, due: LocalDate, caseVersion: number, today: LocalDate): TableEntity<{ tenantId: string; caseRef: string; due: LocalDate; caseVersion: number }> {
  return { partitionKey: monthPartition(monthOf(maxDate(due, today))), rowKey: joinKey(due, tenantId, caseRef), tenantId, caseRef, due, caseVersion };
}

/** Whether a row read today sits where the cursor will leave it behind (a month before today's, or the old partition). */
export const needsMove = (row: DueRow, today: LocalDate): boolean => row.partitionKey === LEGACY_DUE_PARTITION || row.partitionKey < monthPartition(monthOf(today));

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

function userCaseRow(row: StoredEntity): UserCaseRow {
  const version = row['snapshotVersion'];
  const json = row['snapshot'];
  return {
    caseRef: String(row.rowKey),
    claimed: claimedVersion(row),
    ...(typeof version === 'number' && typeof json === 'string' && { snapshot: { version, json } }),
    etag: row.etag,
  };
}

export type DueRow = z.output<typeof dueRowSchema>;

/** Where a sweep's reading started: the cursor as stored (with its ETag), or as found when none was. */
interface DueCursor {
  readonly month: DueMonth;
  readonly etag?: string;
}

export interface DueRead {
  readonly rows: readonly DueRow[];
  readonly cursor: DueCursor;
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
    return rows.map(userCaseRow);
  }

  /** The rows of one case among the people named, those who have one: a point read each (a partition each). */
  async rowsOfCase(tenantId: string, caseRef: string, aadObjectIds: readonly string[]): Promise<Array<{ readonly aadObjectId: string; readonly row: UserCaseRow }>> {
    const found = await Promise.all(
      aadObjectIds.map(async (aadObjectId) => {
        try {
          return { aadObjectId, row: userCaseRow(await guarded(() => this.tables.userCases.getEntity<Record<string, unknown>>(joinKey(tenantId, aadObjectId), caseRef))) };
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      }),
    );
    return found.filter((entry) => entry !== null);
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

  /** Resolves true once the row is gone: false when it was claimed or settled since it was read (412), and so left alone. */
  pruneUser(tenantId: string, aadObjectId: string, row: UserCaseRow): Promise<boolean> {
    return this.ifUnchanged(() => this.tables.userCases.deleteEntity(joinKey(tenantId, aadObjectId), row.caseRef, { etag: row.etag }));
  }

  /** Upserts the row for a case's attention date, as a writer whose today is `today` places it (dueRowEntity). */
  async recordDue(tenantId: string, caseRef: string, due: LocalDate, caseVersion: number, today: LocalDate): Promise<void> {
    await guarded(() => this.tables.caseDue.upsertEntity(dueRowEntity(tenantId, caseRef, due, caseVersion, today), 'Replace'));
  }

  /**
   * Every row dated on or before the horizon (or today, if later), overdue ones included: one range query per month
   * partition from the cursor month (or the month before today's, if earlier) to the horizon's, and one of the
   * partition written before months (see the header comment).
   */
  async dueUpTo(horizon: LocalDate, today: LocalDate): Promise<DueRead> {
    const cursor = await this.readCursor(today);
    const last = monthOf(maxDate(horizon, today));
    const partitions = [LEGACY_DUE_PARTITION, ...monthsFrom(minMonth(cursor.month, floorOf(today)), last).map(monthPartition)];
    const before = addDays(maxDate(horizon, today), 1);
    const pages = await Promise.all(partitions.map((partition) => readAll(this.tables.caseDue, odata`PartitionKey eq ${partition} and RowKey lt ${before}`)));
    return { rows: pages.flat().map((row) => dueRowSchema.parse(row)), cursor };
  }

  /** The cursor as stored; before any sweep has stored one, the earliest month partition there is (or today's floor). */
  private async readCursor(today: LocalDate): Promise<DueCursor> {
    try {
      const row = await guarded(() => this.tables.caseDue.getEntity(CURSOR_PARTITION, CURSOR_ROW));
      return { month: cursorSchema.parse(row).month, etag: row.etag };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    // A store written by this scheme that no sweep has read yet may hold rows in months long past: start at the first.
    let continuationToken: string | undefined;
    do {
      const page = await readPage(this.tables.caseDue, odata`PartitionKey gt ${MONTH_PREFIX} and PartitionKey lt ${`${MONTH_PREFIX}~`}`, {
        pageSize: 1,
        ...(continuationToken !== undefined && { continuationToken }),
      });
      const [first] = page.items;
      if (first) return { month: minMonth(dueRowSchema.parse(first).partitionKey.slice(MONTH_PREFIX.length), floorOf(today)) };
      continuationToken = page.continuationToken;
    } while (continuationToken !== undefined);
    return { month: floorOf(today) };
  }

  /**
   * Puts a row found behind (needsMove) where a writer would put it today, then deletes it where it was, conditional on
   * its ETag. Resolves true once the row is gone from there (deleted, or already deleted by another sweep).
   */
  async moveDue(row: DueRow, today: LocalDate): Promise<boolean> {
    await guarded(() => this.tables.caseDue.upsertEntity(dueRowEntity(row.tenantId, row.caseRef, row.due, row.caseVersion, today), 'Replace'));
    return this.pruneDue(row);
  }

  /**
   * Every due row of one case, in whichever month partition (or the old one) it sits: one query over the due
   * partitions, filtered on the rows' own tenant and case properties. The index holds a row per open case, so
   * reading it all is cheap next to a case's own rows; for retention, not for sweeps.
   */
  async dueRowsOf(tenantId: string, caseRef: string): Promise<DueRow[]> {
    const rows = await readAll(this.tables.caseDue, odata`PartitionKey ge ${LEGACY_DUE_PARTITION} and PartitionKey lt ${`${LEGACY_DUE_PARTITION}}`} and tenantId eq ${tenantId} and caseRef eq ${caseRef}`);
    return rows.map((row) => dueRowSchema.parse(row));
  }

  /** Resolves true once the row is gone: false when it was rewritten since it was read (412), and so left alone. */
  async pruneDue(row: DueRow): Promise<boolean> {
    return this.ifUnchanged(() => this.tables.caseDue.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag }));
  }

  /**
   * Moves the cursor up to the month before today's, once no row `left` (read by `read` and still there) sits in a
   * month before that, and stores it if none was. Never back: a sweep whose clock is behind another's leaves it.
   * Conditional on the cursor as read: a sweep that lost the race leaves it to the winner.
   */
  async advanceDueCursor(read: DueRead, left: readonly DueRow[], today: LocalDate): Promise<void> {
    const floor = floorOf(today);
    const blocked = left.some((row) => row.partitionKey !== LEGACY_DUE_PARTITION && row.partitionKey < monthPartition(floor));
    const month = blocked ? read.cursor.month : maxMonth(read.cursor.month, floor);
    if (read.cursor.etag !== undefined && month === read.cursor.month) return;
    const entity = { partitionKey: CURSOR_PARTITION, rowKey: CURSOR_ROW, month };
    try {
      await guarded(() =>
        read.cursor.etag === undefined ? this.tables.caseDue.createEntity(entity) : this.tables.caseDue.updateEntity(entity, 'Replace', { etag: read.cursor.etag }),
      );
    } catch (error) {
      if (!isLostRace(error)) throw error;
    }
  }

  /**
   * A write conditional on a row as read: a row rewritten (412) or already pruned (404) since is left alone. Resolves
   * false for the first (the row is still there), true otherwise.
   */
  private async ifUnchanged(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await guarded(write);
      return true;
    } catch (error) {
      if (isNotFound(error)) return true;
      if (isPreconditionFailed(error)) return false;
      throw error;
    }
  }
}
