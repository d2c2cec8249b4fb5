import type { BotServices } from '../../bot/services.js';
import type { Actor } from '../../src/cases/model.js';
import type { AddMemberInput } from '../../src/cases/validation.js';
import type { StoreTables } from '../../src/store/connect.js';
import { tellStory } from '../support/caseStory.js';
import { MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';

export const TEAM_MANAGER = 'aaaaaaaa-0000-4000-8000-000000000010';
export const CHAIR = 'aaaaaaaa-0000-4000-8000-000000000011';
export const OTHER_CHAIR = 'aaaaaaaa-0000-4000-8000-000000000012';
export const STRANGER = 'aaaaaaaa-0000-4000-8000-000000000013';

/** The member in Teams who takes the notes in the apologies and reports tests. */
export const NOTE_TAKER = 'aaaaaaaa-0000-4000-8000-000000000003';

/**
 * A case "Oak" set up through the case service, as of before its meetings: the social worker (M1), a school (M2,
 * MEMBER in Teams), a health visitor (M3, NOTE_TAKER in Teams) and police outside Teams (M4).
 */
export async function schoolHealthPoliceCase(services: BotServices, caseRef: string, policyId: string): Promise<void> {
  const { commands } = services.cases;
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  await commands.createCase(socialWorker, {
    caseRef,
    alias: 'Oak',
    policyId,
    initialConferenceDate: '2027-01-20',
    socialWorker: { aadObjectId: SOCIAL_WORKER, displayName: 'Sam Worker', agency: 'Children’s Services' },
    teamManager: TEAM_MANAGER,
    chair: CHAIR,
  });
  await commands.addMember(socialWorker, caseRef, { kind: 'teams', aadObjectId: MEMBER, displayName: 'Lynne Robbins', agency: 'School', role: 'professional' });
  await commands.addMember(socialWorker, caseRef, { kind: 'teams', aadObjectId: NOTE_TAKER, displayName: 'Nia Notes', agency: 'Health visiting', role: 'professional' });
  await commands.addMember(socialWorker, caseRef, { kind: 'external', displayName: 'Pat Police', agency: 'Police', role: 'professional', contactRoute: 'Secure email' });
}

/** A core group beyond its social worker: a colleague in Teams (MEMBER, M2) and a parent outside it (M3). */
export const MEMBERS_IN_AND_OUT: readonly AddMemberInput[] = [
  { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' },
  { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Hand delivered' },
];

/**
 * Three cases of one social worker, as of Fri 5 Feb 2027 (dates worked out by hand in the tests):
 * CP-1001 overdue with its plan not circulated, CP-1002 upcoming with a member in Teams and a parent outside it,
 * CP-1003 a Northern Ireland target passed with its typed record overdue.
 */
export async function seedStories(tables: StoreTables, services: BotServices): Promise<void> {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const common = { socialWorker, teamManager: TEAM_MANAGER, chair: CHAIR };
  await tellStory(tables, services, {
    ...common,
    caseRef: 'CP-1001',
    alias: 'Oak',
    policyId: 'six-weekly-isu',
    icpc: '2026-12-14',
    coreGroups: ['2026-12-23'],
    events: [['plan-updated', '2026-12-24']],
  });
  await tellStory(tables, services, {
    ...common,
    caseRef: 'CP-1002',
    alias: 'Birch',
    policyId: 'york',
    icpc: '2027-01-25',
    members: MEMBERS_IN_AND_OUT,
    coreGroups: ['2027-02-01'],
    events: [['record-distributed', '2027-02-03']],
  });
  await tellStory(tables, services, { ...common, chair: OTHER_CHAIR, caseRef: 'CP-1003', policyId: 'ni-regional', icpc: '2026-12-07', coreGroups: ['2026-12-14'] });
}

/** A case set up by the test social worker, Sam Worker, with the test team manager and chair. */
export async function createSamsCase(
  commands: Pick<BotServices['cases']['commands'], 'createCase'>,
  socialWorker: Actor,
  caseRef: string,
  details: { readonly alias: string; readonly policyId: string; readonly initialConferenceDate: string; readonly serviceDeliveryManager?: string },
): Promise<void> {
  await commands.createCase(socialWorker, {
    caseRef,
    ...details,
    socialWorker: { aadObjectId: SOCIAL_WORKER, displayName: 'Sam Worker', agency: "Children's social care" },
    teamManager: TEAM_MANAGER,
    chair: CHAIR,
  });
}
