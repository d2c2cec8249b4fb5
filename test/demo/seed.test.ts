import { beforeAll, describe, expect, it } from 'vitest';
import { createCalendars } from '../../src/calendar/index.js';
import { createCaseServices } from '../../src/cases/caseService.js';
import { isFamilyMember, type CaseView } from '../../src/cases/model.js';
import { CaseTimelines, nextDueFromTimeline } from '../../src/due/caseTimelines.js';
import { seedDemoCases, type DemoSeedResult } from '../../src/demo/index.js';
import { ADELE_VANCE, ALEX_WILBER, ISAIAH_LANGER, LYNNE_ROBBINS, MEGAN_BOWEN, PATTI_FERNANDEZ, PLAYGROUND_TENANT_ID } from '../../src/demo/playground.js';
import { apologiesFrom, createPolicyRegistry } from '../../src/policy/index.js';
import type { StoreTables } from '../../src/store/connect.js';
import { StaffDirectory } from '../../src/directory/staffDirectory.js';
import { fixedClock } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { describeObligation, describeStatus } from '../../src/timeline/index.js';
import { snapshot, testTables } from '../setup/tables.js';

/** A Monday. The expected dates below were worked out by hand from the stories in src/demo/stories.ts. */
const TODAY = '2027-03-01' as LocalDate;
const policies = createPolicyRegistry([]);
const calendars = createCalendars([]);
const ALEX = { tenantId: PLAYGROUND_TENANT_ID, aadObjectId: ALEX_WILBER.aadObjectId };

const serviceOn = (tables: StoreTables) =>
  createCaseServices({
    tables,
    clock: fixedClock(TODAY),
    policyIds: new Set(policies.ids()),
    nextDueOf: nextDueFromTimeline({ policies, calendars }, fixedClock(TODAY)),
    apologiesOf: apologiesFrom(policies),
    staff: new StaffDirectory({ table: tables.staff, clock: fixedClock(TODAY), admins: new Set() }),
  });

const seed = (tables: StoreTables) => seedDemoCases({ tables, policies, calendars, today: TODAY });

