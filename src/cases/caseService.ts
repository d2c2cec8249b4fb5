import type { CaseServiceDeps } from './caseAccess.js';
import { CaseCommands } from './caseCommands.js';
import { CaseQueries } from './caseQueries.js';
import { CaseSweeps } from './caseSweeps.js';

/**
 * The case service, split by job: commands change a case (each one transaction, audited), queries read cases as
 * one person may see them, sweeps look across every case for the jobs. A caller takes only the part it needs.
 */
export interface CaseServices {
  readonly commands: CaseCommands;
  readonly queries: CaseQueries;
  readonly sweeps: CaseSweeps;
}

export function createCaseServices(deps: CaseServiceDeps): CaseServices {
  return { commands: new CaseCommands(deps), queries: new CaseQueries(deps), sweeps: new CaseSweeps(deps) };
}
