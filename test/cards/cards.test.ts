import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  addMemberFormCard,
  answerCard,
  apologiesFormCard,
  caseSummaryCard,
  EMPTY_ANSWER,
  EMPTY_MEMBER,
  noErrors,
  EMPTY_NEW_CASE,
  EMPTY_REMOVAL,
  errorCard,
  helpCard,
  membersCard,
  newCaseFormCard,
  caseDecisionCard,
  EMPTY_STAFF_FORM,
  staffCard,
  staffFormCard,
  removeMemberFormCard,
  EMPTY_SCHEDULE,
  meetingScheduledCard,
  scheduleMeetingFormCard,
  invitationCard,
  recordMeetingFormCard,
  followUpsCard,
  EMPTY_RECORD,
  reassignRoleFormCard,
  EMPTY_REASSIGNMENT,
  type AdaptiveCardJson,
  type AnswerBox,
  type ApologiesFormData,
  type ScheduleMeetingFormData,
  type CaseSummaryLine,
  welcomeCard,
  deliverySummaryCard,
  digestCard,
  reminderCard,
} from '../../cards/index.js';
import { CARD_BUDGET_BYTES } from '../../bot/views/cardBudget.js';
import { digestCardData } from '../../bot/views/digest.js';
import { OUTBOX_CARDS } from '../../bot/notify/outboxPorts.js';
import { digestFor } from '../../src/digest/index.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { chair, deps as digestDeps, namedCase, onDay } from '../digest/cases.js';
import { caseState, held, scheduled, sweep } from '../sweep/caseState.js';
import { reminderData } from '../../bot/views/reminders.js';
import { deliverySummaryData } from '../../bot/views/deliverySummary.js';
import { reportsPackCards } from '../../bot/views/reports.js';
import type { Answer, CaseState, CaseView, MeetingView, Member, ProfessionalMember } from '../../src/cases/model.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { sentencesOf, textsOf } from '../support/cards.js';

/** The part of the adaptivecards renderer this test uses (its own types drag its .ts sources into tsc). */
interface Renderer {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Array<{ message: string }> };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): { message: string } };
}
// The browser bundle is the one that loads in plain Node.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as Renderer;

/** What the Adaptive Cards renderer objects to. Teams fills people pickers from Data.Query, which it does not know. */
function problems(json: AdaptiveCardJson): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const parse = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  const validation = card
    .validateProperties()
    .validationEvents.filter((event) => !(event.message.includes('at least one choice') && JSON.stringify(json).includes('Data.Query')))
    .map((event) => event.message);
  return [...parse, ...validation];
}

const text = (json: AdaptiveCardJson) => JSON.stringify(json);

/** Every Action.Execute with its verb, and the verb its Action.Submit fallback carries. */
function verbs(json: AdaptiveCardJson): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  JSON.stringify(json, (_key, value: unknown) => {
    const action = value as { type?: string; verb?: string; fallback?: { type?: string; data?: { verb?: string } } };
    if (action && action.type === 'Action.Execute') found.push([action.verb ?? '', action.fallback?.type === 'Action.Submit' ? (action.fallback.data?.verb ?? '') : '']);
    return value;
  });
  return found;
}

const line = (n: number): CaseSummaryLine => ({
  caseLabel: `CP-${1000 + n} · Alias ${n}`,
  headline: 'Next core group due by Wed 3 Feb 2027',
  statusText: 'Overdue',
  statusColor: 'Attention',
  statusWeight: 'Bolder',
  basis: "6 weeks after the core group on 23 Dec 2026 (six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not')",
  alerts: [{ text: 'Plan circulated: overdue since Mon 4 Jan 2027' }],
  scheduled: n === 1 ? 'Scheduled for Wed 10 Feb 2027 at 14:30 (CG2)' : '',
  people: 'Team manager: you · Chair: Adele Vance',
  confirmation: n === 1 ? 'Awaiting your confirmation' : '',
  yourRole: '',
  actions: [
    ...(n === 1 ? [{ title: 'Confirm or reject', verb: 'case.decide', caseRef: 'CP-1001' }] : []),
    { title: 'Members', verb: 'members.show', caseRef: `CP-${1000 + n}` },
    { title: 'Add a member', verb: 'member.addForm', caseRef: `CP-${1000 + n}` },
  ],
});

