import { createCalendars } from '../../src/calendar/index.js';
import { caseEvents } from '../../src/cases/caseEvents.js';
import type { CaseState } from '../../src/cases/model.js';
import type { DigestCase, DigestPerson } from '../../src/digest/index.js';
import { createPolicyRegistry } from '../../src/policy/index.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { computeTimeline } from '../../src/timeline/index.js';
import { caseState, CHAIR, held, recorded, TENANT, TM, type CaseSpec } from '../sweep/caseState.js';

/** The council's Christmas closure, 29–31 Dec 2026, beside the bank holidays of each nation. */
export const CLOSURE = ['2026-12-29', '2026-12-30', '2026-12-31'].map(parseLocalDate);
export const policies = createPolicyRegistry();
export const calendars = createCalendars(CLOSURE);
export const deps = { policies, calendars };

export const chair: DigestPerson = { tenantId: TENANT, aadObjectId: CHAIR, roles: ['chair'] };
export const manager: DigestPerson = { tenantId: TENANT, aadObjectId: TM, roles: ['team-manager'] };

/** A case of the sweep's fixtures under its own reference and alias. */
export function namedCase(caseRef: string, alias: string, spec: CaseSpec, header: Partial<CaseState['header']> = {}): CaseState {
  const state = caseState(spec);
  return { ...state, header: { ...state.header, caseRef, alias, ...header } };
}

/** The case with its timeline on the day, as the sweep hands it over. */
export function onDay(state: CaseState, today: string): DigestCase {
  return { state, timeline: computeTimeline({ profile: policies.require(state.header.policyId), calendars, events: caseEvents(state), today: parseLocalDate(today) }) };
}

/**
 * Seed 000 from Mon 1 Feb 2027: the second core group held 7 days late (Thu 1 Apr for Thu 25 Mar), its plan neither
 * updated nor circulated; the first one's plan circulated 3 days late. For the weekly record of Tue 4 May 2027.
 */
export const elm = namedCase('CP-4001', 'Elm', {
  policyId: 'six-weekly-isu',
  icpc: '2027-02-01',
  meetings: [held('CG1', '2027-02-12', 'M2', 'first'), held('CG2', '2027-04-01')],
  events: [recorded('outline-plan-sent', '2027-02-02'), recorded('plan-updated', '2027-02-15'), recorded('plan-circulated', '2027-02-22'), recorded('plan-sent-to-isu', '2027-02-22')],
});
