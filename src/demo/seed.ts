import { CaseQueries } from '../cases/caseQueries.js';
import { CaseNotFound } from '../cases/errors.js';
import type { StaffEntry } from '../directory/staff.js';
import { StaffDirectory } from '../directory/staffDirectory.js';
import { fixedClock } from '../time/clock.js';
import { writeCaseHistory, type CaseHistory, type HistoryDeps } from './caseHistory.js';
import { actorOf, ADELE_VANCE, ALEX_WILBER, ISAIAH_LANGER, LYNNE_ROBBINS, MEGAN_BOWEN, PATTI_FERNANDEZ, PLAYGROUND_TENANT_ID, type PlaygroundUser } from './playground.js';
import { demoCases, type DemoCase } from './stories.js';

/**
 * Seeds the demo cases, each once: a case that already exists is left alone, so every later start costs one
 * read per case and changes nothing (an interrupted first seeding leaves that case as far as it got; delete
 * .data/ to start again). Alex Wilber, the Playground's default user, is the social worker of every case,
 * Megan Bowen the team manager (who has confirmed them) and Adele Vance the conference chair.
 * First the Playground's people are listed in the staff directory, each once in the same way: someone already
 * listed is left as an administrator may have changed them.
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

/** Who may hold which role in the Playground: enough to set up a case (Alex, with Megan and Adele) and to try a claim (Isaiah, Patti). */
const DEMO_STAFF: ReadonlyArray<readonly [PlaygroundUser, StaffEntry['roles']]> = [
  [ALEX_WILBER, ['social-worker']],
  [MEGAN_BOWEN, ['team-manager']],
  [ADELE_VANCE, ['chair']],
  [ISAIAH_LANGER, ['social-worker']],
  [PATTI_FERNANDEZ, ['social-worker']],
  [LYNNE_ROBBINS, ['service-delivery-manager']],
];

/** The demo staff not yet listed, listed (as the import lists people): also what the Playground browser test starts with. */
export async function seedDemoStaff(deps: Pick<DemoSeedDeps, 'tables' | 'today'>): Promise<void> {
  const staff = new StaffDirectory({ table: deps.tables.staff, clock: fixedClock(deps.today), admins: new Set() });
  const listed = await staff.findMany(PLAYGROUND_TENANT_ID, DEMO_STAFF.map(([person]) => person.aadObjectId));
  const missing = DEMO_STAFF.filter(([person]) => !listed.has(person.aadObjectId)).map(([person, roles]) => ({ aadObjectId: person.aadObjectId, displayName: person.name, roles }));
  if (missing.length > 0) await staff.importEntries(PLAYGROUND_TENANT_ID, missing);
}

export async function seedDemoCases(deps: DemoSeedDeps): Promise<DemoSeedResult> {
  await seedDemoStaff(deps);
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
