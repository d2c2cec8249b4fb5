import { beforeAll, describe, expect, it } from 'vitest';
import { createCalendars } from '../../src/calendar/index.js';
import type { CaseServices } from '../../src/cases/caseService.js';
import { InvalidInput, MeetingNotFound, MemberNotFound } from '../../src/cases/errors.js';
import type { CaseView } from '../../src/cases/model.js';
import type { CorrectMeetingHeldInput, RecordMeetingHeldInput } from '../../src/cases/validation.js';
import { nextDueFromTimeline, timelineOfCase } from '../../src/due/caseTimelines.js';
import { createPolicyRegistry } from '../../src/policy/index.js';
import type { StoreTables } from '../../src/store/connect.js';
import { fixedClock } from '../../src/time/clock.js';
import { createInput, HELD, newCaseRef, partitionSnapshot, people, serviceOn, teamsMember, TODAY, type People } from './fixtures.js';

const POLICY = 'six-weekly-isu';
const sources = { policies: createPolicyRegistry(), calendars: createCalendars() };

/** CG1 recorded as held on Wed 3 Mar 2027 (it was Thu 4 Mar), the plan updated on Fri 5 Mar for it (after the outline plan went out). */
const RECORDED: RecordMeetingHeldInput = { ...HELD, heldOn: '2027-03-03' };
const { meetingId: _, ...recordedFields } = RECORDED;
const CORRECTED: CorrectMeetingHeldInput = { ...RECORDED, heldOn: '2027-03-04', reason: 'The date of the meeting before it was entered' };

/** What the timeline says about a case's obligations, kind and due date with its state, in due order. */
function obligationsOf(view: CaseView): string[] {
  return timelineOfCase(view, TODAY, sources).obligations.map(
    (obligation) => `${obligation.kind} ${obligation.due} ${obligation.status}${obligation.metOn ? ` ${obligation.metOn}` : ''}${obligation.follows ? ` after ${obligation.follows}` : ''}`,
  );
}

