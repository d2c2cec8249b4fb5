import pLimit from 'p-limit';
import { z } from 'zod';
import type { LocalDate } from '../time/localDate.js';
import { caseStoreOf, translated, type CaseServiceDeps, type CaseStore } from './caseAccess.js';
import { needsMove, type DueRow } from './caseIndexes.js';
import { casePartition } from './caseRepository.js';
import type { CaseState } from './model.js';
import { localDate, parseInput } from './validation.js';

/** Cases a sweep loads at once: enough to keep the store busy, few enough not to queue behind each other. */
export const CASE_LOADS_AT_ONCE = 16;

/** One case as the index named it: the case as it now stands (null when there is none), and its rows left in place. */
interface CheckedCase {
  readonly due: CaseState | null;
  readonly left: readonly DueRow[];
}

/** What the jobs (reminders, digests) look across: every tenant's cases, never one person's view. */
export class CaseSweeps {
  private readonly store: CaseStore;

  constructor(private readonly deps: Pick<CaseServiceDeps, 'tables' | 'clock' | 'onUpkeepFailed'>) {
    this.store = caseStoreOf(deps);
  }

  /**
   * For sweeps: every open case whose attention date (its next due obligation or its next meeting arranged, the
   * earlier) is on or before the horizon, overdue included, across tenants: the whole case, as the sweep's rules
   * read it, once each, by attention date. Reads the due index (caseIndexes.ts) and the cases it names, nothing else;
   * on the way, prunes rows that no longer hold, moves rows left in past months and advances the index's cursor.
   */
  async casesDue(horizonInput: LocalDate): Promise<CaseState[]> {
    const horizon = parseInput(z.object({ horizon: localDate('Horizon') }), { horizon: horizonInput }).horizon;
    const today = this.deps.clock.today();
    return translated('', async () => {
      const read = await this.store.indexes.dueUpTo(horizon, today);
      // A case can have more than one row (a stale one, or a moved one whose old copy is not yet deleted): loaded once.
      const rowsByCase = new Map<string, DueRow[]>();
      for (const row of read.rows) {
        const key = casePartition(row.tenantId, row.caseRef);
        rowsByCase.set(key, [...(rowsByCase.get(key) ?? []), row]);
      }
      const limit = pLimit(CASE_LOADS_AT_ONCE);
      const checked = await Promise.all([...rowsByCase.values()].map((rows) => limit(() => this.check(rows, horizon, today))));
      const left = checked.flatMap((found) => found.left);
      await this.store.bestEffort('advance-due-cursor', () => this.store.indexes.advanceDueCursor(read, left, today));
      const order = ({ header }: CaseState) => `${header.attentionDate ?? ''}|${casePartition(header.tenantId, header.caseRef)}`;
      return checked.flatMap((found) => (found.due ? [found.due] : [])).sort((a, b) => (order(a) < order(b) ? -1 : 1));
    });
  }

  /**
   * Loads the case one or more rows name and checks each row against it. A row holds while the case is open with
   * that attention date. One that does not is pruned once the case has reached the row's version (a row for a change
   * still in flight is kept); one kept and left behind in a past month is moved on, so its month empties.
   */
  private async check(rows: readonly DueRow[], horizon: LocalDate, today: LocalDate): Promise<CheckedCase> {
    const [{ tenantId, caseRef }] = rows as [DueRow, ...DueRow[]];
    const state = (await this.store.repository.load(tenantId, caseRef))?.state;
    let due = false;
    const left: DueRow[] = [];
    for (const row of rows) {
      const holds = state?.header.status === 'open' && state.header.attentionDate === row.due;
      due ||= holds && row.due <= horizon;
      const gone =
        !holds && state !== undefined && state.header.version >= row.caseVersion
          ? await this.store.bestEffort('prune-due', () => this.store.indexes.pruneDue(row))
          : needsMove(row, today) && (await this.store.bestEffort('move-due', () => this.store.indexes.moveDue(row, today)));
      if (gone !== true) left.push(row);
    }
    return { due: due && state ? state : null, left };
  }
}
