import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMembers } from '../../bot/actions/invitation.js';
import { silentLogger } from '../../bot/log.js';
import { createDelivery, type Delivery } from '../../bot/notify/delivery.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { createBotServices, type BotServices } from '../../bot/services.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { STRANGER, createSamsCase } from './seedStories.js';
import { startTestBot, TEST_STAFF, TODAY, type TestBot } from './testBot.js';

type Json = Record<string, unknown>;

/**
 * Invitations to a core group (seed 002's procedure, its own agendas), sent through the outbox to each member in
 * Teams and refreshed for that member alone, over real HTTP and storage with the fake connector, on Fri 5 Feb 2027.
 */
describe('inviting the core group', () => {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  let connector: FakeConnector;
  let bot: TestBot;
  let delivery: Delivery;
  let services: BotServices;

  beforeAll(async () => {
    const { tables, queues } = await testStorage('invite');
    const clock = fixedClock(TODAY);
    const refs = tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
    connector = await startFakeConnector();
    bot = await startTestBot({ tables, refs });
    delivery = createDelivery({ tables, queues, clock, proactive: { adapter: bot.adapter, botAppId: '', refs, log: silentLogger }, log: silentLogger, options: { visibilityTimeoutSeconds: 1 } });
    services = createBotServices(tables, { closureDays: [], outbox: delivery.outbox }, clock);
    for (const person of [MEMBER, SOCIAL_WORKER]) await refs.upsert({ tenantId: TENANT, aadObjectId: person, serviceUrl: connector.serviceUrl, conversationId: `a:chat-${person}` });
    const { commands } = services.cases;
    await services.staff.importEntries(TENANT, TEST_STAFF);
    await createSamsCase(commands, socialWorker, 'CP-3401', { alias: 'Yew', policyId: 'six-weekly-joint-report', initialConferenceDate: '2027-02-01' });
    await commands.addMember(socialWorker, 'CP-3401', { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3401', { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Printed copy handed over at home visits' });
    await commands.addMember(socialWorker, 'CP-3401', { kind: 'external', displayName: 'Ola School', agency: 'School', role: 'professional', contactRoute: 'Secure email' });
    await commands.scheduleMeeting(socialWorker, 'CP-3401', { date: '2027-02-12', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2' });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
  });

  /**
   * The member's client asking the card to refresh, as Teams does when they open the chat: an invoke from the
   * message the card is in, answered with the card that replaces it, in their own chat.
   */
  const refresh = async (aadObjectId: string): Promise<Json> => {
    const activity = { ...cardInvoke('meeting.invitation', { caseRef: 'CP-3401', meetingId: 'CG1' }, { serviceUrl: connector.serviceUrl, aadObjectId }), replyToId: 'activity-1' };
    const { status, body } = await invokeAnswer(bot.url, activity);
    expect([status, body.statusCode]).toEqual([200, 200]);
    return body.value as Json;
  };
  const agendaOf = (card: Json) => sentencesOf(card).filter((line) => /^\d+\\\. /.test(line));

  it('invites the member in Teams through the outbox, names who is not in Teams with how papers reach them, and sends once however often it is asked', async () => {
    expect(await inviteMembers(services, socialWorker, 'CP-3401', 'CG1')).toEqual({
      invited: ['Hana Visitor'],
      notInTeams: [
        { name: 'Parent A', route: 'Printed copy handed over at home visits' },
        { name: 'Ola School', route: 'Secure email' },
      ],
    });
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, sent: 1 });
    // Every invitation has settled: the social worker's delivery summary follows.
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, sent: 1 });
    await inviteMembers(services, socialWorker, 'CP-3401', 'CG1');
    // The same card for the same member and meeting: the row is unchanged and nothing is queued again.
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 0, sent: 0 });

    const sent = connector.sentMessages();
    expect(sent.map((message) => message.conversationId)).toEqual([`a:chat-${MEMBER}`, `a:chat-${SOCIAL_WORKER}`]);
    const card = (sent[0]?.body['attachments'] as Array<{ content: Json }>)[0]!.content;
    expect(sentencesOf(card)[0]).toBe('First core group for CP-3401 · Yew');
    expect(JSON.stringify(card)).toContain('"facts":[{"title":"When","value":"Fri 12 Feb 2027 at 10:00"},{"title":"Where","value":"Family centre"},{"title":"Chair","value":"Sam Worker"}]');
    // Numbered as Markdown would read a list, so each number is escaped to show as typed.
    expect(agendaOf(card).slice(0, 3)).toEqual(['1\\. Identification of note taker', '2\\. Introductions and apologies', '3\\. Purpose of the meeting and explanation to family members about the role of the core group']);
    expect(agendaOf(card)).toHaveLength(11);
    expect(card['refresh']).toMatchObject({ userIds: [MEMBER] });
  });

  it("refreshes for the member with their own answer once they have given it, and for nobody outside the group", async () => {
    expect(sentencesOf(await refresh(MEMBER))).not.toContain('Your answer: attending');
    await services.cases.commands.answerInvitation({ tenantId: TENANT, aadObjectId: MEMBER }, 'CP-3401', { meetingId: 'CG1', response: 'attending' });
    const answered = await refresh(MEMBER);
    expect(sentencesOf(answered)).toContain('Your answer: attending');
    expect(JSON.stringify(answered)).toContain('"verb":"meeting.apologiesForm"');
    expect(sentencesOf(await refresh(STRANGER))).toEqual(['Not found', "I can't find CP-3401 among your cases.", 'Check the reference, or type "cases" to see the cases you are on. Nothing was changed.']);
  });

  it('answers a refresh as the card replacing the one pressed, even with no message named: nothing updated behind it, no fault', async () => {
    connector.reset();
    const activity = cardInvoke('meeting.invitation', { caseRef: 'CP-3401', meetingId: 'CG1' }, { serviceUrl: connector.serviceUrl, aadObjectId: MEMBER });
    const { status, body } = await invokeAnswer(bot.url, activity);
    expect([status, body.statusCode, body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
    const card = body.value as Json;
    expect(sentencesOf(card)).toContain('Your answer: attending');
    expect(card).toHaveProperty('refresh.userIds', [MEMBER]);
    expect(connector.received).toEqual([]);
  });
});