describe('demo cases for the Agents Playground', () => {
  let tables: StoreTables;
  const DEMO_REFS = ['CP-9001', 'CP-9002', 'CP-9003', 'CP-9004'];
  const viewsOf = (service: ReturnType<typeof serviceOn>) => Promise.all(DEMO_REFS.map((ref) => service.queries.getCase(ALEX, ref)));
  let first: DemoSeedResult;
  let views: CaseView[];
  beforeAll(async () => {
    tables = await testTables('demo');
    first = await seed(tables);
    views = await viewsOf(serviceOn(tables));
  });

  it("creates four cases, under four profiles, with the Playground's default user as social worker", () => {
    expect(first).toEqual({ created: ['CP-9001', 'CP-9002', 'CP-9003', 'CP-9004'], existing: [] });
    expect(views.map((v) => [v.caseRef, v.alias, v.policyId, v.initialConferenceDate, v.viewer.roles])).toEqual([
      // 1 Mar 2027 − 77 days = Mon 14 Dec 2026, a working day.
      ['CP-9001', 'Oak', 'six-weekly-isu', '2026-12-14', ['social-worker', 'member']],
      // − 50 days = Sun 10 Jan 2027, so Fri 8 Jan.
      ['CP-9002', 'Birch', 'york', '2027-01-08', ['social-worker', 'member']],
      // − 8 days = Sun 21 Feb 2027, so Fri 19 Feb.
      ['CP-9003', 'Rowan', 'scotland', '2027-02-19', ['social-worker', 'member']],
      // − 56 days = Mon 4 Jan 2027 (1 Jan is the only New Year holiday in Northern Ireland).
      ['CP-9004', 'Willow', 'ni-regional', '2027-01-04', ['social-worker', 'member']],
    ]);
    for (const view of views) {
      expect(view).toMatchObject({ status: 'open', socialWorker: ALEX_WILBER.aadObjectId, teamManager: MEGAN_BOWEN.aadObjectId, chair: ADELE_VANCE.aadObjectId });
    }
  });

  it('adds other Playground users as Teams members and a parent labelled "Parent A", reached by printed copy', () => {
    const members = Object.fromEntries(
      views.map((v) => [v.caseRef, v.members.map((m) => [m.memberId, isFamilyMember(m) ? m.label : m.displayName, m.aadObjectId ?? m.contactRoute, m.role])]),
    );
    const alex = ['M1', 'Alex Wilber', ALEX_WILBER.aadObjectId, 'professional'];
    const parent = ['M3', 'Parent A', 'Printed copy handed over at home visits', 'parent-or-carer'];
    expect(members).toEqual({
      'CP-9001': [alex, ['M2', 'Patti Fernandez', PATTI_FERNANDEZ.aadObjectId, 'professional'], parent],
      'CP-9002': [alex, ['M2', 'Isaiah Langer', ISAIAH_LANGER.aadObjectId, 'professional'], parent],
      'CP-9003': [alex, ['M2', 'Lynne Robbins', LYNNE_ROBBINS.aadObjectId, 'professional']],
      'CP-9004': [alex, ['M2', 'Isaiah Langer', ISAIAH_LANGER.aadObjectId, 'professional']],
    });
  });

  it('records past core groups as held and the next one as scheduled, each through the case service on its own day', () => {
    const meetings = Object.fromEntries(views.map((v) => [v.caseRef, v.meetings.map((m) => `${m.meetingId} ${m.date} ${m.held ? `held ${m.held.heldOn}` : 'scheduled'}`)]));
    expect(meetings).toEqual({
      // Conference + 7 days; Birch's second: 1 Mar − 22 days = Sun 7 Feb, so Fri 5 Feb.
      'CP-9001': ['CG1 2026-12-21 held 2026-12-21'],
      'CP-9002': ['CG1 2027-01-15 held 2027-01-15', 'CG2 2027-02-05 held 2027-02-05'],
      // 1 Mar + 7 days = Mon 8 Mar.
      'CP-9003': ['CG1 2027-03-08 scheduled'],
      'CP-9004': ['CG1 2027-01-11 held 2027-01-11'],
    });
    const recorded = Object.fromEntries(views.map((v) => [v.caseRef, v.recordedEvents.map((e) => `${e.kind} ${e.date}`)]));
    expect(recorded).toEqual({
      // The outline plan the working day after the conference (Mon 14 Dec); the plan updated one working day after
      // 21 Dec and never circulated.
      'CP-9001': ['outline-plan-sent 2026-12-15', 'plan-updated 2026-12-22'],
      // Five working days after each core group.
      'CP-9002': ['record-distributed 2027-01-22', 'record-distributed 2027-02-12'],
      'CP-9003': [],
      // Ten working days after 11 Jan; the child seen a week before 1 Mar.
      'CP-9004': ['record-distributed 2027-01-25', 'child-seen 2027-02-22'],
    });
  });

  it('does each step on its own day: a meeting is arranged up to a week ahead, then recorded as held on the day', async () => {
    const audit = await serviceOn(tables).queries.auditTrail(ALEX, 'CP-9002');
    expect(audit.items.map((entry) => `${entry.at.slice(0, 10)} ${entry.operation}`).reverse()).toEqual([
      '2027-01-08 create-case',
      '2027-01-08 confirm-case',
      '2027-01-08 add-member',
      '2027-01-08 add-member',
      // 15 Jan − 7 days is 8 Jan, the conference day itself.
      '2027-01-08 schedule-meeting',
      '2027-01-15 record-meeting-held',
      '2027-01-22 record-record-distributed',
      '2027-01-29 schedule-meeting',
      '2027-02-05 record-meeting-held',
      '2027-02-12 record-record-distributed',
    ]);
    // Every one of those ten operations went in with an idempotency key of its own.
    const operations = (await snapshot(tables, 'cases')).filter((row) => row.startsWith(`${PLAYGROUND_TENANT_ID}|CP-9002/~op|`));
    expect(operations).toHaveLength(10);
  });

  it('answers "when is the next core group due?" with one overdue, one due within days, one upcoming and one Northern Ireland target passed', async () => {
    const timelines = await new CaseTimelines({ policies, calendars, cases: serviceOn(tables).queries }).forActor(ALEX, TODAY);
    const answers = Object.fromEntries(
      timelines.map(({ caseRef, timeline }) => [
        caseRef,
        {
          next: `${timeline.nextCoreGroup?.due} ${timeline.nextCoreGroup && describeStatus(timeline.nextCoreGroup)}`,
          alsoOverdue: timeline.obligations.filter((o) => o.status === 'overdue' && o !== timeline.nextCoreGroup).map((o) => `${describeObligation(o)} ${o.due}`),
          review: `${timeline.nextReviewConference?.due} ${timeline.nextReviewConference?.status}`,
        },
      ]),
    );
    expect(answers).toEqual({
      'CP-9001': {
        // 21 Dec 2026 + 6 weeks = Mon 1 Feb 2027.
        next: '2027-02-01 overdue',
        alsoOverdue: [
          // 5 working days after 21 Dec: 22, 23, 24, (25 Dec, weekend, 28 Dec Boxing Day substitute) 29, 30 Dec.
          'Plan circulated 2026-12-30',
          // The chair's "hold within 5 working days" of the missed 1 Feb: 2, 3, 4, 5, 8 Feb.
          'Missed core group: hold it now 2027-02-08',
        ],
        // 14 Dec + 3 months = Sun 14 Mar, so Fri 12 Mar.
        review: '2027-03-12 upcoming',
      },
      // 5 Feb + 1 month = Fri 5 Mar: four days away.
      'CP-9002': { next: '2027-03-05 upcoming', alsoOverdue: [], review: '2027-04-08 upcoming' },
      // 15 working days after Fri 19 Feb: 22–26 Feb, 1–5 Mar, 8–12 Mar, so Fri 12 Mar.
      'CP-9003': { next: '2027-03-12 upcoming', alsoOverdue: [], review: '2027-08-19 upcoming' },
      // A target: 4 Jan + 6 weeks = Mon 15 Feb. Review: 4 Jan + 3 months = Sun 4 Apr (Easter Day), so Fri 2 Apr.
      'CP-9004': { next: '2027-02-15 target passed', alsoOverdue: [], review: '2027-04-02 upcoming' },
    });
  });

  it('indexes each case by its earliest open obligation, so the reminder sweep finds the two late ones', async () => {
    expect(views.map((v) => [v.caseRef, v.nextDue])).toEqual([
      ['CP-9001', '2026-12-30'],
      ['CP-9002', '2027-03-05'],
      ['CP-9003', '2027-03-12'],
      ['CP-9004', '2027-02-15'],
    ]);
    const due = await serviceOn(tables).sweeps.casesDue(TODAY);
    expect(due.map((d) => d.header.caseRef).sort()).toEqual(['CP-9001', 'CP-9004']);
  });

  it('a second start finds the cases there and writes nothing, on the same day or a later one', async () => {
    const before = await Promise.all((['cases', 'userCases', 'caseDue'] as const).map((name) => snapshot(tables, name)));
    expect(await seed(tables)).toEqual({ created: [], existing: ['CP-9001', 'CP-9002', 'CP-9003', 'CP-9004'] });
    expect(await seedDemoCases({ tables, policies, calendars, today: '2027-03-02' as LocalDate })).toEqual({
      created: [],
      existing: ['CP-9001', 'CP-9002', 'CP-9003', 'CP-9004'],
    });
    expect(await Promise.all((['cases', 'userCases', 'caseDue'] as const).map((name) => snapshot(tables, name)))).toEqual(before);
  });

  it('is deterministic: the same day gives the same cases, timestamps included', async () => {
    const other = await testTables('demo');
    await seed(other);
    const again = await viewsOf(serviceOn(other));
    expect(again).toEqual(views);
  });

  it('names no family: tree aliases, and the only person outside Teams is labelled "Parent A", with no name or email', () => {
    expect(views.map((v) => v.alias)).toEqual(['Oak', 'Birch', 'Rowan', 'Willow']);
    const people = [ALEX_WILBER, MEGAN_BOWEN, ADELE_VANCE, ISAIAH_LANGER, PATTI_FERNANDEZ, LYNNE_ROBBINS].flatMap((p) => p.name.split(' '));
    for (const alias of views.map((v) => v.alias ?? '')) expect(people).not.toContain(alias);
    const outside = views.flatMap((v) => v.members.filter((m) => m.aadObjectId === undefined));
    expect(new Set(outside.map((m) => JSON.stringify([m.role, isFamilyMember(m) ? m.label : m.displayName, 'email' in m])))).toEqual(new Set(['["parent-or-carer","Parent A",false]']));
  });
});
