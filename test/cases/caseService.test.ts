import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaseNotFound, Conflict, InvalidInput, MemberNotFound, NotAllowed, TryAgain } from '../../src/cases/errors.js';
import type { StoreTables } from '../../src/store/connect.js';
import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import { startEmbeddedAzurite } from '../../src/store/azurite.js';
import { fixedClock } from '../../src/time/clock.js';
import {
  caseWithMeeting,
  createInput,
  externalMember,
  newCaseRef,
  nextDueOf,
  apologiesOf,
  partitionSnapshot,
  people,
  POLICY,
  serviceOn,
  teamsMember,
  TODAY,
  type People,
  everyoneListed,
} from './fixtures.js';

const UPDATE = {
  progressOnActions: 'Referral to the parenting course made.',
  whatIsWorking: 'School attendance is up.',
  whatIsNotWorking: 'Missed two health appointments.',
  changesToPlan: 'None.',
};

describe('case service', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  beforeAll(async () => {
    ({ service, tables } = await serviceOn('svc'));
    who = people();
  });

  it('creates a case with the social worker as member M1, its first event and next due date', async () => {
    const caseRef = newCaseRef();
    const created = await service.commands.createCase(who.socialWorker, createInput(who, caseRef.toLowerCase()));
    if (created.outcome !== 'created') throw new Error('expected the case to be created');
    const { view, replayed } = created;
    expect(replayed).toBe(false);
    expect(view).toMatchObject({
      caseRef,
      alias: 'Blue',
      policyId: POLICY,
      status: 'open',
      version: 1,
      events: [{ kind: 'initial-conference', date: '2027-02-01' }],
      nextDue: '2027-02-21',
      viewer: { roles: ['social-worker', 'member'], memberId: 'M1' },
    });
    expect(view.members).toEqual([expect.objectContaining({ memberId: 'M1', aadObjectId: who.socialWorker.aadObjectId, displayName: 'Sam Worker' })]);
  });

  it('runs a core group from scheduling to the record, feeding the timeline only what happened', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const scheduled = await service.queries.getCase(who.socialWorker, caseRef);
    expect(scheduled.events.map((event) => event.kind)).toEqual(['initial-conference']);
    expect(scheduled.members.find((member) => member.memberId === 'M3')).toEqual(expect.objectContaining({ label: 'Parent A', role: 'parent-or-carer' }));
    expect(scheduled.members.find((member) => member.memberId === 'M3')).not.toHaveProperty('aadObjectId');

    await service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'apologies', update: UPDATE });
    const onBehalf = await service.commands.answerInvitation(who.socialWorker, caseRef, { meetingId: 'CG1', memberId: 'M3', response: 'attending' });
    expect(onBehalf.view.meetings[0]?.answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: 'M2', response: 'apologies', update: UPDATE, onBehalf: false }),
        expect.objectContaining({ memberId: 'M3', response: 'attending', onBehalf: true, answeredBy: who.socialWorker.aadObjectId }),
      ]),
    );

    const held = await service.commands.recordMeetingHeld(who.socialWorker, caseRef, {
      meetingId: 'CG1',
      heldOn: '2027-03-09',
      attendees: ['M1', 'M3'],
      apologies: ['M2'],
      absentees: [],
      chair: 'M1',
      noteTaker: 'M1',
      childViewsRecorded: true,
      parentsViewsRecorded: true,
      membershipReviewed: true,
    });
    expect(held.view.events).toEqual([
      { kind: 'initial-conference', date: '2027-02-01' },
      { kind: 'core-group-held', date: '2027-03-09' },
    ]);
    expect(held.view.nextDue).toBe('2027-03-29');

    for (const kind of ['minutes-received', 'record-distributed', 'plan-updated', 'plan-circulated'] as const) {
      await service.commands.recordEvent(who.socialWorker, caseRef, { kind, date: TODAY });
    }
    await service.commands.recordEvent(who.chair, caseRef, { kind: 'review-conference-held', date: TODAY });
    const ended = await service.commands.recordEvent(who.chair, caseRef, { kind: 'plan-ended', date: TODAY });
    expect(ended.view.status).toBe('ended');
    expect(ended.view.nextDue).toBeNull();
    expect(ended.view.events.map((event) => event.kind)).toEqual([
      'initial-conference',
      'core-group-held',
      'review-conference-held',
      'plan-updated',
      'plan-circulated',
      'minutes-received',
      'record-distributed',
      'plan-ended',
    ]);
    await expect(service.commands.addMember(who.socialWorker, caseRef, externalMember('Late', 'late@example.org'))).rejects.toBeInstanceOf(Conflict);
  });

  it('ends a plan with the review that decided it; paperwork owed can still be recorded, for its meeting; meetings cannot', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const held = { meetingId: 'CG1', heldOn: '2027-03-09', attendees: ['M1', 'M2', 'M3'], apologies: [], absentees: [], chair: 'M1', noteTaker: 'M2', childViewsRecorded: true, parentsViewsRecorded: true, membershipReviewed: true };
    await service.commands.recordMeetingHeld(who.socialWorker, caseRef, held);
    await expect(service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'plan-updated', date: '2027-03-08', meetingId: 'CG1' })).rejects.toMatchObject({ field: 'date' });
    await expect(service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'plan-updated', date: TODAY, meetingId: 'CG7' })).rejects.toMatchObject({ field: 'meetingId' });

    // No review conference recorded on the day: ending the plan records it too, in the same change.
    const ended = await service.commands.recordEvent(who.chair, caseRef, { kind: 'plan-ended', date: TODAY });
    expect(ended.view.events.filter((event) => event.date === TODAY).map((event) => event.kind)).toEqual(['review-conference-held', 'plan-ended']);
    const audit = await service.queries.auditTrail(who.chair, caseRef);
    expect(audit.items[0]).toMatchObject({ operation: 'record-plan-ended', after: 'E1 plan-ended on 2027-03-10; E2 review-conference-held on 2027-03-10; case ended' });

    const record = await service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'record-distributed', date: TODAY, meetingId: 'CG1' });
    expect(record.view.events.find((event) => event.kind === 'record-distributed')).toEqual({ kind: 'record-distributed', date: TODAY, follows: '2027-03-09' });
    await expect(service.commands.recordEvent(who.socialWorker, caseRef, { kind: 'review-conference-held', date: TODAY })).rejects.toBeInstanceOf(Conflict);
  });

  it('refuses a held meeting that leaves a member unaccounted for or lists someone twice', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const base = { meetingId: 'CG1', heldOn: '2027-03-09', chair: 'M1', noteTaker: 'M1', childViewsRecorded: false, childViewsNote: 'Seen alone next week by the social worker', parentsViewsRecorded: false, membershipReviewed: true, parentsViewsNote: 'Parent A to be visited at home' };
    await expect(service.commands.recordMeetingHeld(who.socialWorker, caseRef, { ...base, attendees: ['M1'], apologies: ['M2'], absentees: [] })).rejects.toMatchObject({
      field: 'absentees',
      message: expect.stringContaining('M3'),
    });
    await expect(
      service.commands.recordMeetingHeld(who.socialWorker, caseRef, { ...base, attendees: ['M1', 'M2'], apologies: ['M2'], absentees: ['M3'] }),
    ).rejects.toBeInstanceOf(InvalidInput);
  });

  it("asks why the child's or the parents' views were not recorded, and keeps the answer on the meeting, not in the audit", async () => {
    const caseRef = await caseWithMeeting(service, who);
    const held = { meetingId: 'CG1', heldOn: '2027-03-09', attendees: ['M1', 'M2'], apologies: [], absentees: ['M3'], chair: 'M1', noteTaker: 'M2', membershipReviewed: false };
    await expect(service.commands.recordMeetingHeld(who.socialWorker, caseRef, { ...held, childViewsRecorded: false, parentsViewsRecorded: true })).rejects.toMatchObject({
      field: 'childViewsNote',
      message: "Say why the child's views were not recorded, and how they will be gathered",
    });
    await expect(service.commands.recordMeetingHeld(who.socialWorker, caseRef, { ...held, childViewsRecorded: true, parentsViewsRecorded: false, parentsViewsNote: '  ' })).rejects.toMatchObject({
      field: 'parentsViewsNote',
    });
    const { view } = await service.commands.recordMeetingHeld(who.socialWorker, caseRef, { ...held, childViewsRecorded: false, childViewsNote: 'Seen at school next week', parentsViewsRecorded: true });
    expect(view.meetings[0]?.held).toMatchObject({ childViewsRecorded: false, childViewsNote: 'Seen at school next week', parentsViewsRecorded: true, membershipReviewed: false });
    expect(view.meetings[0]?.held?.parentsViewsNote).toBeUndefined();
    const [entry] = (await service.queries.auditTrail(who.chair, caseRef, { pageSize: 1 })).items;
    expect(entry?.after).toBe(
      "CG1 held 2027-03-09; attended M1,M2; apologies none; absent M3; chair M1; note taker M2; child's views recorded no; parents' views recorded yes; membership reviewed no",
    );
  });

  it('keeps written updates of 8,000 characters per part exactly, in any script', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const long = (text: string) => [...text.repeat(8000)].slice(0, 8000).join('');
    // Over 64 KB of UTF-8 in one transaction.
    const update = { progressOnActions: long('ąęś żółć '), whatIsWorking: long('ئیمە باشین '), whatIsNotWorking: long('😀'), changesToPlan: long('👩🏽‍⚕️') };
    expect(Object.values(update).map((part) => [...part].length)).toEqual([8000, 8000, 8000, 8000]);
    await service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'apologies', update });
    const view = await service.queries.getCase(who.socialWorker, caseRef);
    expect(view.meetings[0]?.answers[0]?.update).toEqual(update);
  });

  it('a cancelled meeting stays on the case, takes no answers, cannot be held, rescheduled or cancelled again', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const { view } = await service.commands.cancelMeeting(who.socialWorker, caseRef, { meetingId: 'CG1' });
    expect(view.meetings[0]).toMatchObject({ meetingId: 'CG1', date: '2027-03-20', cancelled: { on: TODAY, by: who.socialWorker.aadObjectId } });
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    const cancelled = { code: 'conflict', message: expect.stringMatching(/^CG1 was cancelled on 10 Mar 2027/) };
    await expect(service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'attending' })).rejects.toMatchObject(cancelled);
    await expect(
      service.commands.recordMeetingHeld(who.socialWorker, caseRef, {
        meetingId: 'CG1', heldOn: TODAY, attendees: ['M1', 'M2'], apologies: [], absentees: ['M3'], chair: 'M1', noteTaker: 'M2', childViewsRecorded: true, parentsViewsRecorded: true,
        membershipReviewed: true,
      }),
    ).rejects.toMatchObject(cancelled);
    await expect(service.commands.rescheduleMeeting(who.socialWorker, caseRef, { meetingId: 'CG1', date: '2027-03-22', time: '10:00', venue: 'Office', type: 'first' })).rejects.toMatchObject(cancelled);
    await expect(service.commands.cancelMeeting(who.socialWorker, caseRef, { meetingId: 'CG1' })).rejects.toMatchObject(cancelled);
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
  });

  it('a reschedule returns which arrangements changed, for whoever tells the invitees', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const result = await service.commands.rescheduleMeeting(who.socialWorker, caseRef, { meetingId: 'CG1', date: '2027-03-22', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2' });
    expect([result.meetingId, result.changed]).toEqual(['CG1', ['date', 'venue', 'onlineLink']]);
    expect(result.view.meetings[0]).toEqual({ meetingId: 'CG1', date: '2027-03-22', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2', answers: [] });
  });

  describe('bad input is refused with a typed error and nothing written', () => {
    let caseRef: string;
    beforeAll(async () => {
      caseRef = await caseWithMeeting(service, who);
    });

    const refusals: Array<[string, (s: CaseServices, w: People, ref: string) => Promise<unknown>, object]> = [
      ['an invalid date', (s, w, ref) => s.commands.recordEvent(w.socialWorker, ref, { kind: 'plan-updated', date: '2027-02-30' }), { field: 'date' }],
      ['a date in the future', (s, w, ref) => s.commands.recordEvent(w.socialWorker, ref, { kind: 'plan-updated', date: '2027-03-11' }), { field: 'date' }],
      ['a date before the initial conference', (s, w, ref) => s.commands.recordEvent(w.socialWorker, ref, { kind: 'plan-updated', date: '2027-01-31' }), { field: 'date' }],
      ['a meeting in the past', (s, w, ref) => s.commands.scheduleMeeting(w.socialWorker, ref, { date: '2027-03-09', time: '10:00', venue: 'Office', type: 'subsequent' }), { field: 'date' }],
      ['a time that is not a time', (s, w, ref) => s.commands.scheduleMeeting(w.socialWorker, ref, { date: '2027-04-01', time: '25:00', venue: 'Office', type: 'subsequent' }), { field: 'time' }],
      ['a meeting with neither venue nor link', (s, w, ref) => s.commands.scheduleMeeting(w.socialWorker, ref, { date: '2027-04-01', time: '10:00', type: 'subsequent' }), { field: 'venue' }],
      [
        'a family member to chair',
        (s, w, ref) => s.commands.scheduleMeeting(w.socialWorker, ref, { date: '2027-04-01', time: '10:00', venue: 'Office', type: 'subsequent', chair: 'M3' }),
        { field: 'chair', message: 'M3 is a family member: choose a professional to chair the meeting.' },
      ],
      [
        'a reschedule that changes nothing',
        (s, w, ref) =>
          s.commands.rescheduleMeeting(w.socialWorker, ref, { meetingId: 'CG1', date: '2027-03-20', time: '10:00', onlineLink: 'https://teams.microsoft.com/l/meetup-join/x', type: 'first', chair: 'M1', noteTaker: 'M2' }),
        { field: '', message: 'That is how CG1 is arranged already: change what is to change, then try again.' },
      ],
      ['a reschedule into the past', (s, w, ref) => s.commands.rescheduleMeeting(w.socialWorker, ref, { meetingId: 'CG1', date: '2027-03-09', time: '10:00', venue: 'Office', type: 'first' }), { field: 'date' }],
      ['cancelling an unknown meeting', (s, w, ref) => s.commands.cancelMeeting(w.socialWorker, ref, { meetingId: 'CG9' }), { code: 'meeting-not-found' }],
      ['apologies without a written update', (s, w, ref) => s.commands.answerInvitation(w.member, ref, { meetingId: 'CG1', response: 'apologies' }), { field: 'update.progressOnActions' }],
      [
        'apologies with an empty written update',
        (s, w, ref) => s.commands.answerInvitation(w.member, ref, { meetingId: 'CG1', response: 'apologies', update: { whatIsWorking: '   ' } }),
        { field: 'update.progressOnActions' },
      ],
      [
        'an update part over 8,000 characters',
        (s, w, ref) => s.commands.answerInvitation(w.member, ref, { meetingId: 'CG1', response: 'apologies', update: { ...UPDATE, whatIsWorking: 'x'.repeat(8001) } }),
        { field: 'update.whatIsWorking', message: expect.stringContaining('8,000') },
      ],
      ['an over-long name', (s, w, ref) => s.commands.addMember(w.socialWorker, ref, externalMember('n'.repeat(201), 'a@example.org')), { field: 'displayName' }],
      ['a bad email', (s, w, ref) => s.commands.addMember(w.socialWorker, ref, externalMember('Someone', 'not-an-email')), { field: 'email' }],
      ['someone already in the group', (s, w, ref) => s.commands.addMember(w.socialWorker, ref, teamsMember(w.member.aadObjectId)), { field: 'aadObjectId' }],
      ['an unknown member', (s, w, ref) => s.commands.removeMember(w.socialWorker, ref, { memberId: 'M99', reason: 'added-in-error' }), { code: 'member-not-found' }],
      ['removing the social worker', (s, w, ref) => s.commands.removeMember(w.socialWorker, ref, { memberId: 'M1', reason: 'replaced' }), { field: 'memberId' }],
      ['an unknown meeting', (s, w, ref) => s.commands.answerInvitation(w.member, ref, { meetingId: 'CG9', response: 'attending' }), { code: 'meeting-not-found' }],
      ['an answer for a Teams user by someone else', (s, w, ref) => s.commands.answerInvitation(w.socialWorker, ref, { meetingId: 'CG1', memberId: 'M2', response: 'attending' }), { code: 'not-allowed' }],
      ['a malformed case reference', (s, w) => s.queries.getCase(w.socialWorker, 'CP 1042/x'), { field: 'caseRef' }],
      ['a malformed actor', (s, _w, ref) => s.queries.getCase({ tenantId: 'x', aadObjectId: 'y' }, ref), { field: 'tenantId' }],
      ['a Bot Framework channel id for a Teams user', (s, w, ref) => s.commands.addMember(w.socialWorker, ref, teamsMember('29:1a2b3c')), { field: 'aadObjectId' }],
      ['an email for a Teams user', (s, w, ref) => s.commands.addMember(w.socialWorker, ref, teamsMember('pat@example.org')), { field: 'aadObjectId' }],
    ];

    it.each(refusals)('%s', async (_name, attempt, expected) => {
      const before = await partitionSnapshot(tables, who.tenantId, caseRef);
      const error = await attempt(service, who, caseRef).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject(expected);
      expect(error).toHaveProperty('message', expect.any(String));
      expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
    });

    it('an unknown case', async () => {
      await expect(service.queries.getCase(who.socialWorker, 'CP-NOPE')).rejects.toBeInstanceOf(CaseNotFound);
      await expect(service.commands.addMember(who.socialWorker, 'CP-NOPE', teamsMember(who.outsider.aadObjectId))).rejects.toBeInstanceOf(CaseNotFound);
    });

    it('an unknown policy, or a second case with the same reference', async () => {
      const caseRef = newCaseRef();
      await expect(service.commands.createCase(who.socialWorker, createInput(who, caseRef, { policyId: 'unknown' }))).rejects.toMatchObject({ field: 'policyId' });
      await service.commands.createCase(who.socialWorker, createInput(who, caseRef));
      await expect(service.commands.createCase(who.teamManager, createInput(who, caseRef))).rejects.toBeInstanceOf(Conflict);
    });
  });

  it('shows a member their own details and answers only', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'attending' });
    await service.commands.answerInvitation(who.socialWorker, caseRef, { meetingId: 'CG1', memberId: 'M3', response: 'apologies', update: UPDATE });
    const view = await service.queries.getCase(who.member, caseRef);
    expect(view.members.map((member) => member.memberId)).toEqual(['M2']);
    expect(view.meetings[0]?.answers.map((answer) => answer.memberId)).toEqual(['M2']);
    expect(view.viewer).toEqual({ roles: ['member'], allowed: ['view-case', 'answer-own'], memberId: 'M2' });
    const chairView = await service.queries.getCase(who.chair, caseRef);
    expect(chairView.members).toHaveLength(3);
    expect(chairView.meetings[0]?.answers).toHaveLength(2);
  });

  it('keeps an audit trail, newest first and paged, naming ids and roles but never people', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.answerInvitation(who.socialWorker, caseRef, { meetingId: 'CG1', memberId: 'M3', response: 'apologies', update: UPDATE });
    await service.commands.updateMember(who.teamManager, caseRef, { memberId: 'M2', changes: { displayName: 'Pat Health-Visitor', contactRoute: 'Text message' } });
    const first = await service.queries.auditTrail(who.chair, caseRef, { pageSize: 4 });
    expect(first.items.map((entry) => entry.operation)).toEqual(['update-member', 'answer-on-behalf', 'schedule-meeting', 'add-member']);
    expect(first.items[0]).toMatchObject({ actor: who.teamManager.aadObjectId, subject: caseRef });
    const rest = await service.queries.auditTrail(who.chair, caseRef, { pageSize: 4, continuationToken: first.continuationToken ?? '' });
    expect(rest.items.map((entry) => entry.operation)).toEqual(['add-member', 'create-case']);
    expect(rest.continuationToken).toBeUndefined();

    const text = JSON.stringify([...first.items, ...rest.items]);
    for (const secret of ['Sam Worker', 'Pat Health', 'Parent A', 'Printed copy', 'Blue', 'Text message', 'teams.microsoft.com', ...Object.values(UPDATE)]) {
      expect(text).not.toContain(secret);
    }
    await expect(service.queries.auditTrail(who.member, caseRef)).rejects.toBeInstanceOf(NotAllowed);
  });

  it('answers "try again" when storage cannot be reached, having written nothing', async () => {
    const azurite = await startEmbeddedAzurite({ inMemory: true });
    await azurite.stop();
    const dead = (name: string) => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
    const unreachable = createCaseServices({
      tables: { cases: dead('c'), userCases: dead('u'), caseDue: dead('d') },
      clock: fixedClock(TODAY),
      policyIds: new Set([POLICY]),
      nextDueOf,
      apologiesOf,
      staff: everyoneListed,
    });
    await expect(unreachable.queries.getCase(who.socialWorker, 'CP-1')).rejects.toBeInstanceOf(TryAgain);
    await expect(unreachable.commands.createCase(who.socialWorker, createInput(who, 'CP-1'))).rejects.toBeInstanceOf(TryAgain);
  });

  it('answers "try again" when the connection drops at commit, leaving the case as it was', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    const cases = Object.create(tables.cases, {
      submitTransaction: { value: () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })) },
    }) as TableClient;
    const flaky = createCaseServices({ tables: { ...tables, cases }, clock: fixedClock(TODAY), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });
    await expect(flaky.commands.addMember(who.socialWorker, caseRef, externalMember('Al Advocate', 'al@example.org', 'advocate'))).rejects.toBeInstanceOf(TryAgain);
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
  });

  it('surfaces endless write conflicts as a clear Conflict after a bounded number of attempts', async () => {
    const caseRef = await caseWithMeeting(service, who);
    let attempts = 0;
    const cases = Object.create(tables.cases, {
      submitTransaction: {
        value: () => {
          attempts += 1;
          return Promise.reject(Object.assign(new Error('stale'), { statusCode: 412 }));
        },
      },
    }) as TableClient;
    const contended = createCaseServices({ tables: { ...tables, cases }, clock: fixedClock(TODAY), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed, retry: { maxAttempts: 4, backoffMs: 1 } });
    await expect(contended.commands.scheduleMeeting(who.socialWorker, caseRef, { date: '2027-04-01', time: '09:30', venue: 'Office', type: 'subsequent' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('try again'),
    });
    expect(attempts).toBe(4);
  });

  it('refuses answers once a meeting is recorded as held', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.recordMeetingHeld(who.socialWorker, caseRef, {
      meetingId: 'CG1', heldOn: TODAY, attendees: ['M1', 'M2', 'M3'], apologies: [], absentees: [], chair: 'M1', noteTaker: 'M2',
      childViewsRecorded: false, childViewsNote: 'Seen alone next week by the social worker', parentsViewsRecorded: true, membershipReviewed: true,
    });
    await expect(service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'attending' })).rejects.toBeInstanceOf(Conflict);
  });

  it('keeps removed members readable but stops them answering', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.removeMember(who.socialWorker, caseRef, { memberId: 'M2', reason: 'agency-no-longer-involved' });
    const view = await service.queries.getCase(who.socialWorker, caseRef);
    expect(view.members.find((member) => member.memberId === 'M2')?.status).toBe('removed');
    await expect(service.commands.answerInvitation(who.member, caseRef, { meetingId: 'CG1', response: 'attending' })).rejects.toBeInstanceOf(NotAllowed);
    await expect(service.commands.answerInvitation(who.socialWorker, caseRef, { meetingId: 'CG1', memberId: 'M2', response: 'attending' })).rejects.toBeInstanceOf(MemberNotFound);
  });
});
