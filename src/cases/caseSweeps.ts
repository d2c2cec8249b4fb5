import { z } from 'zod';
import type { LocalDate } from '../time/localDate.js';
import { caseStoreOf, liveCase, translated, type CaseServiceDeps, type CaseStore } from './caseAccess.js';
import type { CaseState } from './model.js';
import { localDate, parseInput } from './validation.js';

export interface DueCase {
  readonly tenantId: string;
  readonly caseRef: string;
  readonly policyId: string;
  readonly nextDue: LocalDate;
}

/** What the jobs (reminders, digests) look across: every tenant's cases, never one person's view. */
export class CaseSweeps {
  private readonly store: CaseStore;

  constructor(deps: Pick<CaseServiceDeps, 'tables' | 'onUpkeepFailed'>) {
    this.store = caseStoreOf(deps);
  }

  /** For sweeps: open cases whose next due date is on or before the horizon (overdue included), across tenants. */
  async dueCases(horizonInput: LocalDate): Promise<DueCase[]> {
    const horizon = parseInput(z.object({ horizon: localDate('Horizon') }), { horizon: horizonInput }).horizon;
    return translated('', async () => {
      const rows = await this.store.indexes.dueUpTo(horizon);
      const due = await Promise.all(
        rows.map(async (row): Promise<DueCase | null> => {
          const header = await this.store.repository.loadHeader(row.tenantId, row.caseRef);
          if (header?.status === 'open' && header.nextDue === row.due) {
            return { tenantId: row.tenantId, caseRef: row.caseRef, policyId: header.policyId, nextDue: row.due };
          }
          if (header && header.version >= row.caseVersion) await this.store.bestEffort('prune-due', () => this.store.indexes.pruneDue(row));
          return null;
        }),
      );
      return due.filter((found): found is DueCase => found !== null);
    });
  }

  /** The open cases due on or before the horizon, each as it is stored now: what the sweep's rules read. */
  async casesDue(horizon: LocalDate): Promise<CaseState[]> {
    const due = await this.dueCases(horizon);
    const loaded = await translated('', () => Promise.all(due.map((found) => this.store.repository.load(found.tenantId, found.caseRef))));
    return loaded.flatMap((one) => {
      const live = liveCase(one);
      return live?.state.header.status === 'open' ? [live.state] : [];
    });
  }
}
