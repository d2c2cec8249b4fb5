import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import { createDelivery, type Delivery } from '../../bot/notify/delivery.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { STRANGER, createSamsCase } from './seedStories.js';
import { startTestBot, TEST_STAFF, TODAY, type TestBot } from './testBot.js';

type Json = Record<string, unknown>;

const SCHOOL = 'aaaaaaaa-0000-4000-8000-000000000040';
const UPDATE = { progressOnActions: 'Attendance up to 92%; two meetings with the family.', whatIsWorking: 'Breakfast club.', whatIsNotWorking: '', changesToPlan: '' };

/**
 * The workflow the product exists for, end to end over real HTTP and storage with the fake connector, on Fri 5 Feb
 * 2027 (six-weekly-isu, seed 000): the social worker schedules the first core group for 16:00 that day; the two
 * members in Teams are invited through the outbox; one attends, the other's apologies are refused without a
 * written update and then accepted with one, which reaches the social worker; a re-sent submit and a stranger
 * change nothing; the reports pack carries the update and names who sent nothing; the meeting is recorded, and its follow-ups and the next core group are in the answers and the
 * audit trail.
 */
describe('a core group from scheduling to its follow-ups', () => {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  let connector: FakeConnector;
  let bot: TestBot;
  let delivery: Delivery;

  beforeAll(async () => {
    const { tables, queues } = await testStorage('flow');
    const clock = fixedClock(TODAY);
    const refs = tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
    connector = await startFakeConnector();
    bot = await startTestBot({ tables, refs, outbox: new Outbox(tables.outbox, queues.outbox, clock), staff: [...TEST_STAFF, { aadObjectId: SCHOOL, displayName: 'Sol School', roles: [] }] });
    delivery = createDelivery({ tables, queues, clock, proactive: { adapter: bot.adapter, botAppId: '', refs, log: silentLogger }, log: silentLogger, options: { visibilityTimeoutSeconds: 1 } });
    for (const person of [SOCIAL_WORKER, MEMBER, SCHOOL]) await refs.upsert({ tenantId: TENANT, aadObjectId: person, serviceUrl: connector.serviceUrl, conversationId: `a:chat-${person}` });
    const { commands } = bot.services.cases;
    await createSamsCase(commands, socialWorker, 'CP-3501', { alias: 'Ivy', policyId: 'six-weekly-isu', initialConferenceDate: '2027-01-25' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: SCHOOL, displayName: 'Sol School', agency: 'School', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Printed copy handed over at home visits' });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
  });

  const press = async (verb: string, data: Json, aadObjectId = SOCIAL_WORKER): Promise<Json> => {
    const { status, body } = await invokeAnswer(bot.url, cardInvoke(verb, data, { serviceUrl: connector.serviceUrl, aadObjectId }));
    expect([status, body.statusCode]).toEqual([200, 200]);
    return body.value as Json;
  };
  const ask = async (text: string, aadObjectId = SOCIAL_WORKER) => {
    connector.reset();
    expect((await postActivity(bot.url, teamsMessage(text, { serviceUrl: connector.serviceUrl, aadObjectId }))).status).toBe(200);
    return connector.sentMessages()[0]?.body ?? {};
  };
  const requestIdOf = (card: Json) => /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))?.[1] ?? '';
  /** The cards the connector delivered to someone's 1:1 chat, each as its sentences. */
  const deliveredTo = (aadObjectId: string) => connector.sentMessages().filter((sent) => sent.conversationId?.endsWith(aadObjectId)).map((sent) => sentencesOf(cardIn(sent.body)));
  const view = () => bot.services.cases.queries.getCase(socialWorker, 'CP-3501');

  let invitations: Json[] = [];

  it('schedules the meeting and invites both members in Teams through the outbox, naming the parent to tell another way', async () => {
    const form = cardIn(await ask('schedule CP-3501')) as Json;
    const scheduled = await press('meeting.schedule', { caseRef: 'CP-3501', requestId: requestIdOf(form), date: '2027-02-05', time: '16:00', venue: 'Family centre', onlineLink: '', type: 'first', chair: 'M1', noteTaker: 'M2' });
    expect(sentencesOf(scheduled)).toContain('Invitations are on their way to Hana Visitor and Sol School in Teams. Not in Teams, so tell them another way: Parent A (printed copy handed over at home visits).');
    connector.reset();
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 2, sent: 2 });
    invitations = connector.sentMessages().map((sent) => cardIn(sent.body) as Json);
    expect(connector.sentMessages().map((sent) => sent.conversationId).sort()).toEqual([`a:chat-${MEMBER}`, `a:chat-${SCHOOL}`].sort());
    expect(invitations.map((card) => sentencesOf(card)[0])).toEqual(['First core group for CP-3501 · Ivy', 'First core group for CP-3501 · Ivy']);
    // Both invitations settled: the social worker's delivery summary follows, naming the parent to invite another way.
    connector.reset();
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, sent: 1 });
    expect(deliveredTo(SOCIAL_WORKER).map((card) => card.slice(2, 5))).toEqual([
      ['Invited and reached in Teams: Hana Visitor (Health visiting) and Sol School (School).', 'Not reached in Teams (1): invite them another way', 'Parent A (parent or carer)'],
    ]);
  });

  it('one member attends; the other is refused without a written update, then accepted with it, which reaches the social worker once', async () => {
    const forMember = (aadObjectId: string) => invitations.find((card) => JSON.stringify(card).includes(`"userIds":["${aadObjectId}"]`)) ?? {};
    await press('meeting.attending', { caseRef: 'CP-3501', meetingId: 'CG1', requestId: requestIdOf(forMember(MEMBER)) }, MEMBER);

    const form = await press('meeting.apologiesForm', { caseRef: 'CP-3501', meetingId: 'CG1' }, SCHOOL);
    const empty = { caseRef: 'CP-3501', meetingId: 'CG1', memberId: '', requestId: requestIdOf(form), progressOnActions: '', whatIsWorking: '', whatIsNotWorking: '', changesToPlan: '', verbalUpdate: 'false' };
    connector.reset();
    await press('meeting.apologies', empty, SCHOOL);
    expect((await view()).meetings[0]?.answers.map((answer) => [answer.memberId, answer.response])).toEqual([['M2', 'attending']]);

    const submit = { ...empty, ...UPDATE };
    await press('meeting.apologies', submit, SCHOOL);
    await press('meeting.apologies', submit, SCHOOL);
    expect((await view()).meetings[0]?.answers.map((answer) => [answer.memberId, answer.response, answer.update?.progressOnActions])).toEqual([
      ['M2', 'attending', undefined],
      ['M3', 'apologies', UPDATE.progressOnActions],
    ]);
    // Queued once by the two submits (the second is the same request), for the social worker and the note taker
    // (the member who attends), and sent by the dispatcher.
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 2, sent: 2 });
    expect(deliveredTo(MEMBER)).toEqual(deliveredTo(SOCIAL_WORKER));
    const told = deliveredTo(SOCIAL_WORKER);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(UPDATE.progressOnActions);

    const refused = await press('meeting.apologiesForm', { caseRef: 'CP-3501', meetingId: 'CG1' }, STRANGER);
    expect(sentencesOf(refused)[1]).toBe("I can't find CP-3501 among your cases.");
  });

  it('the reports pack has the written update for the agenda and names the parent who has sent nothing, for the social worker and the note taker', async () => {
    const pack = [
      'Reports for the next core group',
      'CP-3501 · Ivy',
      'First core group, Fri 5 Feb 2027 at 16:00',
      'For the agenda item "reports provided by those unable to attend": every update received for this meeting.',
      'No answer and nothing sent yet: Parent A (parent or carer).',
      'Sol School (School)',
      'Apologies, with a written update',
      'Progress on my actions and the outcomes for the child',
      UPDATE.progressOnActions,
      'What is working well',
      UPDATE.whatIsWorking,
    ];
    expect(sentencesOf(cardIn(await ask('reports CP-3501')))).toEqual(pack);
    // Hana Visitor (M2) takes the notes: a Reports button (meeting.reports) shows her the same; the other member is refused.
    expect(sentencesOf(await press('meeting.reports', { caseRef: 'CP-3501', meetingId: 'CG1' }, MEMBER))).toEqual(pack);
    expect(sentencesOf(await press('meeting.reports', { caseRef: 'CP-3501', meetingId: 'CG1' }, SCHOOL))[1]).toBe(
      'Only the social worker, the team manager or the chair can see the whole core group on case CP-3501.',
    );
  });

  it('records the meeting from the answers; its follow-ups and the next core group are in the answers and the audit trail', async () => {
    const form = cardIn(await ask('I held the core group for CP-3501 today')) as Json;
    const values = Object.fromEntries((form['body'] as Array<{ id?: string; value?: string }>).flatMap((element) => (element.id?.startsWith('attendance-') ? [[element.id, element.value]] : [])));
    expect(values).toEqual({ 'attendance-M1': '', 'attendance-M2': 'attended', 'attendance-M3': 'apologies', 'attendance-M4': '' });
    const followUps = await press('meeting.record', {
      caseRef: 'CP-3501',
      meetingId: 'CG1',
      requestId: requestIdOf(form),
      heldOn: '2027-02-05',
      ...values,
      'attendance-M1': 'attended',
      'attendance-M4': 'absent',
      chair: 'M1',
      noteTaker: 'M2',
      childViewsRecorded: 'true',
      parentsViewsRecorded: 'false',
      parentsViewsNote: 'Parent A to be visited at home on Monday',
      membershipReviewed: 'true',
    });
    expect(sentencesOf(followUps).slice(0, 2)).toEqual(['After the core group of Fri 5 Feb 2027 for CP-3501 · Ivy', 'Recorded: the core group was held on Fri 5 Feb 2027. Record each of these as it is done.']);
    expect(sentencesOf(followUps)).toContain('Upcoming: due by Tue 9 Feb 2027 · social worker');

    const due = sentencesOf(cardIn(await ask('due CP-3501')));
    expect(due).toContain('Next core group due by Fri 19 Mar 2027');
    const audit = await bot.services.cases.queries.auditTrail(socialWorker, 'CP-3501');
    // Every entry of this test shares the fixed clock's instant, so they are counted, not ordered.
    const count = (operation: string) => audit.items.filter((entry) => entry.operation === operation).length;
    expect(['schedule-meeting', 'answer-own', 'record-meeting-held'].map(count)).toEqual([1, 2, 1]);
  });
});
