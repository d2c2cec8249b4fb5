import { odata, type TableEntity } from '@azure/data-tables';
import { outboxPartition } from '../delivery/outboxItem.js';
import type { StoreTables } from '../store/connect.js';
import { guarded, isAlreadyExists, isLostRace } from '../store/errors.js';
import { isEntraId, joinKey } from '../store/keys.js';
import { readAll, type StoredEntity } from '../store/paging.js';
import { deleteRows, type RowAddress } from '../store/transactions.js';
import { londonDateOf, type Clock } from '../time/clock.js';
import { compareDates, formatShortDate, type LocalDate } from '../time/localDate.js';
import { parseCaseRef, translated } from './caseAccess.js';
import { CaseIndexes, type DueRow, type UserCaseRow } from './caseIndexes.js';
import { CaseRepository, type CaseSummary } from './caseRepository.js';
import { CaseNotFound, Conflict, InvalidInput } from './errors.js';

/**
 * Retention: the bot is a workflow aid, not the record of account, so a case that has ended (or was withdrawn) is
 * kept for the council's retention period and then erased completely, leaving only an erasure record (the case
 * reference, when, by which run, how many rows; no names, no text) in the Erasures table.
 *
 * Erasing a case deletes, in this order, so that a run stopped midway leaves the case to be found and finished by
 * the next run: its Outbox partition, its CaseDue rows, the "my cases" row of everyone its rows name, then every row
 * of its Cases partition, the case row last (caseRepository.ts `erase`). The people are found from everything the
 * case's rows hold (members removed long ago, staff a role was handed from, whoever acted), so they must go last.
 * A case changed while it is being erased (every change rewrites the case row, or claims a "my cases" row) is left
 * for the next run, with what it still holds.
 */

/** How many rows of each table hold something of the case. */
export interface RowCounts {
  readonly cases: number;
  readonly userCases: number;
  readonly caseDue: number;
  readonly outbox: number;
}

export type ClosedStatus = 'ended' | 'withdrawn';

/** A closed case as retention sees it: what it is, when it closed, and the rows it holds. */
export interface ClosedCase {
  readonly caseRef: string;
  readonly status: ClosedStatus;
  /** The plan-ended date, or the Europe/London date of the withdrawal. */
  readonly endedOn: LocalDate;
  readonly rows: RowCounts;
}

/** What one run did: the cases erased (or, in a dry run, that would be), and those that changed meanwhile. */
export interface ErasureRun {
  readonly erased: readonly ClosedCase[];
  /** Left for a later run: changed while being erased. */
  readonly changed: readonly string[];
}

export interface RunOptions {
  /** Names the run in each erasure record. */
  readonly runId: string;
  /** Read and count everything, delete nothing, write no record. */
  readonly dryRun: boolean;
}

/** Everything of one case that erasing it deletes, with the ETags read. */
interface ErasurePlan extends ClosedCase {
  readonly createdAt: string;
  readonly headerEtag: string;
  readonly caseRowKeys: readonly string[];
  readonly people: ReadonlyArray<{ readonly aadObjectId: string; readonly row: UserCaseRow }>;
  readonly due: readonly DueRow[];
  readonly outbox: readonly RowAddress[];
}

/** An Entra id anywhere in a text: a JSON list, an audit summary ("team-manager <id>"), a property of its own. */
const ENTRA_IDS = /\b[0-9a-f]+(?:-[0-9a-f]+){4}\b/gi;

/** Everyone the rows name, lower case, the tenant itself aside. */
function peopleNamedIn(rows: readonly StoredEntity[], tenantId: string): string[] {
  const people = new Set<string>();
  for (const row of rows) {
    for (const value of Object.values(row)) {
      if (typeof value !== 'string') continue;
      for (const [id] of value.matchAll(ENTRA_IDS)) if (isEntraId(id)) people.add(id.toLowerCase());
    }
  }
  people.delete(tenantId);
  return [...people];
}

/** When a closed case closed: an ended case on its plan-ended date, a withdrawn one on the day it was withdrawn. */
function endedOn({ header, digest }: CaseSummary): LocalDate | null {
  if (header.status === 'ended') return digest.events.find((event) => event.kind === 'plan-ended')?.date ?? null;
  if (header.status === 'withdrawn' && header.withdrawal) return londonDateOf(new Date(header.withdrawal.at));
  return null;
}

/** When a closed case closed, if before the date; null for an open case, or one closed on or after it. */
function closedOnBefore(summary: CaseSummary, before: LocalDate): LocalDate | null {
  const closedOn = endedOn(summary);
  return closedOn !== null && compareDates(closedOn, before) < 0 ? closedOn : null;
}

export class CaseRetention {
  private readonly repository: CaseRepository;
  private readonly indexes: CaseIndexes;

  constructor(private readonly deps: { readonly tables: Pick<StoreTables, 'cases' | 'userCases' | 'caseDue' | 'outbox' | 'erasures'>; readonly clock: Clock }) {
    this.repository = new CaseRepository(deps.tables);
    this.indexes = new CaseIndexes(deps.tables);
  }

  /** The tenant's ended and withdrawn cases that closed before the date, oldest first, with their row counts. */
  async closedBefore(tenantId: string, before: LocalDate): Promise<ClosedCase[]> {
    return (await this.plansBefore(tenantId, before)).map(closedCase);
  }

  /** Erases every case closedBefore finds (or, in a dry run, counts what would go). */
  async eraseClosedBefore(tenantId: string, before: LocalDate, options: RunOptions): Promise<ErasureRun> {
    return this.run(tenantId, await this.plansBefore(tenantId, before), options);
  }