describe('cards', () => {
  it('the case summary lists each case with its status, reason and alerts, and is valid', () => {
    const card = caseSummaryCard({ title: 'Next core groups', subtitle: '2 cases', emptyText: 'No cases', cases: [line(1), { ...line(2), alerts: [] }] });
    expect(problems(card)).toEqual([]);
    expect(text(card)).toContain('CP-1001 · Alias 1');
    expect(text(card)).toContain('Plan circulated: overdue since Mon 4 Jan 2027');
    // Only the case with a core group arranged says so.
    expect(text(card).match(/Scheduled for/g)).toEqual(['Scheduled for']);
    expect(text(card)).not.toContain('No cases');
    expect(text(card)).not.toContain('Your role');
  });

  it("the case summary's buttons act on their own case, with a fallback for older clients", () => {
    const card = caseSummaryCard({ title: 'Your cases', subtitle: '2 cases', emptyText: '', cases: [{ ...line(1), yourRole: 'Social worker' }, { ...line(2), actions: [] }] });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([['case.decide', 'case.decide'], ['members.show', 'members.show'], ['member.addForm', 'member.addForm']]);
    expect(text(card)).toContain('"data":{"verb":"members.show","caseRef":"CP-1001"}');
    expect(text(card)).toContain('"text":"Your role: Social worker"');
  });

  it('the welcome card offers three questions as buttons that ask them', () => {
    const card = welcomeCard({ questions: [{ text: 'when is the next core group due?' }, { text: 'anything overdue?' }, { text: 'my cases' }] });
    expect(problems(card)).toEqual([]);
    expect(text(card)).toContain('{"type":"Action.Submit","title":"anything overdue?","data":{"ask":"anything overdue?"}}');
  });

  it('an empty case summary says so', () => {
    const card = caseSummaryCard({ title: 'Your cases', subtitle: '', emptyText: 'You have no open cases.', cases: [] });
    expect(problems(card)).toEqual([]);
    expect(text(card)).toContain('You have no open cases.');
  });

  it('thirty cases, each with its Members button, stay far below the 80 KB message limit', () => {
    const onList = (n: number) => ({ ...line(n), actions: line(n).actions.slice(0, 1) });
    const card = caseSummaryCard({ title: 't', subtitle: 's', emptyText: '', cases: Array.from({ length: 30 }, (_, i) => onList(i)) });
    expect(Buffer.byteLength(text(card))).toBeLessThan(40_000);
  });

  it('the new case form keeps what was typed when a submit is refused, and submits with a fallback for older clients', () => {
    const values = { ...EMPTY_NEW_CASE, caseRef: 'CP-1042', alias: 'Blue', initialConferenceDate: '2027-01-04', policyId: 'york' };
    const card = newCaseFormCard({
      error: 'Choose the team manager.',
      errors: { ...noErrors(EMPTY_NEW_CASE), chair: 'Pick the chair from your organisation\'s people' },
      pickers: { teamManager: [{ title: 'Megan Bowen', value: 'user-id-1' }], chair: [] },
      policies: [{ id: 'york', title: 'York' }],
      values: { ...values, teamManager: 'user-id-1' },
      requestId: 'r1',
    });
    expect(problems(card)).toEqual([]);
    // The picker is drawn with the person it holds, and the chair's problem sits right after the chair's box.
    expect(text(card)).toContain('"choices":[{"title":"Megan Bowen","value":"user-id-1"}]');
    const body = card['body'] as Array<{ id?: string; text?: string }>;
    const chairAt = body.findIndex((element) => element.id === 'chair');
    expect(body[chairAt + 1]?.text).toBe("Pick the chair from your organisation's people");
    expect(text(card)).toContain('"value":"CP-1042"');
    expect(text(card)).toContain('"value":"2027-01-04"');
    expect(text(card)).toContain('Choose the team manager.');
    expect(text(card)).toContain('graph.microsoft.com/users');
    expect(verbs(card)).toEqual([['case.create', 'case.create']]);
  });

  it('the new case form shows no error line when there is none', () => {
    const card = newCaseFormCard({ error: '', errors: noErrors(EMPTY_NEW_CASE), pickers: { teamManager: [], chair: [] }, policies: [{ id: 'york', title: 'York' }], values: EMPTY_NEW_CASE, requestId: 'r1' });
    expect(text(card)).not.toContain('"color":"Attention"');
  });

  it('the add member form offers its roles, the people picker, a professional outside Teams or a family label, with the limits as hints', () => {
    const card = addMemberFormCard({
      caseRef: 'CP-1042',
      caseLabel: 'CP-1042 · Blue',
      error: '',
      errors: noErrors(EMPTY_MEMBER),
      personalCleared: false,
      pickers: { aadObjectId: [] },
      roles: [{ title: 'Parent or carer', value: 'parent-or-carer' }],
      limits: { name: 200, agency: 200, email: 254, label: 30, contactRoute: 200 },
      values: EMPTY_MEMBER,
      requestId: 'r2',
    });
    expect(problems(card)).toEqual([]);
    const inputs = (card['body'] as Array<{ id?: string; maxLength?: number; choices?: unknown }>).filter((element) => element.id !== undefined);
    expect(inputs.map((input) => [input.id, input.maxLength ?? null])).toEqual([
      ['role', null],
      ['aadObjectId', null],
      ['displayName', 200],
      ['agency', 200],
      ['email', 254],
      ['label', 30],
      ['contactRoute', 200],
    ]);
    expect(inputs[0]?.choices).toEqual([{ title: 'Parent or carer', value: 'parent-or-carer' }]);
    expect(verbs(card)).toEqual([['member.add', 'member.add']]);
    expect(text(card)).toContain('"caseRef":"CP-1042"');
  });

  it('the members card offers remove, add and role changes only to those who may, and says what the last action did', () => {
    const members = [{ memberId: 'M3', label: 'Parent A', detail: 'Parent or carer · M3', reach: 'Not in Teams, so the bot cannot message them. Papers: printed copy', canRemove: true, recordAnswerFor: '' }];
    const notice = 'Parent B is no longer in the core group for CP-1042.';
    const manager = membersCard({ caseRef: 'CP-1042', caseLabel: 'CP-1042', notice, summary: '1 member', canAdd: true, canReassign: true, members });
    expect(problems(manager)).toEqual([]);
    expect(verbs(manager)).toEqual([
      ['member.removeForm', 'member.removeForm'],
      ['member.addForm', 'member.addForm'],
      ['case.rolesForm', 'case.rolesForm'],
    ]);
    expect(text(manager)).toContain('"data":{"verb":"member.removeForm","caseRef":"CP-1042","memberId":"M3"}');
    expect(text(manager)).toContain(notice);
    const member = membersCard({ caseRef: 'CP-1042', caseLabel: 'CP-1042', notice: '', summary: '1 member', canAdd: false, canReassign: false, members: members.map((m) => ({ ...m, canRemove: false })) });
    expect(problems(member)).toEqual([]);
    expect(verbs(member)).toEqual([]);
    expect(text(member)).not.toContain('no longer');
    const recording = membersCard({ caseRef: 'CP-1042', caseLabel: 'CP-1042', notice: '', summary: '1 member', canAdd: false, canReassign: false, members: members.map((m) => ({ ...m, canRemove: false, recordAnswerFor: 'CG2' })) });
    expect(problems(recording)).toEqual([]);
    expect(verbs(recording)).toEqual([['meeting.apologiesForm', 'meeting.apologiesForm']]);
    expect(text(recording)).toContain('"data":{"verb":"meeting.apologiesForm","caseRef":"CP-1042","meetingId":"CG2","memberId":"M3"}');
  });

  it('the removal confirmation asks why, with Remove and a Keep that sends no inputs', () => {
    const card = removeMemberFormCard({
      caseRef: 'CP-1042',
      memberId: 'M3',
      question: 'Remove Parent B (parent or carer) from the core group for CP-1042?',
      error: '',
      errors: noErrors(EMPTY_REMOVAL),
      reasons: [{ title: "The family's needs have changed", value: 'family-needs-changed' }],
      values: EMPTY_REMOVAL,
      requestId: 'r3',
    });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([
      ['member.remove', 'member.remove'],
      ['members.show', 'members.show'],
    ]);
    const reason = (card['body'] as Array<{ id?: string }>).find((element) => element.id === 'reason');
    expect(reason).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, choices: [{ title: "The family's needs have changed", value: 'family-needs-changed' }] });
    expect(text(card)).toContain('"data":{"verb":"member.remove","caseRef":"CP-1042","memberId":"M3","requestId":"r3"}');
    expect(text(card)).toContain('"associatedInputs":"none"');
  });

  it('the role hand-over names who holds each role, asks which role and who, and hands over or cancels', () => {
    const card = reassignRoleFormCard({
      caseRef: 'CP-1042',
      caseLabel: 'CP-1042 · Blue',
      holders: [
        { title: 'Social worker', value: 'Sam Worker' },
        { title: 'Service delivery manager', value: 'none recorded' },
      ],
      roles: [{ title: 'Chair', value: 'chair' }],
      picker: [],
      error: '',
      errors: { ...noErrors(EMPTY_REASSIGNMENT), to: 'Sasha Worker is not listed as a chair.' },
      values: { role: 'chair', to: '' },
      requestId: 'r4',
    });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([
      ['case.reassignRole', 'case.reassignRole'],
      ['members.show', 'members.show'],
    ]);
    const body = card['body'] as Array<{ id?: string; type?: string; facts?: unknown }>;
    expect(body.find((element) => element.type === 'FactSet')?.facts).toEqual([
      { title: 'Social worker', value: 'Sam Worker' },
      { title: 'Service delivery manager', value: 'none recorded' },
    ]);
    expect(body.find((element) => element.id === 'role')).toMatchObject({ type: 'Input.ChoiceSet', value: 'chair', choices: [{ title: 'Chair', value: 'chair' }] });
    expect(body.find((element) => element.id === 'to')).toMatchObject({ 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } });
    expect(text(card)).toContain('Sasha Worker is not listed as a chair.');
    expect(text(card)).toContain('"data":{"verb":"case.reassignRole","caseRef":"CP-1042","requestId":"r4"}');
  });

  it('the record form has one attendance choice per member, thirty of them under 40 KB, and Record carries the meeting', () => {
    const card = recordMeetingFormCard({
      caseRef: 'CP-1042',
      meetingId: 'CG2',
      title: 'Record the core group of Tue 9 Mar 2027 for CP-1042 · Blue',
      subtitle: 'Check who came.',
      members: Array.from({ length: 30 }, (_, i) => ({ inputId: `attendance-M${i + 1}`, label: `Professional ${i + 1} (Agency ${i + 1}): sent apologies with a written update`, value: i === 0 ? 'apologies' : '' })),
      people: [{ title: 'Sam Worker', value: 'M1' }],
      correcting: false,
      limits: { note: 2000, reason: 1000 },
      error: '',
      errors: { ...noErrors(EMPTY_RECORD), attendance: 'Say whether M3 attended, sent apologies or were absent.' },
      values: { ...EMPTY_RECORD, heldOn: '2027-03-09', chair: 'M1' },
      requestId: 'r5',
    });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([['meeting.record', 'meeting.record'], ['meeting.reports', 'meeting.reports']]);
    // Reports reads only: the form's inputs stay on the form, not in the press.
    expect(text(card)).toContain('"associatedInputs":"none","data":{"verb":"meeting.reports","caseRef":"CP-1042","meetingId":"CG2"}');
    expect(Buffer.byteLength(text(card))).toBeLessThan(40_000);
    const body = card['body'] as Array<{ id?: string; type?: string; value?: string; maxLength?: number; choices?: unknown }>;
    expect(body.filter((element) => element.id?.startsWith('attendance-')).length).toBe(30);
    expect(body.find((element) => element.id === 'attendance-M1')).toMatchObject({ value: 'apologies', choices: [{ value: 'attended' }, { value: 'apologies' }, { value: 'absent' }] });
    expect(body.find((element) => element.id === 'childViewsRecorded')).toMatchObject({ type: 'Input.Toggle', value: 'false', valueOn: 'true', valueOff: 'false' });
    expect(body.find((element) => element.id === 'childViewsNote')?.maxLength).toBe(2000);
    expect(text(card)).toContain('Say whether M3 attended, sent apologies or were absent.');
    expect(text(card)).toContain('"data":{"verb":"meeting.record","caseRef":"CP-1042","meetingId":"CG2","requestId":"r5"}');
  });

  it('the record form corrects a record with a Reason box beside its error and "Save the correction"; recording has no Reason box', () => {
    const data = {
      caseRef: 'CP-1042',
      meetingId: 'CG2',
      title: 'Correct the record of the core group held on Tue 9 Mar 2027 for CP-1042 · Blue',
      subtitle: 'Change what was recorded wrongly and say why.',
      members: [{ inputId: 'attendance-M1', label: "Sam Worker (Children's social care): no answer", value: 'attended' }],
      people: [{ title: 'Sam Worker', value: 'M1' }],
      limits: { note: 2000, reason: 1000 },
      error: '',
      errors: { ...noErrors(EMPTY_RECORD), attendance: '', reason: '"Why the record is being corrected" needs a real answer: "n/a" tells the core group nothing.' },
      values: { ...EMPTY_RECORD, heldOn: '2027-03-08', chair: 'M1', noteTaker: 'M1', reason: 'n/a' },
      requestId: 'r8',
    };
    const card = recordMeetingFormCard({ ...data, correcting: true });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([['meeting.correct', 'meeting.correct'], ['meeting.reports', 'meeting.reports']]);
    expect(text(card)).toContain('"title":"Save the correction","verb":"meeting.correct","data":{"verb":"meeting.correct","caseRef":"CP-1042","meetingId":"CG2","requestId":"r8"}');
    const body = card['body'] as Array<{ id?: string; type?: string; text?: string; value?: string; maxLength?: number; isRequired?: boolean }>;
    const reason = body.findIndex((element) => element.id === 'reason');
    expect(body[reason]).toMatchObject({ type: 'Input.Text', label: 'Why the record is being corrected', isRequired: true, maxLength: 1000, value: 'n/a' });
    expect(body[reason + 1]?.text).toBe('"Why the record is being corrected" needs a real answer: "n/a" tells the core group nothing.');

    const recording = recordMeetingFormCard({ ...data, correcting: false, errors: { ...noErrors(EMPTY_RECORD), attendance: '' } });
    expect(verbs(recording)[0]).toEqual(['meeting.record', 'meeting.record']);
    expect(text(recording)).not.toContain('"id":"reason"');
  });

  it('the follow-ups card offers "Correct this record" to those who may, reading no inputs', () => {
    const data = { caseRef: 'CP-1042', meetingId: 'CG2', title: 'After the core group of Tue 9 Mar 2027 for CP-1042 · Blue', notice: '', error: '', today: '2027-03-10', lines: [], requestId: 'r9' };
    const card = followUpsCard({ ...data, canCorrect: true });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([['meeting.correctForm', 'meeting.correctForm']]);
    expect(text(card)).toContain('"title":"Correct this record","verb":"meeting.correctForm","associatedInputs":"none","data":{"verb":"meeting.correctForm","caseRef":"CP-1042","meetingId":"CG2"}');
    expect(verbs(followUpsCard({ ...data, canCorrect: false }))).toEqual([]);
  });

  it('the follow-ups card has a date and Record for each open line only', () => {
    const card = followUpsCard({
      caseRef: 'CP-1042',
      meetingId: 'CG2',
      title: 'After the core group of Tue 9 Mar 2027 for CP-1042 · Blue',
      notice: 'Recorded: the core group was held on Tue 9 Mar 2027.',
      error: '',
      today: '2027-03-10',
      lines: [
        { what: 'Plan updated', status: 'Done Wed 10 Mar 2027', event: 'plan-updated', inputId: 'done-plan-updated', canRecord: false },
        { what: 'Plan circulated', status: 'Upcoming: due by Tue 16 Mar 2027 · social worker', event: 'plan-circulated', inputId: 'done-plan-circulated', canRecord: true },
      ],
      canCorrect: false,
      requestId: 'r6',
    });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([['meeting.followUp', 'meeting.followUp']]);
    expect(text(card)).toContain('"id":"done-plan-circulated","label":"Done on","value":"2027-03-10"');
    expect(text(card)).not.toContain('done-plan-updated');
    expect(text(card)).toContain('"data":{"verb":"meeting.followUp","caseRef":"CP-1042","meetingId":"CG2","event":"plan-circulated","requestId":"r6"}');
  });

  it("the delivery summary names who was reached and each person not reached with why and how to invite them, escaped, sixty of them under 40 KB", () => {
    const member = (n: number, extra: Partial<ProfessionalMember> = {}): Member =>
      ({ memberId: `M${n}`, role: 'professional', displayName: `Person ${n}`, agency: 'Agency', status: 'active', addedAt: '2027-01-01T00:00:00.000Z', ...extra }) as ProfessionalMember;
    const teams = (n: number) => `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const view = {
      caseRef: 'CP-1042',
      alias: 'Blue',
      socialWorker: teams(1),
      members: [
        member(1, { aadObjectId: teams(1) }),
        member(2, { aadObjectId: teams(2), displayName: 'Lynne [Robbins](https://evil.example)' }),
        member(3, { aadObjectId: teams(3) }),
        member(4, { aadObjectId: teams(4) }),
        member(5, { aadObjectId: teams(5) }),
        { memberId: 'M6', role: 'parent-or-carer', label: 'Parent A', contactRoute: 'Hand delivered', status: 'active', addedAt: '2027-01-01T00:00:00.000Z' } as Member,
        member(7, { status: 'removed' }),
      ],
    } as unknown as CaseView;
    const meeting = { meetingId: 'CG2', type: 'subsequent', date: '2027-03-09', time: '10:00', answers: [] } as unknown as MeetingView;
    const data = deliverySummaryData(view, meeting, [
      { recipientId: teams(2), state: 'sent', reason: undefined },
      { recipientId: teams(3), state: 'poisoned', reason: 'dequeued 6 times' },
      { recipientId: teams(4), state: 'unreachable', reason: 'reason from an older version' },
    ], teams(1));
    const card = deliverySummaryCard(data);
    expect(problems(card)).toEqual([]);
    // The social worker it is for, a Teams member not invited (who arranged it) and a removed member are left out.
    expect(sentencesOf(card)).toEqual([
      'Invitations for CP-1042 · Blue',
      'Core group, Tue 9 Mar 2027 at 10:00',
      'Invited and reached in Teams: Lynne \\[Robbins\\](https://evil.example) (Agency).',
      'Not reached in Teams (3): invite them another way',
      'Person 3 (Agency)',
      'Why: it could not be sent after several tries',
      'Invite them by: not said',
      'Person 4 (Agency)',
      'Why: Teams did not deliver it',
      'Invite them by: not said',
      'Parent A (parent or carer)',
      'Why: family member, not in Teams',
      'Invite them by: hand delivered',
      'Record the replies they send you from the members card ("members CP-1042").',
    ]);

    const everyoneReached = deliverySummaryCard(deliverySummaryData({ ...view, members: view.members.slice(0, 3) }, meeting, [
      { recipientId: teams(2), state: 'sent', reason: undefined },
      { recipientId: teams(3), state: 'sent', reason: undefined },
    ], teams(1)));
    expect(problems(everyoneReached)).toEqual([]);
    expect(sentencesOf(everyoneReached).slice(2)).toEqual(['Invited and reached in Teams: Lynne \\[Robbins\\](https://evil.example) (Agency) and Person 3 (Agency).']);

    const sixty = Array.from({ length: 60 }, (_, i) => member(i + 10, { displayName: 'A'.repeat(60), agency: 'B'.repeat(60), contactRoute: 'C'.repeat(100) }));
    const large = deliverySummaryCard(deliverySummaryData({ ...view, members: sixty }, meeting, [], teams(1)));
    expect(problems(large)).toEqual([]);
    expect(Buffer.byteLength(text(large))).toBeLessThan(40_000);
  });

  it('an invitation refreshes for its one recipient, offers both answers until the meeting starts, and Join online only with a link', () => {
    const data = {
      caseRef: 'CP-1042',
      meetingId: 'CG2',
      recipientId: 'aaaaaaaa-0000-4000-8000-000000000002',
      title: 'Core group for CP-1042 · Blue',
      facts: [{ title: 'When', value: 'Tue 9 Mar 2027 at 10:00' }],
      onlineLink: 'https://teams.microsoft.com/l/meetup-join/x',
      agenda: Array.from({ length: 12 }, (_, i) => ({ text: `${i + 1}. Agenda item ${i + 1}` })),
      agendaSource: 'Agenda: Flow chart for frequency of core groups and joint report process',
      answer: '',
      canAnswer: true,
      requestId: 'r7',
    };
    const open = invitationCard(data);
    expect(problems(open)).toEqual([]);
    expect(open['refresh']).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'meeting.invitation', data: { verb: 'meeting.invitation', caseRef: 'CP-1042', meetingId: 'CG2' } },
      userIds: ['aaaaaaaa-0000-4000-8000-000000000002'],
    });
    expect(verbs(open)).toEqual([
      ['meeting.invitation', ''],
      ['meeting.attending', 'meeting.attending'],
      ['meeting.apologiesForm', 'meeting.apologiesForm'],
    ]);
    expect((open['actions'] as Array<{ type: string; url?: string }>)[0]).toEqual({ type: 'Action.OpenUrl', title: 'Join online', url: 'https://teams.microsoft.com/l/meetup-join/x' });
    expect(Buffer.byteLength(text(open))).toBeLessThan(40_000);

    const started = invitationCard({ ...data, onlineLink: '', answer: 'Your answer: attending', canAnswer: false });
    expect(problems(started)).toEqual([]);
    expect(verbs(started)).toEqual([['meeting.invitation', '']]);
    expect(started['actions']).toEqual([]);
    expect(text(started)).toContain('Your answer: attending');
  });

  it('the staff directory offers change and remove per person, and its form ticks roles, each verb with a fallback', () => {
    const list = staffCard({ summary: '1 person is listed.', notice: '', requestId: 'r-1', people: [{ aadObjectId: 'id-1', name: 'Megan Bowen', roles: 'Team manager, chair' }] });
    expect(problems(list)).toEqual([]);
    expect(verbs(list)).toEqual([
      ['staff.form', 'staff.form'],
      ['staff.remove', 'staff.remove'],
      ['staff.form', 'staff.form'],
    ]);
    const roleChoices = [{ title: 'Team manager', value: 'team-manager' }, { title: 'Chair', value: 'chair' }];
    const form = staffFormCard({ title: 'Add a person', error: '', errors: noErrors(EMPTY_STAFF_FORM), pickers: { aadObjectId: [] }, roleChoices, values: { ...EMPTY_STAFF_FORM, roles: 'chair' }, requestId: 'r-2' });
    expect(problems(form)).toEqual([]);
    expect(text(form)).toContain('"isMultiSelect":true');
    expect(verbs(form)).toEqual([
      ['staff.set', 'staff.set'],
      ['staff.list', 'staff.list'],
    ]);
  });

  it("the team manager's decision card confirms, rejects with a reason, and hands the reference to each request", () => {
    const card = caseDecisionCard({
      title: 'Who keeps CP-1042?',
      message: 'Sam Worker set up CP-1042 · Oak with you as team manager.',
      facts: [{ title: 'Case', value: 'CP-1042 · Oak' }],
      error: '',
      caseRef: 'CP-1042',
      confirmTitle: 'Keep this case',
      canReject: true,
      reasons: [{ title: 'It was created in error', value: 'created-in-error' }],
      reason: '',
      reasonError: '',
      handOvers: [{ claimId: 'C1', title: 'Give CP-1042 to Isa Other' }],
      requestId: 'r-1',
    });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([
      ['case.confirm', 'case.confirm'],
      ['case.reject', 'case.reject'],
      ['case.handOver', 'case.handOver'],
    ]);
    expect(text(card)).toContain('"claimId":"C1"');
  });

  const scheduling = (people: number): ScheduleMeetingFormData => ({
    caseRef: 'CP-1042',
    title: 'Schedule a core group for CP-1042 · Blue',
    meetingId: '',
    submit: { verb: 'meeting.schedule', title: 'Schedule' },
    canCancel: false,
    due: 'Core group 2 due by Wed 3 Feb 2027 (upcoming)',
    basis: "6 weeks after the core group on 23 Dec 2026 (six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not')",
    error: '',
    errors: noErrors(EMPTY_SCHEDULE),
    values: { ...EMPTY_SCHEDULE, date: '2027-02-03', type: 'subsequent', chair: 'M1' },
    types: [{ title: 'Subsequent core group', value: 'subsequent' }],
    people: Array.from({ length: people }, (_, i) => ({ title: `Professional Person ${i}, Children's social care · social worker`, value: `M${i + 1}` })),
    limits: { venue: 500, link: 2000 },
    warnings: [{ text: "The chair chosen is not the case's social worker: the social worker chairs this core group (six-weekly-isu: 'The social worker is responsible for arranging and chairing the Core Group meetings')." }],
    requestId: 'r-4',
  });

  it('the scheduling form proposes the date and type, offers the professionals to chair and take notes, and shows the warnings above Schedule', () => {
    const card = scheduleMeetingFormCard(scheduling(2));
    expect(problems(card)).toEqual([]);
    const inputs = (card['body'] as Array<{ id?: string; type?: string; value?: string; maxLength?: number }>).filter((element) => element.id !== undefined);
    expect(inputs.map((input) => [input.id, input.type, input.value ?? '', input.maxLength ?? null])).toEqual([
      ['date', 'Input.Date', '2027-02-03', null],
      ['time', 'Input.Time', '', null],
      ['venue', 'Input.Text', '', 500],
      ['onlineLink', 'Input.Text', '', 2000],
      ['type', 'Input.ChoiceSet', 'subsequent', null],
      ['chair', 'Input.ChoiceSet', 'M1', null],
      ['noteTaker', 'Input.ChoiceSet', '', null],
    ]);
    expect(text(card)).toContain('"choices":[{"title":"Professional Person 0, Children\'s social care · social worker","value":"M1"},');
    expect(text(card)).toContain('Before you schedule');
    expect(verbs(card)).toEqual([['meeting.schedule', 'meeting.schedule']]);
    expect(text(card)).toContain('"data":{"verb":"meeting.schedule","caseRef":"CP-1042","meetingId":"","requestId":"r-4"}');
    expect(text(scheduleMeetingFormCard({ ...scheduling(2), warnings: [] }))).not.toContain('Before you schedule');
  });

  it('to reschedule, the same form submits Reschedule for its meeting and offers Cancel, which sends no inputs', () => {
    const card = scheduleMeetingFormCard({ ...scheduling(2), title: 'Reschedule CG1 for CP-1042 · Blue', meetingId: 'CG1', submit: { verb: 'meeting.reschedule', title: 'Reschedule' }, canCancel: true });
    expect(problems(card)).toEqual([]);
    expect(verbs(card)).toEqual([['meeting.reschedule', 'meeting.reschedule'], ['meeting.cancel', 'meeting.cancel']]);
    expect(card['actions']).toMatchObject([
      { title: 'Reschedule', data: { verb: 'meeting.reschedule', caseRef: 'CP-1042', meetingId: 'CG1', requestId: 'r-4' } },
      { title: 'Cancel this core group', style: 'destructive', associatedInputs: 'none', data: { verb: 'meeting.cancel', caseRef: 'CP-1042', meetingId: 'CG1', requestId: 'r-4' } },
    ]);
  });

  it('the scheduling form for a core group of a hundred professionals stays under 40 KB', () => {
    expect(Buffer.byteLength(text(scheduleMeetingFormCard(scheduling(100))))).toBeLessThan(40_000);
  });

  it('the scheduled card says what was scheduled, with the warnings still standing, and offers to change it or see the members', () => {
    const card = meetingScheduledCard({
      caseRef: 'CP-1042',
      meetingId: 'CG2',
      title: 'Core group scheduled for CP-1042 · Blue',
      message: 'Subsequent core group (CG2).',
      facts: [{ title: 'Date', value: 'Wed 3 Feb 2027' }, { title: 'Time', value: '10:00' }],
      warnings: [{ text: 'The same person is chosen to chair and to take notes.' }],
      next: 'Invitations are on their way to Hana Visitor in Teams.',
    });
    expect(problems(card)).toEqual([]);
    expect(text(card)).toContain('{"title":"Date","value":"Wed 3 Feb 2027"}');
    expect(text(card)).toContain('Still to note');
    expect(verbs(card)).toEqual([['meeting.rescheduleForm', 'meeting.rescheduleForm'], ['meeting.reports', 'meeting.reports'], ['members.show', 'members.show']]);
    expect(text(card)).toContain('"data":{"verb":"meeting.reports","caseRef":"CP-1042","meetingId":"CG2"}');
    expect(text(card)).toContain('"data":{"verb":"meeting.rescheduleForm","caseRef":"CP-1042","meetingId":"CG2"}');
  });

  it('error and help cards are valid', () => {
    expect(problems(errorCard({ title: 'Not saved', message: 'Unknown case CP-9', hint: '' }))).toEqual([]);
    const help = helpCard({ commands: [{ command: 'due', description: 'When is the next core group due?' }] });
    expect(problems(help)).toEqual([]);
    expect(verbs(help)).toEqual([['case.newForm', 'case.newForm']]);
  });

  const box = (id: AnswerBox['id'], label: string, value = '', error = ''): AnswerBox => ({ id, label, hint: '', value, error, maxLength: 8000 });
  const apologiesForm = (overrides: Partial<ApologiesFormData> = {}): ApologiesFormData => ({
    caseRef: 'CP-1042',
    meetingId: 'CG2',
    memberId: '',
    title: 'Apologies and your written update',
    caseLabel: 'CP-1042 · Oak',
    meeting: 'Core group, Tue 2 Mar 2027 at 10:00',
    onBehalf: '',
    intro: "With apologies comes a written update (warwickshire: 'give apologies to the key-worker and offer a verbal and /or written update'), or a verbal one given to the social worker.",
    error: '',
    verbal: { allowed: false, title: 'I gave the social worker a verbal update instead', value: 'false', error: '' },
    parts: [
      box('progressOnActions', 'Progress on my actions and the outcomes for the child (required)'),
      box('whatIsWorking', 'What is working well (optional)'),
      box('whatIsNotWorking', 'What is not working or worries me (optional)'),
      box('changesToPlan', 'Changes the plan needs (optional)'),
    ],
    contribution: { intro: '', headings: [] },
    attendingTitle: 'I will attend',
    requestId: 'r-9',
    ...overrides,
  });
  const inputsOf = (card: AdaptiveCardJson): string[] => {
    const ids: string[] = [];
    JSON.stringify(card, (_key, value: unknown) => {
      const element = value as { id?: unknown; type?: unknown };
      if (element && typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') ids.push(element.id);
      return value;
    });
    return ids;
  };

  it('the apologies form has the four parts as multi-line boxes, sends apologies or attending with its request id, and is valid', () => {
    const card = apologiesFormCard(apologiesForm());
    expect(problems(card)).toEqual([]);
    expect(inputsOf(card)).toEqual(['progressOnActions', 'whatIsWorking', 'whatIsNotWorking', 'changesToPlan']);
    expect(text(card)).toContain('"label":"Progress on my actions and the outcomes for the child (required)","isMultiline":true,"maxLength":8000');
    expect(verbs(card)).toEqual([['meeting.apologies', 'meeting.apologies'], ['meeting.attending', 'meeting.attending']]);
    expect(text(card)).toContain('"data":{"verb":"meeting.apologies","caseRef":"CP-1042","meetingId":"CG2","memberId":"","requestId":"r-9"}');
    expect(text(card)).not.toContain('joint report');
  });

  it('the apologies form offers the verbal update where allowed, the joint-report headings where asked, and each problem beside its box', () => {
    const card = apologiesFormCard(
      apologiesForm({
        error: 'Nothing was saved: put right what is marked below, then try again.',
        verbal: { allowed: true, title: 'I gave the social worker a verbal update instead', value: 'false', error: '' },
        parts: [box('progressOnActions', 'Progress (required)', 'n/a', '"Progress" needs a real answer: "n/a" tells the core group nothing.')],
        contribution: { intro: 'Asked of every member', headings: [box('chronology', 'Chronology of agency involvement since the last conference'), box('voiceOfChild', 'The voice of the child')] },
      }),
    );
    expect(problems(card)).toEqual([]);
    expect(inputsOf(card)).toEqual(['verbalUpdate', 'progressOnActions', 'chronology', 'voiceOfChild']);
    expect(text(card)).toContain('"value":"n/a"},{"type":"TextBlock","text":"\\"Progress\\" needs a real answer: \\"n/a\\" tells the core group nothing.","wrap":true,"color":"Attention"');
    expect(text(card)).toContain("Your agency's contribution to the joint report");
  });

  it('a long written update and contribution keep the form and the answer card under 40 KB', () => {
    const long = 'Visited twice; the referral is made. '.repeat(100);
    const headings = (['chronology', 'progressOfPlan', 'updatesForPlan', 'riskAndProtectiveFactors', 'voiceOfChild'] as const).map((id) => box(id, id, long));
    const form = apologiesFormCard(apologiesForm({ parts: apologiesForm().parts.map((part) => ({ ...part, value: long })), contribution: { intro: 'Asked', headings } }));
    expect(Buffer.byteLength(text(form))).toBeLessThan(40_000);
    const sections = [...Array(9).keys()].map((n) => ({ heading: `Heading ${n}`, text: long }));
    const answer = answerCard({ caseRef: 'CP-1042', meetingId: 'CG2', memberId: 'M2', title: 't', caseLabel: 'c', meeting: 'm', notes: [], sections, canChange: true, changeFor: '', canConfirmVerbal: false });
    expect(Buffer.byteLength(text(answer))).toBeLessThan(40_000);
    expect(EMPTY_ANSWER.verbalUpdate).toBe('false');
  });

  it("the answer card shows what was sent, with Change until the meeting starts, and the social worker's Confirm for a verbal update", () => {
    const base = {
      caseRef: 'CP-1042',
      meetingId: 'CG2',
      memberId: 'M2',
      title: 'You sent apologies',
      caseLabel: 'CP-1042 · Oak',
      meeting: 'Core group, Tue 2 Mar 2027 at 10:00',
      notes: ['Sent to the social worker.'],
      sections: [{ heading: 'Progress on my actions and the outcomes for the child', text: 'Two visits.' }],
      canChange: true,
      changeFor: '',
      canConfirmVerbal: false,
    };
    const own = answerCard(base);
    expect(problems(own)).toEqual([]);
    expect(verbs(own)).toEqual([['meeting.apologiesForm', 'meeting.apologiesForm']]);
    expect(text(own)).toContain('"data":{"verb":"meeting.apologiesForm","caseRef":"CP-1042","meetingId":"CG2","memberId":""}');
    const received = answerCard({ ...base, title: 'Lynne Robbins (School) sent apologies', canChange: false, canConfirmVerbal: true });
    expect(problems(received)).toEqual([]);
    expect(verbs(received)).toEqual([['meeting.confirmVerbal', 'meeting.confirmVerbal']]);
    expect(verbs(answerCard({ ...base, canChange: false }))).toEqual([]);
  });
});

