import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { ApologiesOf, CaseServiceDeps, NextDueOf, StaffLookup } from '../../src/cases/caseAccess.js';
import { STAFF_ROLES } from '../../src/directory/staff.js';
import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import type { Actor } from '../../src/cases/model.js';
import type { AddMemberInput, CreateCaseInput, RecordMeetingHeldInput } from '../../src/cases/validation.js';
import type { StoreTables } from '../../src/store/connect.js';
import { londonDateOf, type Clock } from '../../src/time/clock.js';
import { addDays, compareDates, type LocalDate } from '../../src/time/localDate.js';
import { testTables } from '../setup/tables.js';
import { apologiesFrom, createPolicyRegistry } from '../../src/policy/index.js';

export const TODAY = '2027-03-10' as LocalDate;
export const POLICY = 'england-wt2023';
/** The fixture's policy is no built-in one; its apologies follow the national default for England. */
export const apologiesOf: ApologiesOf = () => apologiesFrom(createPolicyRegistry())('england');

/** A stand-in for the timeline engine: 20 days after the latest event, nothing once the plan has ended. */
export const nextDueOf: NextDueOf = (events) => {
  if (events.some((event) => event.kind === 'plan-ended')) return null;
  const latest = events.map((event) => event.date).sort(compareDates).pop();
  return latest === undefined ? null : addDays(latest, 20);
};

/** A clock on TODAY that moves on a second each time it is read, so audit entries have an order. */
export function tickingClock(): Clock {
  let instant = new Date(`${TODAY}T09:00:00Z`).getTime();
  return { now: () => new Date((instant += 1000)), today: () => londonDateOf(new Date(instant)) };
}

export interface People {
  readonly tenantId: string;
  readonly socialWorker: Actor;
  readonly teamManager: Actor;
  readonly chair: Actor;
  readonly member: Actor;
  readonly outsider: Actor;
}

export function people(): People {
  const tenantId = randomUUID();
  const actor = (): Actor => ({ tenantId, aadObjectId: randomUUID() });
  return { tenantId, socialWorker: actor(), teamManager: actor(), chair: actor(), member: actor(), outsider: actor() };
}

/**
 * For tests about something else than who may hold a case: everyone is listed in every role. Staffing itself is
 * tested on the real directory (staffing.test.ts, test/e2e/caseCreation.test.ts).
 */
export const everyoneListed: StaffLookup = {
  findMany: async (_tenantId, ids) => new Map(ids.map((id) => [id, { displayName: 'Listed Person', roles: [...STAFF_ROLES] }])),
};

export async function serviceOn(prefix: string, overrides: Partial<CaseServiceDeps> = {}): Promise<{ service: CaseServices; tables: StoreTables }> {
  const tables = await testTables(prefix);
  const service = createCaseServices({
    tables,
    clock: tickingClock(),
    policyIds: new Set([POLICY]),
    nextDueOf,
    apologiesOf,
    staff: everyoneListed,
    ...overrides,
  });
  return { service, tables };
}

let counter = 0;
export function newCaseRef(): string {
  counter += 1;
  return `CP-${randomUUID().slice(0, 4).toUpperCase()}${counter}`;
}

export function createInput(who: People, caseRef: string, overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  return {
    caseRef,
    alias: 'Blue',
    policyId: POLICY,
    initialConferenceDate: '2027-02-01',
    socialWorker: {
      aadObjectId: who.socialWorker.aadObjectId,
      displayName: 'Sam Worker',
      agency: "Children's social care",
    },
    teamManager: who.teamManager.aadObjectId,
    chair: who.chair.aadObjectId,
    ...overrides,
  };
}

export const teamsMember = (aadObjectId: string, displayName = 'Pat Health'): AddMemberInput => ({
  kind: 'teams',
  aadObjectId,
  displayName,
  agency: 'Health visiting',
  role: 'professional',
});

/** A professional outside the tenant: reached by email, papers by secure email. */
export const externalMember = (displayName: string, email?: string, role: 'professional' | 'advocate' = 'professional'): AddMemberInput => ({
  kind: 'external',
  displayName,
  ...(email !== undefined && { email }),
  agency: 'Advocacy service',
  role,
  contactRoute: 'Secure email',
});

/** A family member, known by a neutral label only. */
export const familyMember = (label: string, role: 'parent-or-carer' | 'child-or-young-person' | 'family-supporter' = 'parent-or-carer'): AddMemberInput => ({
  kind: 'family',
  label,
  role,
  contactRoute: 'Printed copy handed over at home visits',
});

/**
 * A case with the social worker (M1), a Teams member (M2), a parent labelled "Parent A" (M3) and one scheduled
 * core group (CG1).
 */
export async function caseWithMeeting(service: CaseServices, who: People, caseRef: string = newCaseRef()): Promise<string> {
  await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
  await service.commands.addMember(who.socialWorker, caseRef, teamsMember(who.member.aadObjectId));
  await service.commands.addMember(who.socialWorker, caseRef, familyMember('Parent A'));
  await service.commands.scheduleMeeting(who.socialWorker, caseRef, {
    date: '2027-03-20',
    time: '10:00',
    onlineLink: 'https://teams.microsoft.com/l/meetup-join/x',
    type: 'first',
    chair: 'M1',
    noteTaker: 'M2',
  });
  return caseRef;
}

/** CG1 of caseWithMeeting recorded as held today: M1 and M2 came, Parent A (M3) sent apologies. */
export const HELD: RecordMeetingHeldInput = {
  meetingId: 'CG1',
  heldOn: TODAY,
  attendees: ['M1', 'M2'],
  apologies: ['M3'],
  absentees: [],
  chair: 'M1',
  noteTaker: 'M2',
  childViewsRecorded: true,
  parentsViewsRecorded: false,
  parentsViewsNote: 'Parent A to be visited at home',
  membershipReviewed: true,
};

/** Every row of one case partition as `rowKey@etag`: equal before and after means nothing was written. */
export async function partitionSnapshot(tables: StoreTables, tenantId: string, caseRef: string): Promise<string[]> {
  const rows: string[] = [];
  const filter = odata`PartitionKey eq ${`${tenantId}|${caseRef}`}`;
  for await (const row of tables.cases.listEntities({ queryOptions: { filter } })) rows.push(`${row.rowKey}@${row.etag}`);
  return rows.sort();
}
