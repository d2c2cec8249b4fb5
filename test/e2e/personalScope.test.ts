import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CARD_ACTIONS } from '../../bot/app.js';
import { matchIntent, type IntentName } from '../../bot/commands/intents.js';
import { CaseNotFound } from '../../src/cases/errors.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, cardSubmit, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, teamsMessage, TENANT } from './activities.js';
import { CHAIR, OTHER_CHAIR, TEAM_MANAGER } from './seedStories.js';
import { botOnStorage } from './botOnStorage.js';
import { TODAY } from './testBot.js';

const PERSONAL_ONLY = ['Ask me in our 1:1 chat', 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).', 'Nothing was changed.'];

/**
 * Seed 000-004 cases hold family details: a card button pressed in a group chat or a channel, where people not on
 * the case read along, gets the 1:1 answer for every verb, by Action.Execute or Action.Submit, and changes nothing.
 */
describe('card actions answer in the 1:1 chat only', () => {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const env = botOnStorage('scope', async ({ bot, tables }) => {
    await tellStory(tables, bot.services, {
      caseRef: 'CP-3001',
      alias: 'Ash',
      policyId: 'york',
      icpc: '2027-01-25',
      socialWorker,
      teamManager: TEAM_MANAGER,
      chair: CHAIR,
      members: [{ kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Hand delivered at home visits' }],
    });
    await bot.services.cases.commands.scheduleMeeting(socialWorker, 'CP-3001', { date: '2027-02-22', time: '10:00', venue: 'Family centre', type: 'subsequent' });
  }, { staffAdmins: [SOCIAL_WORKER] });

  /** For each verb, a press that would succeed in the 1:1 chat. */
  const presses = async (): Promise<Record<string, Record<string, unknown>>> => ({
    'case.newForm': {},
    'case.create': { requestId: randomUUID(), caseRef: 'CP-3100', alias: 'Elm', policyId: 'york', initialConferenceDate: '2027-02-05', teamManager: TEAM_MANAGER, chair: CHAIR },
    // As its team manager would press them (a press's asker is the social worker here: refused in a 1:1 too, never read elsewhere).
    'case.decide': { caseRef: 'CP-3001' },
    'case.confirm': { caseRef: 'CP-3001', requestId: randomUUID() },
    'case.reject': { caseRef: 'CP-3001', requestId: randomUUID(), reason: 'created-in-error' },
    'case.handOver': { caseRef: 'CP-3001', requestId: randomUUID(), claimId: 'C1' },
    'case.rolesForm': { caseRef: 'CP-3001' },
    'case.reassignRole': { caseRef: 'CP-3001', requestId: randomUUID(), role: 'chair', to: OTHER_CHAIR },
    // As its chair would press it (the social worker may not record the decision: refused in a 1:1 too).
    'case.missedDecision': { caseRef: 'CP-3001', requestId: randomUUID(), decision: 'Hold a core group within five working days.' },
    'member.addForm': { caseRef: 'CP-3001' },
    'member.add': { requestId: randomUUID(), caseRef: 'CP-3001', aadObjectId: MEMBER, displayName: 'Hana Visitor', email: '', role: 'professional', agency: 'Health visiting', label: '', contactRoute: '' },
    'members.show': { caseRef: 'CP-3001' },
    'member.removeForm': { caseRef: 'CP-3001', memberId: 'M2' },
    'member.remove': { requestId: randomUUID(), caseRef: 'CP-3001', memberId: 'M2', reason: 'family-needs-changed' },
    'meeting.scheduleForm': { caseRef: 'CP-3001' },
    'meeting.schedule': { requestId: randomUUID(), caseRef: 'CP-3001', date: '2027-02-08', time: '10:00', venue: 'Room 1', onlineLink: '', type: 'first', chair: 'M1', noteTaker: '' },
    // CP-3001 has no meeting CG1: refused in a 1:1 too, never read elsewhere.
    'meeting.rescheduleForm': { caseRef: 'CP-3001', meetingId: 'CG1' },
    'meeting.reschedule': { requestId: randomUUID(), caseRef: 'CP-3001', meetingId: 'CG1', date: '2027-02-09', time: '10:00', venue: 'Room 1', onlineLink: '', type: 'first', chair: 'M1', noteTaker: '' },
    'meeting.cancel': { requestId: randomUUID(), caseRef: 'CP-3001', meetingId: 'CG1' },
    'meeting.invitation': { caseRef: 'CP-3001', meetingId: 'CG1' },
    'meeting.recordForm': { caseRef: 'CP-3001', meetingId: 'CG1' },
    'meeting.record': { caseRef: 'CP-3001', meetingId: 'CG1', requestId: randomUUID(), heldOn: '2027-02-01', chair: 'M1', noteTaker: 'M1', 'attendance-M1': 'attended', 'attendance-M2': 'attended' },
    'meeting.followUps': { caseRef: 'CP-3001', meetingId: 'CG1' },
    'meeting.followUp': { caseRef: 'CP-3001', meetingId: 'CG1', requestId: randomUUID(), event: 'record-distributed', 'done-record-distributed': '2027-02-05' },
    'meeting.correctForm': { caseRef: 'CP-3001', meetingId: 'CG1' },
    'meeting.correct': { caseRef: 'CP-3001', meetingId: 'CG1', requestId: randomUUID(), heldOn: '2027-02-04', reason: 'The wrong day was entered' },
    'meeting.reports': { caseRef: 'CP-3001', meetingId: 'CG1' },
    // The social worker is a staff administrator here, so the directory's verbs would succeed too.
    'staff.list': {},
    'staff.form': {},
    'staff.set': { requestId: randomUUID(), aadObjectId: MEMBER, displayName: 'Hana Visitor', roles: 'social-worker' },
    'staff.remove': { requestId: randomUUID(), aadObjectId: TEAM_MANAGER },
    // Recorded for Parent A, outside Teams, by the social worker; there is no verbal update to confirm (refused in a 1:1 too).
    'meeting.apologiesForm': { caseRef: 'CP-3001', meetingId: 'CG1', memberId: 'M2' },
    'meeting.apologies': { requestId: randomUUID(), caseRef: 'CP-3001', meetingId: 'CG1', memberId: 'M2', progressOnActions: 'Parent A has started the parenting course.' },
    'meeting.attending': { requestId: randomUUID(), caseRef: 'CP-3001', meetingId: 'CG1', memberId: 'M2' },
    'meeting.confirmVerbal': { caseRef: 'CP-3001', meetingId: 'CG1', memberId: 'M2' },
  });

  it('covers every verb the bot handles', async () => {
    expect(Object.keys(await presses()).sort()).toEqual(CARD_ACTIONS.map(([verb]) => verb).sort());
  });

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`in a ${conversationType}, every verb pressed by Action.Execute gets the 1:1 answer and nothing is read or changed`, async () => {
      const before = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3001');
      const all = await presses();
      env.bot.calls.length = 0;
      for (const [verb, data] of Object.entries(all)) {
        const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, conversationType }));
        expect([verb, status, body.statusCode, body.type]).toEqual([verb, 200, 200, 'application/vnd.microsoft.card.adaptive']);
        expect([verb, sentencesOf(body.value)]).toEqual([verb, PERSONAL_ONLY]);
      }
      expect(env.connector.sentMessages()).toEqual([]);
      expect(env.bot.calls.filter((call) => call.method.startsWith('cases.'))).toEqual([]);
      const after = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3001');
      expect([after.version, after.members.map((m) => [m.memberId, m.status])]).toEqual([before.version, [['M1', 'active'], ['M2', 'active']]]);
      await expect(env.bot.services.cases.queries.getCase(socialWorker, 'CP-3100')).rejects.toBeInstanceOf(CaseNotFound);
    });

    it(`in a ${conversationType}, every verb pressed by Action.Submit gets the 1:1 answer there and nothing is read or changed`, async () => {
      const before = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3001');
      const all = await presses();
      env.bot.calls.length = 0;
      for (const [verb, data] of Object.entries(all)) {
        env.connector.reset();
        expect((await postActivity(env.bot.url, cardSubmit(verb, data, { serviceUrl: env.connector.serviceUrl, conversationType }))).status).toBe(200);
        const replies = env.connector.sentMessages();
        expect([verb, replies.map((reply) => reply.conversationId)]).toEqual([verb, ['19:group@thread.v2']]);
        expect([verb, sentencesOf(cardIn(replies[0]?.body))]).toEqual([verb, PERSONAL_ONLY]);
      }
      expect(env.bot.calls.filter((call) => call.method.startsWith('cases.'))).toEqual([]);
      expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3001')).version).toBe(before.version);
      await expect(env.bot.services.cases.queries.getCase(socialWorker, 'CP-3100')).rejects.toBeInstanceOf(CaseNotFound);
    });
  }

  /**
   * A message for every intent the bot routes a message by (COMMAND_ROUTES in bot/app.ts is keyed by IntentName, so
   * a new intent does not type-check until it is here), each about CP-3001 where it takes a case.
   */
  const SAYINGS: { readonly [intent in IntentName]: string } = {
    due: 'due CP-3001',
    review: 'review CP-3001',
    overdue: 'overdue',
    cases: 'cases',
    members: 'members CP-3001',
    'new-case': 'new case',
    schedule: 'schedule CP-3001',
    reports: 'reports CP-3001',
    staff: 'staff',
    digest: 'digest weekly',
    'record-held': 'I held the core group for CP-3001 today',
    apologies: 'send my apologies for CP-3001',
    'record-event': 'plan circulated for CP-3001',
    help: 'help',
    greeting: 'hello',
    unknown: 'what colour is the sky',
  };
  /** What carries no case information: answered wherever it is asked, with no case read. */
  const GROUP_SAFE: readonly IntentName[] = ['help', 'greeting', 'unknown'];
  const sayings = Object.entries(SAYINGS) as Array<[IntentName, string]>;

  it('each saying is read as its intent', () => {
    expect(sayings.map(([intent, text]) => [intent, matchIntent(text, TODAY).intent])).toEqual(sayings.map(([intent]) => [intent, intent]));
  });

  /** The replies to one message, by the conversation they went to and their text (a card's first sentences). */
  const say = async (text: string, conversationType: 'personal' | 'groupChat' | 'channel') => {
    env.connector.reset();
    expect((await postActivity(env.bot.url, teamsMessage(text, { serviceUrl: env.connector.serviceUrl, conversationType }))).status).toBe(200);
    return env.connector.sentMessages().map((reply) => [reply.conversationId, typeof reply.body.text === 'string' && reply.body.text !== '' ? reply.body.text : sentencesOf(cardIn(reply.body)).slice(0, 2).join(' ')]);
  };

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`in a ${conversationType}, every message about cases gets the 1:1 answer and nothing is read or changed; help, a greeting and the unknown read no case`, async () => {
      const before = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3001');
      const digestBefore = await env.bot.services.digestPreferences.choiceOf(socialWorker);
      env.bot.calls.length = 0;
      for (const [intent, text] of sayings) {
        const replies = await say(text, conversationType);
        if (GROUP_SAFE.includes(intent)) {
          expect([intent, replies.length, replies[0]?.[0]]).toEqual([intent, 1, '19:group@thread.v2']);
          for (const secret of [PERSONAL_ONLY[1], 'CP-3001', 'Ash', 'Parent A']) expect([intent, JSON.stringify(replies).includes(secret ?? '')]).toEqual([intent, false]);
        } else {
          expect([intent, replies]).toEqual([intent, [['19:group@thread.v2', PERSONAL_ONLY[1]]]]);
        }
      }
      expect(env.bot.calls).toEqual([]);
      expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-3001')).version).toBe(before.version);
      expect(await env.bot.services.digestPreferences.choiceOf(socialWorker)).toEqual(digestBefore);
    });
  }

  it('in the 1:1 chat, the same messages are answered (so the refusals above are of real questions)', async () => {
    for (const [intent, text] of sayings) {
      const replies = await say(text, 'personal');
      expect([intent, replies.length > 0, replies.some(([, said]) => said === PERSONAL_ONLY[1])]).toEqual([intent, true, false]);
    }
  });

  it('member.add in a channel shows no names, agencies, labels or routes', async () => {
    const data = (await presses())['member.add']!;
    const { body } = await invokeAnswer(env.bot.url, cardInvoke('member.add', data, { serviceUrl: env.connector.serviceUrl, conversationType: 'channel' }));
    const shown = JSON.stringify(body);
    for (const detail of ['Hana Visitor', 'Health visiting', 'Sam Worker', 'Parent', 'Hand delivered', 'CP-3001']) expect(shown).not.toContain(detail);
  });

  it("the help card's New case in the 1:1 chat still opens the form", async () => {
    const { body } = await invokeAnswer(env.bot.url, cardInvoke('case.newForm', {}, { serviceUrl: env.connector.serviceUrl }));
    expect(sentencesOf(body.value)[0]).toBe('New core group case');
  });
});