describe('the reports pack', () => {
  const socialWorker = 'aaaaaaaa-0000-4000-8000-000000000001';
  const professional = (n: number, agency: string): ProfessionalMember => ({ memberId: `M${n}`, role: 'professional', displayName: `Professional ${n}`, agency, status: 'active', addedAt: '2027-01-20T09:00:00Z' });
  const answerOf = (memberId: string, update: Partial<Record<keyof NonNullable<Answer['update']>, string>>): Answer => ({
    meetingId: 'CG2',
    memberId,
    response: 'apologies',
    update: { progressOnActions: '', whatIsWorking: '', whatIsNotWorking: '', changesToPlan: '', ...update },
    answeredBy: 'someone',
    onBehalf: false,
    answeredAt: '2027-02-20T09:00:00Z',
  });
  const meeting = (answers: readonly Answer[]): MeetingView => ({ meetingId: 'CG2', date: '2027-03-02' as LocalDate, time: '10:00', type: 'subsequent', answers });
  const caseOf = (members: readonly Member[], answers: readonly Answer[]): CaseView => ({
    caseRef: 'CP-1042',
    alias: 'Oak',
    policyId: 'six-weekly-joint-report',
    status: 'open',
    confirmation: 'confirmed',
    initialConferenceDate: '2027-01-20' as LocalDate,
    socialWorker,
    teamManager: 'aaaaaaaa-0000-4000-8000-000000000009',
    chair: 'aaaaaaaa-0000-4000-8000-000000000008',
    nextDue: null,
    version: 1,
    members: [{ ...professional(1, 'Children’s Services'), aadObjectId: socialWorker }, ...members],
    meetings: [meeting(answers)],
    recordedEvents: [],
    events: [],
    claims: [],
    viewer: { roles: ['social-worker'], allowed: [], memberId: 'M1' },
  });

  it('one card for a short pack: each report under its heading, who has sent nothing named first, valid', () => {
    const view = caseOf([professional(2, 'School'), professional(3, 'Health visiting')], [answerOf('M2', { progressOnActions: 'Two visits.' })]);
    const [card, ...more] = reportsPackCards(view, view.meetings[0]!, { pager: true, canRecord: true });
    expect(more).toEqual([]);
    expect(problems(card)).toEqual([]);
    expect(sentencesOf(card)).toEqual([
      'Reports for the next core group',
      'CP-1042 · Oak',
      'Core group, Tue 2 Mar 2027 at 10:00',
      'For the agenda item "reports provided by those unable to attend": every update received for this meeting.',
      'No answer and nothing sent yet: Professional 3 (Health visiting).',
      'Professional 2 (School)',
      'Apologies, with a written update',
      'Progress on my actions and the outcomes for the child',
      'Two visits.',
    ]);
    expect(verbs(card)).toEqual([['meeting.recordForm', 'meeting.recordForm']]);
  });

  it('a pack over 40 KB is split in order, each part valid and under the budget, a long report continued, Previous and Next between parts', () => {
    // Three members who each wrote every part of the update near its 8,000-character limit, in a script that takes 2 bytes a character.
    const long = (n: number, part: number) => `P${n}${part} ${'ŵ'.repeat(7_990)}`;
    const members = [2, 3, 4].map((n) => professional(n, `Agency ${n}`));
    const answers = [2, 3, 4].map((n) => answerOf(`M${n}`, { progressOnActions: long(n, 1), whatIsWorking: long(n, 2), whatIsNotWorking: long(n, 3), changesToPlan: long(n, 4) }));
    const cards = reportsPackCards(caseOf(members, answers), meeting(answers), { pager: true });
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(problems(card)).toEqual([]);
      expect(Buffer.byteLength(text(card))).toBeLessThanOrEqual(40_000);
    }
    expect(cards.map((card) => sentencesOf(card)[0])).toEqual(cards.map((_, n) => `Reports for the next core group (${n + 1} of ${cards.length})`));
    // Every part's text, in the order written, member after member.
    const written = cards.flatMap((card) => sentencesOf(card).filter((sentence) => /^P\d\d /.test(sentence)).map((sentence) => sentence.slice(0, 3)));
    expect(written).toEqual([2, 3, 4].flatMap((n) => [1, 2, 3, 4].map((part) => `P${n}${part}`)));
    expect(cards.slice(1).some((card) => sentencesOf(card).some((sentence) => sentence.endsWith(', continued')))).toBe(true);
    expect(verbs(cards[0]!)).toEqual([['meeting.reports', 'meeting.reports']]);
    expect(text(cards[0]!)).toContain('"title":"Next part","verb":"meeting.reports","data":{"verb":"meeting.reports","caseRef":"CP-1042","meetingId":"CG2","part":2}');
    expect(verbs(cards[cards.length - 1]!)).toEqual([['meeting.reports', 'meeting.reports']]);
    expect(text(cards[cards.length - 1]!)).toContain(`"title":"Previous part","verb":"meeting.reports","data":{"verb":"meeting.reports","caseRef":"CP-1042","meetingId":"CG2","part":${cards.length - 1}}`);
    // Sent as messages in order (the command, the sweep), the parts carry no buttons.
    for (const card of reportsPackCards(caseOf(members, answers), meeting(answers))) expect(verbs(card)).toEqual([]);
  });
});

