import { z } from 'zod';
import { StorageConflict, StorageUnavailable } from '../store/errors.js';
import type { ApologyRules } from '../policy/schema.js';
import type { StoreTables } from '../store/connect.js';
import type { RetryOptions } from '../store/etag.js';
import type { Clock } from '../time/clock.js';
import type { LocalDate } from '../time/localDate.js';
import type { CaseEvent } from '../timeline/events.js';
import { CaseIndexes } from './caseIndexes.js';
import { CaseRepository, type LoadedCase } from './caseRepository.js';
import type { ListedStaff } from './staffing.js';
import { CaseNotFound, Conflict, TryAgain } from './errors.js';
import { caseRef as caseRefSchema, parseInput } from './validation.js';

/** What the case commands, queries and sweeps share: their dependencies and how they meet the store. */

/** Supplied by the timeline engine: the next date something falls due on a case, or null. */
export type NextDueOf = (events: readonly CaseEvent[], policyId: string) => LocalDate | null;

/** Supplied by the policy registry: what a case's procedure asks of apologies and the written update. */
export type ApologiesOf = (policyId: string) => ApologyRules;

/** The staff directory as case creation reads it (src/directory/staffDirectory.ts): entries by object id. */
export interface StaffLookup {
  findMany(tenantId: string, aadObjectIds: readonly string[]): Promise<ListedStaff>;
}

/** Index upkeep a reader does on the way (caseIndexes.ts): settling a snapshot, pruning a row that no longer holds. */
export type IndexUpkeep = 'settle' | 'prune-user' | 'prune-due' | 'move-due' | 'advance-due-cursor';

export interface CaseServiceDeps {
  readonly tables: Pick<StoreTables, 'cases' | 'userCases' | 'caseDue'>;
  readonly clock: Clock;
  readonly policyIds: ReadonlySet<string>;
  readonly nextDueOf: NextDueOf;
  /** A procedure's rules for apologies and the written update (policy profiles). */
  readonly apologiesOf: ApologiesOf;
  /** Who may hold which role: a case's social worker, team manager and chair must be listed in theirs. */
  readonly staff: StaffLookup;
  readonly retry?: RetryOptions;
  /** Told of index upkeep on the read path that failed: the answer stands, the next reader retries. */
  readonly onUpkeepFailed?: (upkeep: IndexUpkeep, error: unknown) => void;
}

/**
 * Turns store failures into what a person can act on: an unreachable store is "try again", a race lost after every
 * retry is a Conflict in the caller's words; domain errors pass through untouched.
 */
export async function asCaseErrors<T>(work: () => Promise<T>, conflict: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StorageUnavailable) throw new TryAgain({ cause: error });
    if (error instanceof StorageConflict) throw new Conflict(conflict);
    throw error;
  }
}

/** Store failures on one case, as its commands and queries report them. */
export const translated = <T>(caseRef: string, work: () => Promise<T>): Promise<T> =>
  asCaseErrors(work, `Several changes to case ${caseRef} arrived at the same moment and yours could not be saved. Nothing of yours was saved; please try again.`);

/** The case as read, if it is one: a withdrawn case is no case to anyone (its reference is free again). */
export function liveCase(loaded: LoadedCase | null): LoadedCase | null {
  return loaded && loaded.state.header.status !== 'withdrawn' ? loaded : null;
}

export function requireCase(loaded: LoadedCase | null, caseRef: string): LoadedCase {
  const live = liveCase(loaded);
  if (!live) throw new CaseNotFound(caseRef);
  return live;
}

export function parseCaseRef(caseRef: string): string {
  return parseInput(z.object({ caseRef: caseRefSchema }), { caseRef }).caseRef;
}

/** The case rows and their indexes, as commands, queries and sweeps all reach them. */
export interface CaseStore {
  readonly repository: CaseRepository;
  readonly indexes: CaseIndexes;
  /**
   * Index upkeep never turns an answer into "try again" (caseIndexes.ts keeps the indexes a superset of the truth):
   * what the work resolved to, or undefined when it failed.
   */
  readonly bestEffort: <T>(upkeep: IndexUpkeep, work: () => Promise<T>) => Promise<T | undefined>;
}

export function caseStoreOf(deps: Pick<CaseServiceDeps, 'tables' | 'onUpkeepFailed'>): CaseStore {
  return {
    repository: new CaseRepository(deps.tables),
    indexes: new CaseIndexes(deps.tables),
    bestEffort: async (upkeep, work) => {
      try {
        return await work();
      } catch (error) {
        deps.onUpkeepFailed?.(upkeep, error);
        return undefined;
      }
    },
  };
}
