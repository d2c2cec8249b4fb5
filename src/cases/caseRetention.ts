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
import { CaseRepository, HEADER_ROW, type CaseSummary } from './caseRepository.js';
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
    const closedOn = endedOn(summary);
    if (closedOn === null || compareDates(closedOn, before) >= 0) {
      throw new Conflict(`${caseRef} was ${summary.header.status} on ${closedOn === null ? 'a date not recorded' : formatShortDate(closedOn)}, not before ${formatShortDate(before)}: it is kept.`);
    }
    const [closed] = await translated(caseRef, () => this.plansOf(tenantId, [summary]));
    return this.run(tenantId, closed ? [closed] : [], options);
  }

  /** Retention looks back: a date after today would erase cases whose period has not begun. */
  private assertPast(before: LocalDate): void {
    const today = this.deps.clock.today();
    if (compareDates(before, today) > 0) throw new InvalidInput('endedBefore', `${formatShortDate(before)} is after today (${formatShortDate(today)}): give a date in the past.`);
  }

  private async plansBefore(tenantId: string, before: LocalDate): Promise<ErasurePlan[]> {
    this.assertPast(before);
    return translated('', async () => {
      const summaries = await this.repository.closedSummaries(tenantId);
      const due = summaries.filter((summary) => {
        const closedOn = endedOn(summary);
        return closedOn !== null && compareDates(closedOn, before) < 0;
      });
      return this.plansOf(tenantId, due);
    });
  }

  /** Each case's plan, read one case at a time, oldest closure first. */
  private async plansOf(tenantId: string, summaries: ReadonlyArray<CaseSummary>): Promise<ErasurePlan[]> {
    const plans: ErasurePlan[] = [];
    for (const summary of summaries) {
      const plan = await this.planOf(tenantId, summary);
      if (plan) plans.push(plan);
    }
    return plans.sort((a, b) => compareDates(a.endedOn, b.endedOn) || a.caseRef.localeCompare(b.caseRef));
  }

  private async planOf(tenantId: string, summary: CaseSummary): Promise<ErasurePlan | null> {
    const { caseRef, status, createdAt } = summary.header;
    const closedOn = endedOn(summary);
    if (status === 'open' || closedOn === null) return null;
    const partition = await this.repository.partitionRows(tenantId, caseRef);
    const header = partition.find((row) => row.rowKey === HEADER_ROW);
    if (!header) return null; // erased meanwhile
    const outboxPartitionKey = outboxPartition({ tenantId, caseRef });
    const [people, due, outbox] = await Promise.all([
      this.indexes.rowsOfCase(tenantId, caseRef, peopleNamedIn(partition, tenantId)),
      this.indexes.dueRowsOf(tenantId, caseRef),
      readAll(this.deps.tables.outbox, odata`PartitionKey eq ${outboxPartitionKey}`),
    ]);
    return {
      caseRef,
      status,
      endedOn: closedOn,
      rows: { cases: partition.length, userCases: people.length, caseDue: due.length, outbox: outbox.length },
      createdAt,
      headerEtag: header.etag,
      caseRowKeys: partition.map((row) => String(row.rowKey)),
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
