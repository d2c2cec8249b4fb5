import { outboxAddress, outboxKey } from '../../src/delivery/outboxItem.js';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../setup/tables.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT, type ActivityOptions } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { CHAIR, MEMBERS_IN_AND_OUT, TEAM_MANAGER } from './seedStories.js';

type Json = Record<string, unknown>;
type Element = { id?: string; text?: string; value?: string; type?: string; choices?: unknown };

const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
const bodyOf = (card: unknown) => (card as { body: Element[] }).body;
const inputsOf = (card: unknown) => Object.fromEntries(bodyOf(card).flatMap((element) => (element.id === undefined ? [] : [[element.id, element.value ?? '']])));
/** The problem shown right after a field's box, if any. */
const besideField = (card: unknown, id: string): string | undefined => {
  const body = bodyOf(card);
  const next = body[body.findIndex((element) => element.id === id) + 1];
  return next?.type === 'TextBlock' ? next.text : undefined;
};

/**
 * Scheduling a core group over real HTTP on real storage, on Fri 5 Feb 2027. CP-4001 (six-weekly-isu, conference
 * Mon 25 Jan 2027): its first core group is due 10 working days after it, Mon 8 Feb, and the social worker chairs.
 */
describe('scheduling a core group', () => {
  const env = botOnStorage('schedule', async ({ bot, tables }) => {
    const common = { socialWorker, teamManager: TEAM_MANAGER, chair: CHAIR, icpc: '2027-01-25' };
    await tellStory(tables, bot.services, {
      ...common,
      caseRef: 'CP-4001',
      alias: 'Oak',
      policyId: 'six-weekly-isu',
      members: MEMBERS_IN_AND_OUT,
    });
    await tellStory(tables, bot.services, { ...common, caseRef: 'CP-4002', policyId: 'six-weekly-joint-report' });
  });

  const execute = async (verb: string, data: Json, options: Partial<ActivityOptions> = {}): Promise<unknown> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, ...options }));
    expect([status, body.statusCode, body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
    return body.value;
  };
  const submit = (values: Json): Json => ({ requestId: randomUUID(), caseRef: 'CP-4001', date: '', time: '', venue: '', onlineLink: '', type: '', chair: '', noteTaker: '', ...values });
  const meetingsOf = async (caseRef = 'CP-4001') => (await env.bot.services.cases.queries.getCase(socialWorker, caseRef)).meetings;

  it('"schedule CP-4001" opens the form with the proposed date, type and chair, professionals only to choose from, and no warning', async () => {
    const card = cardIn(await askOnce(env, 'schedule CP-4001'));
    expect(sentencesOf(card).slice(0, 3)).toEqual([
      'Schedule a core group for CP-4001 · Oak',
      'Core group 1 (first) due by Mon 8 Feb 2027 (upcoming)',
      "10 working days after the initial child protection conference on 25 Jan 2027 (six-weekly-isu: 'The First Core Group is convened within 10 working days of the Initial Child Protection Conference')",
    ]);
    expect(inputsOf(card)).toEqual({ date: '2027-02-08', time: '', venue: '', onlineLink: '', type: 'first', chair: 'M1', noteTaker: '' });
    expect(bodyOf(card).find((element) => element.id === 'chair')?.choices).toEqual([
      { title: "Sam Worker, Children's social care · social worker", value: 'M1' },
      { title: 'Hana Visitor, Health visiting', value: 'M2' },
    ]);
    expect(sentencesOf(card)).not.toContain('Before you schedule');
    expect(JSON.stringify(card)).toMatch(/"data":\{"verb":"meeting.schedule","caseRef":"CP-4001","meetingId":"","requestId":"[0-9a-f-]{36}"\}/);
  });

  it('the form opens by alias too, and from the Schedule button on the case\'s due card', async () => {
    expect(sentencesOf(cardIn(await askOnce(env, 'arrange the next core group for Oak')))[0]).toBe('Schedule a core group for CP-4001 · Oak');
    const due = JSON.stringify(cardIn(await askOnce(env, 'due CP-4001')));
    expect(due).toContain('"title":"Schedule a core group","verb":"meeting.scheduleForm","data":{"verb":"meeting.scheduleForm","caseRef":"CP-4001"}');
    expect(sentencesOf(await execute('meeting.scheduleForm', { caseRef: 'CP-4001' }))[0]).toBe('Schedule a core group for CP-4001 · Oak');
  });

  it("a procedure's chair rule is shown above Schedule when the form opens: seed 002's team manager chairs the first, and is not in the group", async () => {
    const card = await execute('meeting.scheduleForm', { caseRef: 'CP-4002' });
    expect(inputsOf(card)).toMatchObject({ date: '2027-02-08', type: 'first', chair: '' });
    const shown = sentencesOf(card);
    expect(shown.slice(shown.indexOf('Before you schedule'))).toEqual([
      'Before you schedule',
      "No chair is chosen: the team manager chairs this core group (six-weekly-joint-report: 'FIRST CORE GROUP – chaired by Team Manager'). The team manager is not in the core group: add them as a member to choose them.",
      'Checked for the date and chair shown, and again when you schedule. None of this stops you scheduling.',
    ]);
  });

  it('a submit without a venue or link comes back on the same form as typed, the problem beside the venue, and nothing is stored', async () => {
    const before = await snapshot(env.tables, 'cases');
    const typed = { date: '2027-02-08', time: '10:00', type: 'first', chair: 'M1', noteTaker: 'M2' };
    const card = await execute('meeting.schedule', submit(typed));
    expect(sentencesOf(card)[0]).toBe('Schedule a core group for CP-4001 · Oak');
    expect(besideField(card, 'venue')).toBe('Give a venue or an online link');
    expect(sentencesOf(card)).toContain('Nothing was saved: put right what is marked below, then try again.');
    expect(inputsOf(card)).toEqual({ venue: '', onlineLink: '', ...typed });
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('every problem at once: a bad time, a link that is not https, and a family member as note taker', async () => {
    const before = await snapshot(env.tables, 'cases');
    const card = await execute('meeting.schedule', submit({ date: '2027-02-08', time: '25:00', onlineLink: 'http://meet.example/x', type: 'first', chair: 'M1' }));
    expect(besideField(card, 'time')).toBe('Meeting time must be HH:MM, 24-hour');
    expect(besideField(card, 'onlineLink')).toBe('Online link must start with https://');
    const family = await execute('meeting.schedule', submit({ date: '2027-02-08', time: '10:00', venue: 'Room 2', type: 'first', chair: 'M1', noteTaker: 'M3' }));
    expect(besideField(family, 'noteTaker')).toBe('M3 is a family member: choose a professional to take the notes.');
    expect(inputsOf(family)).toMatchObject({ noteTaker: 'M3', venue: 'Room 2' });
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('from a group chat the submit gets the 1:1 answer and nothing is stored', async () => {
    const before = await snapshot(env.tables, 'cases');
    const card = await execute('meeting.schedule', submit({ date: '2027-02-08', time: '10:00', venue: 'Room 2', type: 'first', chair: 'M1' }), { conversationType: 'groupChat' });
    expect(sentencesOf(card)).toEqual(['Ask me in our 1:1 chat', 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).', 'Nothing was changed.']);
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('a core group member may not schedule: refused, by message and by card, and nothing is stored', async () => {
    const before = await snapshot(env.tables, 'cases');
    const refusal = ['Not done', 'Only the social worker or the team manager can schedule core group meetings on case CP-4001.', 'Nothing was changed.'];
    expect(sentencesOf(cardIn(await askOnce(env, 'schedule CP-4001', MEMBER)))).toEqual(refusal);
    expect(sentencesOf(await execute('meeting.schedule', submit({ date: '2027-02-08', time: '10:00', venue: 'Room 2', type: 'first', chair: 'M1' }), { aadObjectId: MEMBER }))).toEqual(refusal);
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('schedules the meeting, stores and audits exactly it, and answers with what was scheduled and the warnings still standing; sent twice, it is scheduled once', async () => {
    const press = submit({ date: '2027-02-10', time: '14:30', venue: 'Room 2, Civic Centre', type: 'first', chair: 'M2', noteTaker: 'M1' });
    const said = [
      'Core group scheduled for CP-4001 · Oak',
      'First core group (CG1).',
      'Still to note',
      "Wed 10 Feb 2027 is after this core group's due date, Mon 8 Feb 2027: 10 working days after the initial child protection conference on 25 Jan 2027 (six-weekly-isu: 'The First Core Group is convened within 10 working days of the Initial Child Protection Conference').",
      "The chair chosen is not the case's social worker: the social worker chairs this core group (six-weekly-isu: 'The social worker is responsible for arranging and chairing the Core Group meetings').",
      'Invitations are on their way to Hana Visitor in Teams. Not in Teams, so tell them another way: Parent A (hand delivered).',
    ];
    const card = await execute('meeting.schedule', press);
    expect(sentencesOf(card)).toEqual(said);
    // Queued for the outbox's dispatcher, one row for the one member in Teams (the social worker arranged it).
    const invitation = await env.outbox.get(outboxAddress(outboxKey.parse({ tenantId: TENANT, caseRef: 'CP-4001', kind: 'invitation', subject: 'CG1', recipientId: MEMBER, date: '2027-02-10' })));
    expect([invitation?.state, invitation?.card.name, invitation?.tellId]).toEqual(['pending', 'invitation', SOCIAL_WORKER]);
    expect((card as { body: Array<{ facts?: unknown }> }).body[1]?.facts).toEqual([
      { title: 'Date', value: 'Wed 10 Feb 2027' },
      { title: 'Time', value: '14:30' },
      { title: 'Venue', value: 'Room 2, Civic Centre' },
      { title: 'Type', value: 'First core group' },
      { title: 'Chair', value: 'Hana Visitor (Health visiting)' },
      { title: 'Note taker', value: "Sam Worker (Children's social care)" },
    ]);
    const view = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-4001');
    expect(view.meetings).toEqual([{ meetingId: 'CG1', date: '2027-02-10', time: '14:30', venue: 'Room 2, Civic Centre', type: 'first', chair: 'M2', noteTaker: 'M1', answers: [] }]);
    const scheduled = async () => (await env.bot.services.cases.queries.auditTrail(socialWorker, 'CP-4001')).items.filter((entry) => entry.operation === 'schedule-meeting');
    expect(await scheduled()).toEqual([
      expect.objectContaining({ actor: SOCIAL_WORKER, before: 'CG1 not scheduled', after: 'CG1 first core group scheduled 2027-02-10 14:30, in person; chair M2; note taker M1' }),
    ]);

    // Teams re-sends a submit it got no answer to, with a new activity id: the same request id schedules nothing more.
    expect(sentencesOf(await execute('meeting.schedule', press))).toEqual(said);
    expect(await meetingsOf()).toHaveLength(1);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-4001')).version).toBe(view.version);
    expect(await scheduled()).toHaveLength(1);
  });

  it('"when is the next core group due?" shows the meeting scheduled beside the due date, for the case and across the caseload', async () => {
    const lineOf = (card: unknown) => sentencesOf(card).filter((text) => text.startsWith('Scheduled for'));
    expect(lineOf(cardIn(await askOnce(env, 'due CP-4001')))).toEqual(['Scheduled for Wed 10 Feb 2027 at 14:30 (CG1)']);
    // The caseload is answered from "my cases" snapshots: scheduling made them stale, so this is what is stored now.
    expect(lineOf(cardIn(await askOnce(env, 'when is the next core group due?')))).toEqual(['Scheduled for Wed 10 Feb 2027 at 14:30 (CG1)']);
  });

  it('opening the form again, with CG1 arranged, says so above Schedule', async () => {
    const shown = sentencesOf(cardIn(await askOnce(env, 'schedule CP-4001')));
    expect(shown[shown.indexOf('Before you schedule') + 1]).toBe(
      'CG1 is also scheduled, for Wed 10 Feb 2027 at 14:30, and not yet recorded as held: to move it rather than arrange another, use "Change the arrangements" on its scheduled card.',
    );
  });

  it('reschedules from the scheduled card: the form as arranged, then what changed, stored and audited once when sent twice', async () => {
    const form = await execute('meeting.rescheduleForm', { caseRef: 'CP-4001', meetingId: 'CG1' });
    expect(sentencesOf(form)[0]).toBe('Reschedule CG1 for CP-4001 · Oak');
    expect(inputsOf(form)).toEqual({ date: '2027-02-10', time: '14:30', venue: 'Room 2, Civic Centre', onlineLink: '', type: 'first', chair: 'M2', noteTaker: 'M1' });
    const requestId = /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form))?.[1];
    const press = { ...inputsOf(form), requestId, caseRef: 'CP-4001', meetingId: 'CG1', date: '2027-02-08', time: '09:30', chair: 'M1' };
    const card = await execute('meeting.reschedule', press);
    expect(sentencesOf(card).slice(0, 2)).toEqual(['Core group rescheduled for CP-4001 · Oak', 'First core group (CG1): the date, time and chair changed.']);
    // Mon 8 Feb is the due date and the social worker chairs: no warning stands.
    expect(sentencesOf(card)).not.toContain('Still to note');
    expect(await meetingsOf()).toEqual([{ meetingId: 'CG1', date: '2027-02-08', time: '09:30', venue: 'Room 2, Civic Centre', type: 'first', chair: 'M1', noteTaker: 'M1', answers: [] }]);
    const audited = async () => (await env.bot.services.cases.queries.auditTrail(socialWorker, 'CP-4001')).items.filter((entry) => entry.operation === 'reschedule-meeting');
    expect(await audited()).toEqual([
      expect.objectContaining({
        before: 'CG1 first core group scheduled 2027-02-10 14:30, in person; chair M2; note taker M1',
        after: 'CG1 first core group rescheduled to 2027-02-08 09:30, in person; chair M1; note taker M1; changed: date, time, chair',
      }),
    ]);
    expect(sentencesOf(await execute('meeting.reschedule', press)).slice(0, 2)).toEqual(['Core group rescheduled for CP-4001 · Oak', 'First core group (CG1): the date, time and chair changed.']);
    expect(await audited()).toHaveLength(1);
  });

  it('a reschedule without a venue or link is refused on the same form, and nothing is stored', async () => {
    const before = await snapshot(env.tables, 'cases');
    const card = await execute('meeting.reschedule', submit({ meetingId: 'CG1', date: '2027-02-08', time: '09:30', type: 'first', chair: 'M1' }));
    expect(sentencesOf(card)[0]).toBe('Reschedule CG1 for CP-4001 · Oak');
    expect(besideField(card, 'venue')).toBe('Give a venue or an online link');
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('cancels the meeting: kept on the case as cancelled, audited, no longer shown as scheduled, and not to be changed again', async () => {
    const press = { caseRef: 'CP-4001', meetingId: 'CG1', requestId: randomUUID() };
    const said = [
      'CG1 is cancelled for CP-4001 · Oak',
      "The first core group on Mon 8 Feb 2027 at 09:30 is cancelled; it stays on the case's record.",
      'Hana Visitor is told in Teams. Not in Teams, so tell them another way: Parent A (hand delivered). To arrange another, type "schedule CP-4001".',
    ];
    expect(sentencesOf(await execute('meeting.cancel', press))).toEqual(said);
    expect((await meetingsOf())[0]).toMatchObject({ meetingId: 'CG1', cancelled: { on: '2027-02-05', by: SOCIAL_WORKER } });
    const { version } = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-4001');
    expect(sentencesOf(await execute('meeting.cancel', press))).toEqual(said);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-4001')).version).toBe(version);
    const audit = (await env.bot.services.cases.queries.auditTrail(socialWorker, 'CP-4001')).items.filter((entry) => entry.operation === 'cancel-meeting');
    expect(audit).toEqual([expect.objectContaining({ actor: SOCIAL_WORKER, after: 'CG1 cancelled on 2027-02-05' })]);
    expect(sentencesOf(cardIn(await askOnce(env, 'due CP-4001'))).filter((text) => text.startsWith('Scheduled for'))).toEqual([]);
    expect(sentencesOf(await execute('meeting.rescheduleForm', { caseRef: 'CP-4001', meetingId: 'CG1' }))).toEqual([
      'Not done',
      'CG1 was cancelled on 5 Feb 2027, so it can no longer be changed: schedule a new core group instead.',
      'Nothing was changed.',
    ]);
  });
});