describe("correcting a core group's record, with a reason (six-weekly-isu, seed 000), against Azurite", () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  beforeAll(async () => {
    ({ service, tables } = await serviceOn('correct', { policyIds: new Set([POLICY]), nextDueOf: nextDueFromTimeline(sources, fixedClock(TODAY)) }));
    who = people();
  });

  /** A case whose first core group was recorded a day early, with its plan update recorded against it. */
  async function wronglyRecorded(): Promise<string> {
    const caseRef = newCaseRef();
    await caseWithMeetingOn(caseRef);
    await service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'outline-plan-sent', date: '2027-02-02' });
    await service.commands.recordMeetingHeld(who.socialWorker, caseRef, RECORDED);
    await service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'plan-updated', date: '2027-03-05', meetingId: 'CG1' });
    return caseRef;
  }
  async function caseWithMeetingOn(caseRef: string): Promise<void> {
    await service.commands.createCase(who.socialWorker, createInput(who, caseRef, { policyId: POLICY }));
    await service.commands.addMember(who.socialWorker, caseRef, teamsMember(who.member.aadObjectId));
    await service.commands.addMember(who.socialWorker, caseRef, { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Printed copy handed over at home visits' });
    await service.commands.scheduleMeeting(who.socialWorker, caseRef, { date: TODAY, time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2' });
  }

  it('the corrected date moves every clock: plan update, circulation, the ISU copy and the next core group; the paperwork moves with it', async () => {
    const caseRef = await wronglyRecorded();
    const before = await service.queries.getCase(who.socialWorker, caseRef);
    expect(obligationsOf(before)).toEqual([
      'outline-plan 2027-02-02 met 2027-02-02',
      'core-group 2027-02-15 met 2027-03-03',
      'missed-core-group-escalation 2027-02-22 met 2027-03-03',
      'plan-to-isu 2027-03-03 owed after 2027-03-03',
      'plan-update 2027-03-05 met 2027-03-05 after 2027-03-03',
      'plan-circulation 2027-03-10 due-today after 2027-03-03',
      'core-group 2027-04-14 upcoming',
      'review-conference 2027-04-30 upcoming',
    ]);

    const corrected = await service.commands.correctMeetingHeld(who.socialWorker, caseRef, CORRECTED);
    expect(corrected).toMatchObject({ eventId: 'E3', changed: ['heldOn'], replayed: false });
    expect(corrected.view.meetings[0]?.held).toEqual({ ...recordedFields, heldOn: '2027-03-04', recordedAt: before.meetings[0]?.held?.recordedAt });
    // The plan update stays done, now for the meeting on its corrected date; the correction keeps its reason.
    expect(corrected.view.recordedEvents.map(({ recordedAt: _at, ...event }) => event)).toEqual([
      { eventId: 'E1', kind: 'outline-plan-sent', date: '2027-02-02', recordedBy: who.socialWorker.aadObjectId },
      { eventId: 'E2', kind: 'plan-updated', date: '2027-03-05', follows: '2027-03-04', recordedBy: who.socialWorker.aadObjectId },
      { eventId: 'E3', kind: 'core-group-corrected', date: TODAY, meetingId: 'CG1', note: 'The date of the meeting before it was entered', recordedBy: who.socialWorker.aadObjectId },
    ]);
    // Thu 4 Mar: updated within 2 working days (Mon 8 Mar), circulated within 5 (Thu 11 Mar), next within six weeks (Thu 15 Apr).
    expect(obligationsOf(corrected.view)).toEqual([
      'outline-plan 2027-02-02 met 2027-02-02',
      'core-group 2027-02-15 met 2027-03-04',
      'missed-core-group-escalation 2027-02-22 met 2027-03-04',
      'plan-to-isu 2027-03-04 owed after 2027-03-04',
      'plan-update 2027-03-08 met 2027-03-05 after 2027-03-04',
      'plan-circulation 2027-03-11 upcoming after 2027-03-04',
      'core-group 2027-04-15 upcoming',
      'review-conference 2027-04-30 upcoming',
    ]);
    expect(corrected.view.events).toEqual([
      { kind: 'initial-conference', date: '2027-02-01' },
      { kind: 'outline-plan-sent', date: '2027-02-02' },
      { kind: 'core-group-held', date: '2027-03-04' },
      { kind: 'plan-updated', date: '2027-03-05', follows: '2027-03-04' },
    ]);
    // The earliest open obligation: the plan's circulation, due today before the correction.
    expect([before.nextDue, corrected.view.nextDue]).toEqual(['2027-03-10', '2027-03-11']);

    const [entry] = (await service.queries.auditTrail(who.teamManager, caseRef, { pageSize: 1 })).items;
    expect(entry).toMatchObject({
      actor: who.socialWorker.aadObjectId,
      operation: 'correct-meeting-held',
      before: "CG1 held 2027-03-03; attended M1,M2; apologies M3; absent none; chair M1; note taker M2; child's views recorded yes; parents' views recorded no; membership reviewed yes",
      after:
        "CG1 held 2027-03-04; attended M1,M2; apologies M3; absent none; chair M1; note taker M2; child's views recorded yes; parents' views recorded no; membership reviewed yes; " +
        'changed: heldOn; paperwork moved with it: E2; reason in E3',
    });
  });

  it('corrects who came and the views without touching the date or the paperwork, and is applied once per request id', async () => {
    const caseRef = await wronglyRecorded();
    const fix: CorrectMeetingHeldInput = {
      ...CORRECTED,
      heldOn: '2027-03-03',
      attendees: ['M1', 'M2', 'M3'],
      apologies: [],
      parentsViewsRecorded: true,
      reason: 'Parent A came after all and gave their views',
    };
    const first = await service.commands.correctMeetingHeld(who.socialWorker, caseRef, fix, { idempotencyKey: 'meeting.correct:1' });
    const again = await service.commands.correctMeetingHeld(who.socialWorker, caseRef, fix, { idempotencyKey: 'meeting.correct:1' });
    expect([first.changed, again.replayed]).toEqual([['attendees', 'apologies', 'parentsViewsRecorded'], true]);
    // The note said why the parents' views were missing; the record keeps it (its box was sent as it was).
    expect(again.view.meetings[0]?.held).toMatchObject({ heldOn: '2027-03-03', attendees: ['M1', 'M2', 'M3'], apologies: [], parentsViewsRecorded: true });
    expect(again.view.recordedEvents.map((event) => [event.eventId, event.kind, event.follows])).toEqual([
      ['E1', 'outline-plan-sent', undefined],
      ['E2', 'plan-updated', '2027-03-03'],
      ['E3', 'core-group-corrected', undefined],
    ]);
    const audit = await service.queries.auditTrail(who.socialWorker, caseRef);
    expect(audit.items.filter((item) => item.operation === 'correct-meeting-held')).toHaveLength(1);
  });

  it('refuses, saving nothing: paperwork done before the corrected date, a date in the future, a reason that says nothing, no change at all', async () => {
    const caseRef = await wronglyRecorded();
    const snapshot = await partitionSnapshot(tables, who.tenantId, caseRef);
    const refused = (input: CorrectMeetingHeldInput) => service.commands.correctMeetingHeld(who.socialWorker, caseRef, input).catch((error: unknown) => error);

    expect(await refused({ ...CORRECTED, heldOn: '2027-03-08' })).toMatchObject({
      field: 'heldOn',
      message: "Recorded for this core group as done before 8 Mar 2027: plan updated on 5 Mar 2027. A core group's paperwork cannot come before it; check the date.",
    });
    expect(await refused({ ...CORRECTED, heldOn: '2027-03-11' })).toMatchObject({ field: 'heldOn', message: '11 Mar 2027 is in the future; record it on or after the day.' });
    expect(await refused({ ...CORRECTED, reason: 'n/a' })).toMatchObject({
      field: 'reason',
      message: '"Why the record is being corrected" needs a real answer: "n/a" tells the core group nothing.',
    });
    expect(await refused({ ...CORRECTED, reason: '   ' })).toMatchObject({ field: 'reason', message: '"Why the record is being corrected" is needed.' });
    expect(await refused({ ...CORRECTED, reason: 'x'.repeat(1001) })).toMatchObject({ field: 'reason', message: 'Why the record is being corrected can be at most 1,000 characters (this is 1,001)' });
    expect(await refused({ ...CORRECTED, heldOn: '2027-03-03' })).toMatchObject({
      field: '',
      message: 'That is what the record of CG1 says already: change what was recorded wrongly, then try again.',
    });
    expect(await refused({ ...CORRECTED, chair: 'M3' })).toMatchObject({ field: 'chair', message: 'The chair (M3) must be among the attendees.' });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(snapshot);
  });

  it('accounts for the people the record named: a member added since cannot be put in it, nor anyone left out; a member removed since can be moved', async () => {
    const caseRef = await wronglyRecorded();
    await service.commands.addMember(who.socialWorker, caseRef, { kind: 'external', displayName: 'Lee School', agency: 'School', role: 'professional', contactRoute: 'Secure email' });
    await service.commands.removeMember(who.socialWorker, caseRef, { memberId: 'M3', reason: 'family-needs-changed' });
    const snapshot = await partitionSnapshot(tables, who.tenantId, caseRef);
    await expect(service.commands.correctMeetingHeld(who.socialWorker, caseRef, { ...CORRECTED, absentees: ['M4'] })).rejects.toBeInstanceOf(MemberNotFound);
    await expect(service.commands.correctMeetingHeld(who.socialWorker, caseRef, { ...CORRECTED, apologies: [] })).rejects.toMatchObject({
      field: 'absentees',
      message: 'Say whether M3 attended, sent apologies or were absent.',
    });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(snapshot);
    const { view } = await service.commands.correctMeetingHeld(who.socialWorker, caseRef, { ...CORRECTED, heldOn: '2027-03-03', apologies: [], absentees: ['M3'] });
    expect(view.meetings[0]?.held).toMatchObject({ attendees: ['M1', 'M2'], apologies: [], absentees: ['M3'] });
  });

  it("refuses a date another core group was held on, and a meeting not yet recorded; a member cannot correct it", async () => {
    const caseRef = await wronglyRecorded();
    await service.commands.scheduleMeeting(who.socialWorker, caseRef, { date: TODAY, time: '14:00', venue: 'Family centre', type: 'subsequent' });
    const snapshot = await partitionSnapshot(tables, who.tenantId, caseRef);
    await expect(service.commands.correctMeetingHeld(who.socialWorker, caseRef, { ...CORRECTED, meetingId: 'CG2' })).rejects.toMatchObject({
      message: 'CG2 has not been recorded as held, so there is no record to correct: record it first.',
    });
    await expect(service.commands.correctMeetingHeld(who.member, caseRef, CORRECTED)).rejects.toMatchObject({
      code: 'not-allowed',
      message: `Only the social worker or the team manager can correct the record of a core group on case ${caseRef}.`,
    });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(snapshot);

    await service.commands.recordMeetingHeld(who.socialWorker, caseRef, { ...RECORDED, meetingId: 'CG2', heldOn: '2027-03-09' });
    const refused = await service.commands.correctMeetingHeld(who.socialWorker, caseRef, { ...CORRECTED, heldOn: '2027-03-09' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInput);
    expect(refused).toMatchObject({ field: 'heldOn', message: 'CG2 was recorded as held on 9 Mar 2027: give the day CG1 was held.' });
    await expect(service.commands.correctMeetingHeld(who.socialWorker, caseRef, { ...CORRECTED, meetingId: 'CG3' })).rejects.toBeInstanceOf(MeetingNotFound);
  });
});
