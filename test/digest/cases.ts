import { createCalendars } from '../../src/calendar/index.js';
import { caseEvents } from '../../src/cases/caseEvents.js';
import type { CaseState } from '../../src/cases/model.js';
import type { DigestCase, DigestPerson } from '../../src/digest/index.js';
import { createPolicyRegistry } from '../../src/policy/index.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { computeTimeline } from '../../src/timeline/index.js';
import { caseState, CHAIR, TENANT, TM, type CaseSpec } from '../sweep/caseState.js';

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