  /** Erases one case, which must have closed before the date: an open case, or one closed since, is refused. */
  async eraseCase(tenantId: string, caseRefInput: string, before: LocalDate, options: RunOptions): Promise<ErasureRun> {
    const caseRef = parseCaseRef(caseRefInput);
    this.assertPast(before);
    const summary = await translated(caseRef, () => this.repository.loadSummary(tenantId, caseRef));
    if (!summary) throw new CaseNotFound(caseRef);
    if (summary.header.status === 'open') throw new Conflict(`${caseRef} is open: an open case is never erased.`);
    if (closedOnBefore(summary, before) === null) {
      const closedOn = endedOn(summary);
      throw new Conflict(`${caseRef} was ${summary.header.status} on ${closedOn === null ? 'a date not recorded' : formatShortDate(closedOn)}, not before ${formatShortDate(before)}: it is kept.`);
    }
    const plan = await translated(caseRef, () => this.planOf(tenantId, caseRef, before));
    return this.run(tenantId, plan ? [plan] : [], options);
  }

  /** Retention looks back: a date after today would erase cases whose period has not begun. */
  private assertPast(before: LocalDate): void {
    const today = this.deps.clock.today();
    if (compareDates(before, today) > 0) throw new InvalidInput('endedBefore', `${formatShortDate(before)} is after today (${formatShortDate(today)}): give a date in the past.`);
  }

  /** Each case closed before the date, planned one at a time, oldest closure first. */
  private async plansBefore(tenantId: string, before: LocalDate): Promise<ErasurePlan[]> {
    this.assertPast(before);
    return translated('', async () => {
      const plans: ErasurePlan[] = [];
      for (const summary of await this.repository.closedSummaries(tenantId)) {
        const plan = closedOnBefore(summary, before) === null ? null : await this.planOf(tenantId, summary.header.caseRef, before);
        if (plan) plans.push(plan);
      }
      return plans.sort((a, b) => compareDates(a.endedOn, b.endedOn) || a.caseRef.localeCompare(b.caseRef));
    });
  }

  /**
   * Everything of the case there is to erase, decided on the case row read with its partition (the same ETag then
   * guards every delete): null when that row is gone, or is no longer of a case closed before the date (a withdrawn
   * reference set up again since).
   */
  private async planOf(tenantId: string, caseRef: string, before: LocalDate): Promise<ErasurePlan | null> {
    const { rows, summary } = await this.repository.partition(tenantId, caseRef);
    const closedOn = summary && closedOnBefore(summary, before);
    if (!summary || !closedOn || summary.header.status === 'open') return null;
    const outboxPartitionKey = outboxPartition({ tenantId, caseRef });
    const [people, due, outbox] = await Promise.all([
      this.indexes.rowsOfCase(tenantId, caseRef, peopleNamedIn(rows, tenantId)),
      this.indexes.dueRowsOf(tenantId, caseRef),
      readAll(this.deps.tables.outbox, odata`PartitionKey eq ${outboxPartitionKey}`),
    ]);
    return {
      caseRef,
      status: summary.header.status,
      endedOn: closedOn,
      rows: { cases: rows.length, userCases: people.length, caseDue: due.length, outbox: outbox.length },
      createdAt: summary.header.createdAt,
      headerEtag: summary.etag,
      caseRowKeys: rows.map((row) => String(row.rowKey)),
      people,
      due,
      outbox: outbox.map((row) => ({ partitionKey: outboxPartitionKey, rowKey: String(row.rowKey) })),
    };
  }

  private async run(tenantId: string, plans: readonly ErasurePlan[], options: RunOptions): Promise<ErasureRun> {
    if (options.dryRun) return { erased: plans.map(closedCase), changed: [] };
    const erased: ClosedCase[] = [];
    const changed: string[] = [];
    for (const plan of plans) {
      if (await translated(plan.caseRef, () => this.erase(tenantId, plan, options.runId))) erased.push(closedCase(plan));
      else changed.push(plan.caseRef);
    }
    return { erased, changed };
  }

  /** Resolves false when the case changed while it was being erased (its rows left for the next run). */
  private async erase(tenantId: string, plan: ErasurePlan, runId: string): Promise<boolean> {
    await this.record(tenantId, plan, runId);
    try {
      await deleteRows(this.deps.tables.outbox, plan.outbox);
      for (const row of plan.due) if (!(await this.indexes.pruneDue(row))) return false;
      for (const { aadObjectId, row } of plan.people) if (!(await this.indexes.pruneUser(tenantId, aadObjectId, row))) return false;
      await this.repository.erase(tenantId, plan.caseRef, plan.headerEtag, plan.caseRowKeys);
      return true;
    } catch (error) {
      if (isLostRace(error)) return false;
      throw error;
    }
  }

  /**
   * The erasure record, written before anything is deleted, so no case goes without one. One per case (its reference
   * and when it was created: a later case under the same reference has its own): a run finishing what a stopped run
   * began keeps the first record, which counted the case whole.
   */
  private async record(tenantId: string, plan: ErasurePlan, runId: string): Promise<void> {
    const entity: TableEntity = {
      partitionKey: tenantId,
      rowKey: joinKey(plan.caseRef, plan.createdAt),
      caseRef: plan.caseRef,
      status: plan.status,
      endedOn: plan.endedOn,
      erasedAt: this.deps.clock.now().toISOString(),
      runId,
      casesRows: plan.rows.cases,
      userCasesRows: plan.rows.userCases,
      caseDueRows: plan.rows.caseDue,
      outboxRows: plan.rows.outbox,
    };
    try {
      await guarded(() => this.deps.tables.erasures.createEntity(entity));
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
}

const closedCase = ({ caseRef, status, endedOn: closedOn, rows }: ErasurePlan): ClosedCase => ({ caseRef, status, endedOn: closedOn, rows });
