import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseDigest } from '../../src/cases/caseDigest.js';
import { CaseRepository } from '../../src/cases/caseRepository.js';
import type { Answer, CaseHeader, CaseState, Claim, FamilyMember, Meeting, MeetingHeld, ProfessionalMember, RecordedEvent } from '../../src/cases/model.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { testTables } from '../setup/tables.js';

/**
 * Every stored field survives a write and a read: each record is typed `Required<…>`, so a field added to the
 * model does not compile here until it is given a value, and then this test proves the row keeps it.
 */
describe('case rows keep every field through a write and a read', () => {
  const tenantId = randomUUID();
  const caseRef = 'CP-7001';
  const person = () => randomUUID();
  const day = (value: string) => value as LocalDate;

  const header: Required<CaseHeader> = {
    tenantId,
    caseRef,
    alias: 'Oak',
    policyId: 'england-wt2023',
    initialConferenceDate: day('2027-02-01'),
    socialWorker: person(),
    teamManager: person(),
    chair: person(),
    serviceDeliveryManager: person(),
    status: 'open',
    confirmation: 'awaiting-team-manager',
    withdrawal: { reason: 'created-in-error', by: person(), at: '2027-02-02T09:00:00.000Z' },
    pendingClaims: 1,
    createdAt: '2027-02-01T09:00:00.000Z',
    version: 1,
    nextMemberNo: 2,
    nextMeetingNo: 2,
    nextEventNo: 2,
    nextClaimNo: 2,
    nextDue: day('2027-03-15'),
    attentionDate: day('2027-03-08'),
  };
  const member: Required<ProfessionalMember> = {
    memberId: 'M1',
    aadObjectId: header.socialWorker,
    displayName: 'Sam Worker',
    email: 'sam@example.org',
    agency: "Children's social care",
    role: 'professional',
    contactRoute: 'Secure email within the council',
    status: 'removed',
    addedAt: header.createdAt,
    removal: { reason: 'replaced', on: day('2027-02-20'), by: header.teamManager },
  };
  // A family member has no Teams id (the schema allows none), and no name, email or agency.
  const family: Required<Omit<FamilyMember, 'aadObjectId'>> = {
    memberId: 'M2',
    role: 'parent-or-carer',
    label: 'Parent A',
    contactRoute: 'Printed copy handed over at home visits',
    status: 'active',
    addedAt: header.createdAt,
    removal: { reason: 'family-needs-changed', on: day('2027-02-21'), by: header.socialWorker },
  };
  const held: Required<MeetingHeld> = {
    heldOn: day('2027-02-10'),
    attendees: ['M1'],
    apologies: ['M2'],
    absentees: ['M3'],
    chair: 'M1',
    noteTaker: 'M1',
    childViewsRecorded: true,
    childViewsNote: 'Seen alone at school the week after',
    parentsViewsRecorded: false,
    parentsViewsNote: 'Parent A to be visited at home',
    membershipReviewed: true,
    recordedAt: '2027-02-10T12:00:00.000Z',
  };
  const meeting: Required<Meeting> = {
    meetingId: 'CG1',
    date: day('2027-02-10'),
    time: '10:30',
    venue: 'Family centre',
    onlineLink: 'https://teams.example/meet',
    type: 'first',
    chair: 'M1',
    noteTaker: 'M1',
    held,
    // Every property stored and read back, whether or not a real meeting holds them all at once.
    cancelled: { on: day('2027-02-09'), by: header.socialWorker },
  };
  const answer: Required<Answer> = {
    meetingId: 'CG1',
    memberId: 'M1',
    response: 'apologies',
    update: { progressOnActions: 'a', whatIsWorking: 'b', whatIsNotWorking: 'c', changesToPlan: 'd' },
    verbalUpdate: { statedAt: '2027-02-09T08:00:00.000Z', confirmedBy: header.socialWorker, confirmedAt: '2027-02-10T08:00:00.000Z' },
    contribution: { chronology: 'e', progressOfPlan: 'f', updatesForPlan: 'g', riskAndProtectiveFactors: 'h', voiceOfChild: 'i' },
    answeredBy: header.socialWorker,
    onBehalf: true,
    answeredAt: '2027-02-09T08:00:00.000Z',
  };
  const event: Required<RecordedEvent> = {
    eventId: 'E1',
    kind: 'record-distributed',
    date: day('2027-02-12'),
    follows: day('2027-02-10'),
    meetingId: 'CG1',
    note: 'sent to all',
    recordedBy: header.socialWorker,
    recordedAt: '2027-02-12T08:00:00.000Z',
  };
  const claim: Required<Claim> = {
    claimId: 'C1',
    claimant: person(),
    socialWorker: { displayName: 'Isa Worker', email: 'isa@example.org', agency: "Children's social care" },
    alias: 'Elm',
    policyId: 'york',
    initialConferenceDate: day('2027-02-01'),
    teamManager: person(),
    chair: person(),
    status: 'pending',
    claimedAt: '2027-02-01T10:00:00.000Z',
  };
  const state: CaseState = { header, members: [member, family], meetings: [meeting], answers: [answer], events: [event], claims: [claim] };
  const audit = { at: header.createdAt, actor: header.socialWorker, operation: 'test', subject: caseRef, before: '', after: '' };

  it('reads back exactly what was created, and again after every row is replaced', async () => {
    const repository = new CaseRepository(await testTables('roundtrip'));
    const writes = [
      { kind: 'header', value: header, digest: caseDigest(state) },
      { kind: 'member', value: member },
      { kind: 'member', value: family },
      { kind: 'meeting', value: meeting },
      { kind: 'answer', value: answer },
      { kind: 'event', value: event },
      { kind: 'claim', value: claim },
    ] as const;
    await repository.commit(tenantId, caseRef, null, writes, audit);
    const created = await repository.load(tenantId, caseRef);
    expect(created?.state).toEqual(state);

    const next = { ...header, version: 2 };
    await repository.commit(tenantId, caseRef, created, [{ ...writes[0], value: next }, ...writes.slice(1)], audit);
    expect((await repository.load(tenantId, caseRef))?.state).toEqual({ ...state, header: next });
  });
});
