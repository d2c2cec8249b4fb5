import { z } from 'zod';
import type { LocalDate } from '../time/localDate.js';
import { bestEffort, translated, type CaseServiceDeps } from './caseAccess.js';
import { CaseIndexes } from './caseIndexes.js';
import { CaseRepository } from './caseRepository.js';
import { localDate, parseInput } from './validation.js';

export interface DueCase {
  readonly tenantId: string;
  readonly caseRef: string;
  readonly policyId: string;
  readonly nextDue: LocalDate;
}

/** What the jobs (reminders, digests) look across: every tenant's cases, never one person's view. */
export class CaseSweeps {
  private readonly repository: CaseRepository;
  private readonly indexes: CaseIndexes;
  private readonly bestEffort: ReturnType<typeof bestEffort>;

  constructor(deps: Pick<CaseServiceDeps, 'tables' | 'onUpkeepFailed'>) {
    this.repository = new CaseRepository(deps.tables);
    this.indexes = new CaseIndexes(deps.tables);
    this.bestEffort = bestEffort(deps.onUpkeepFailed);
  }

  /** For sweeps: open cases whose next due date is on or before the horizon (overdue included), across tenants. */
  async dueCases(horizonInput: LocalDate): Promise<DueCase[]> {
    const horizon = parseInput(z.object({ horizon: localDate('Horizon') }), { horizon: horizonInput }).horizon;
    return translated('', async () => {
      const rows = await this.indexes.dueUpTo(horizon);
      const due = await Promise.all(
        rows.map(async (row): Promise<DueCase | null> => {
          const header = await this.repository.loadHeader(row.tenantId, row.caseRef);
          if (header?.status === 'open' && header.nextDue === row.due) {
            return { tenantId: row.tenantId, caseRef: row.caseRef, policyId: header.policyId, nextDue: row.due };
          }
          if (header && header.version >= row.caseVersion) await this.bestEffort('prune-due', () => this.indexes.pruneDue(row));
          return null;
        }),
      );
      return due.filter((found): found is DueCase => found !== null);
    });
  }
}