describe('the digest', () => {
  /** Seed 000 cases whose first core group was held Fri 18 Dec 2026: each has its plan overdue and its circulation coming. */
  const caseload = (count: number) =>
    Array.from({ length: count }, (_, n) => onDay(namedCase(`CP-${5000 + n}`, `Tree [${n}](https://evil.example)`, { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')] }), '2026-12-23'));
  const partsFor = (count: number) => {
    const digest = digestFor(chair, caseload(count), parseLocalDate('2026-12-23'), 'weekly', digestDeps);
    if (digest === null) throw new Error('nothing to say');
    return { digest, parts: digestCardData(digest) };
  };
  /** Each line a card shows, as "case | headline", the case's "continued" dropped. */
  const linesOf = (data: ReturnType<typeof digestCardData>[number]) =>
    data.sections.flatMap((section) => section.cases.flatMap((item) => item.lines.map((line) => `${section.heading} | ${item.caseLabel.replace(/, continued$/, '')} | ${line.headline}`)));

  it('is a valid card with its headings, each case a section, every alias escaped, and the outbox renders it from stored data', () => {
    const { parts } = partsFor(2);
    expect(parts).toHaveLength(1);
    const card = digestCard(parts[0]);
    expect(problems(card)).toEqual([]);
    const sentences = sentencesOf(card);
    expect(sentences.filter((sentence) => ['Overdue', 'Due within 5 working days', 'Timeliness, last 12 weeks'].includes(sentence))).toEqual(['Overdue', 'Due within 5 working days', 'Timeliness, last 12 weeks']);
    expect(sentences).toContain('CP-5000 · Tree \\[0\\](https://evil.example)');
    expect(verbs(card)).toEqual(Array.from({ length: 4 }, () => ['meeting.followUps', 'meeting.followUps']));
    // Stored as JSON in the outbox and rendered at send time, it is the same card.
    expect(OUTBOX_CARDS['digest']?.(JSON.parse(JSON.stringify(parts[0])) as Record<string, unknown>)).toEqual(card);
    expect(OUTBOX_CARDS['digest']?.({ title: 'Digest' })).toBeUndefined();
  });

  it('too long for one card, it is split in order into parts under the budget, each line on exactly one of them, the timeliness record last', () => {
    const { digest, parts } = partsFor(80);
    const every = [...digest.overdue.map((item) => ['Overdue', item] as const), ...digest.dueSoon.map((item) => ['Due within 5 working days', item] as const)].flatMap(([heading, item]) =>
      item.lines.map((line) => `${heading} | ${item.caseRef} · ${item.alias} | ${digestCardData({ ...digest, overdue: [{ ...item, lines: [line] }], dueSoon: [], timeliness: undefined })[0].sections[0]?.cases[0]?.lines[0]?.headline}`),
    );
    expect(every).toHaveLength(240);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.flatMap(linesOf)).toEqual(every);
    parts.forEach((part, index) => {
      const card = digestCard(part);
      expect(problems(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(part.title).toBe(`Weekly digest for Wed 23 Dec 2026 (${index + 1} of ${parts.length})`);
      expect(part.timelinessHeading).toBe(index === parts.length - 1 ? 'Timeliness, last 12 weeks' : '');
    });
    // A case split across two parts says so on the second.
    const labels = parts.map((part) => part.sections.flatMap((section) => section.cases.map((item) => item.caseLabel)));
    for (const [index, part] of labels.entries()) if (index > 0 && part[0]?.endsWith(', continued')) expect(labels[index - 1]?.at(-1)).toBe(part[0].replace(/, continued$/, ''));
  });
});

describe('the reminders', () => {
  const ALIAS = 'Tree [x](https://evil.example)';
  const withAlias = (state: CaseState): CaseState => ({ ...state, header: { ...state.header, alias: ALIAS } });
  /** A case on a day for each kind of notice, as the sweep finds them (test/sweep/noticesDue.test.ts has their rules). */
  const days: ReadonlyArray<[CaseState, string]> = [
    // York: the first core group arranged for Mon 8 Feb 2027; on Wed 3 Feb the members have not answered.
    [withAlias(caseState({ policyId: 'york', icpc: '2027-01-25', meetings: [scheduled('CG1', '2027-02-08', 'first')] })), '2027-02-03'],
    // York, none arranged: 10 working days before it is due.
    [withAlias(caseState({ policyId: 'york', icpc: '2027-01-25' })), '2027-01-26'],
    // Seed 000: the first core group missed (due Wed 30 Dec 2026); the chair is asked for the decision.
    [withAlias(caseState({ policyId: 'six-weekly-isu', icpc: '2026-12-14' })), '2026-12-31'],
    // Seed 000: held Fri 18 Dec 2026, its plan update overdue on Wed 23 Dec; its circulation (5 working days, over
    // Christmas) due on Tue 29 Dec, so "due soon" on Thu 24 Dec.
    ...(['2026-12-23', '2026-12-24', '2026-12-29'] as const).map((day): [CaseState, string] => [withAlias(caseState({ policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')] })), day]),
  ];
  const cards = days.flatMap(([state, today]) =>
    sweep(state, today).map((notice) => {
      const data = reminderData(notice, state);
      return { notice, data, card: reminderCard(data) };
    }),
  );

  it('every kind the sweep sends is a valid card, its alias escaped, its one button carrying its verb with a fallback', () => {
    const byKind = new Map(cards.map(({ notice, card }) => [`${notice.kind} ${notice.recipient.role}`, card]));
    expect([...byKind.keys()].sort()).toEqual([
      'due-soon social-worker',
      'due-today social-worker',
      'invitation-reminder member',
      'missed-core-group social-worker',
      'missed-core-group team-manager',
      'missed-core-group-decision chair',
      'overdue social-worker',
      'schedule-core-group social-worker',
    ]);
    for (const { card } of cards) {
      expect(problems(card)).toEqual([]);
      expect(sentencesOf(card)[0]).toContain('CP-1042 · Tree \\[x\\](https://evil.example)');
    }
    const verbsOf = (key: string) => verbs(byKind.get(key) as AdaptiveCardJson);
    expect(verbsOf('invitation-reminder member')).toEqual([['meeting.attending', 'meeting.attending'], ['meeting.apologiesForm', 'meeting.apologiesForm']]);
    expect(verbsOf('schedule-core-group social-worker')).toEqual([['meeting.scheduleForm', 'meeting.scheduleForm']]);
    expect(verbsOf('missed-core-group social-worker')).toEqual([['meeting.scheduleForm', 'meeting.scheduleForm']]);
    expect(verbsOf('missed-core-group team-manager')).toEqual([]);
    expect(verbsOf('missed-core-group-decision chair')).toEqual([['case.missedDecision', 'case.missedDecision']]);
    for (const stage of ['due-soon', 'due-today', 'overdue']) expect(verbsOf(`${stage} social-worker`)).toEqual([['meeting.followUps', 'meeting.followUps']]);
    expect(textsOf(byKind.get('missed-core-group-decision chair'))).toContain('The decision');
  });

  it('renders the same from the data the outbox stores, and a row whose data does not parse is no card', () => {
    for (const { data, card } of cards) expect(OUTBOX_CARDS['reminder']?.(JSON.parse(JSON.stringify(data)) as Record<string, unknown>)).toEqual(card);
    expect(OUTBOX_CARDS['reminder']?.({ title: 'Reminder' })).toBeUndefined();
  });
});
