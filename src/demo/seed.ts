import { CaseQueries } from '../cases/caseQueries.js';
import { CaseNotFound } from '../cases/errors.js';
import { writeCaseHistory, type CaseHistory, type HistoryDeps } from './caseHistory.js';
import { actorOf, ADELE_VANCE, ALEX_WILBER, MEGAN_BOWEN } from './playground.js';
import { demoCases, type DemoCase } from './stories.js';

/**
 * Seeds the demo cases, each once: a case that already exists is left alone, so every later start costs one
 * read per case and changes nothing (an interrupted first seeding leaves that case as far as it got; delete
 * .data/ to start again). Alex Wilber, the Playground's default user, is the social worker of every case,
 * Megan Bowen the team manager and Adele Vance the conference chair.
 * Each case's history goes in through the real case service, step by step on its own date (caseHistory.ts).
 */
export type DemoSeedDeps = HistoryDeps;

export interface DemoSeedResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

const SOCIAL_WORKER = actorOf(ALEX_WILBER);

function historyOf(demo: DemoCase): CaseHistory {
  return {
    ...demo,
    socialWorker: {
      actor: SOCIAL_WORKER,
      displayName: ALEX_WILBER.name,
      email: ALEX_WILBER.email,
      agency: "Children's social care",
    },
    teamManager: MEGAN_BOWEN.aadObjectId,
    chair: ADELE_VANCE.aadObjectId,
  };
}

export async function seedDemoCases(deps: DemoSeedDeps): Promise<DemoSeedResult> {
  const calendarOf = (policyId: string) => deps.calendars[deps.policies.require(policyId).nation];
  const created: string[] = [];
  const existing: string[] = [];
  for (const demo of demoCases(deps.today, calendarOf)) {
    if (await exists(deps, demo.caseRef)) {
      existing.push(demo.caseRef);
      continue;
    }
    await writeCaseHistory(deps, historyOf(demo));
    created.push(demo.caseRef);
  }
  return { created, existing };
}

async function exists(deps: DemoSeedDeps, caseRef: string): Promise<boolean> {
  try {
    await new CaseQueries({ tables: deps.tables }).getCase(SOCIAL_WORKER, caseRef);
    return true;
  } catch (error) {
    if (error instanceof CaseNotFound) return false;
    throw error;
  }
}
