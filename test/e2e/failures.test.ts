import { describe, expect, it } from 'vitest';
import { snapshot } from '../setup/tables.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, cardSubmit, invokeAnswer, postActivity, SOCIAL_WORKER, TENANT, teamsActivity, teamsMessage } from './activities.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { botOnStorage } from './botOnStorage.js';

const refused = (reason: string) => ['Not done', reason, 'Nothing was changed.'];

/**
 * A card that is broken, stale or forged is still answered, in words, with a card in place of the one pressed
 * (Teams shows nothing useful for an empty 501 or a 500), and nothing is written.
 */
describe('every failure answers the person', () => {
  const env = botOnStorage('fail', async ({ bot, tables }) => {
    await tellStory(tables, bot.services, { caseRef: 'CP-5001', policyId: 'york', icpc: '2027-01-25', socialWorker: { tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, teamManager: TEAM_MANAGER, chair: CHAIR });
  });

  async function pressed(verb: string, data: Record<string, unknown>): Promise<string[]> {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl }));
    expect([status, body.statusCode, body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
    return sentencesOf(body.value);
  }

  it('a submit that does not say which case is refused on a card, pressed or submitted', async () => {
    const before = await snapshot(env.tables, 'cases');
    const add = { requestId: crypto.randomUUID(), aadObjectId: '', displayName: 'X', email: 'x@example.org', role: 'professional', agency: 'School', contactRoute: 'Email' };
    expect(await pressed('member.add', add)).toEqual(refused('The card did not say which case'));
    expect(await pressed('member.add', { ...add, caseRef: 42 })).toEqual(refused('The card did not say which case'));
    expect(await pressed('member.addForm', {})).toEqual(refused('The card did not say which case'));

    expect((await postActivity(env.bot.url, cardSubmit('member.add', add, { serviceUrl: env.connector.serviceUrl }))).status).toBe(200);
    expect(sentencesOf(cardIn(env.connector.sentMessages()[0]?.body))).toEqual(refused('The card did not say which case'));
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('a Remove with nothing but its verb, for no such member, or for the social worker, is refused on a card', async () => {
    const before = await snapshot(env.tables, 'cases');
    for (const verb of ['member.removeForm', 'member.remove']) {
      expect(await pressed(verb, {})).toEqual(refused('The card did not say which case'));
      expect(await pressed(verb, { caseRef: 'CP-5001' })).toEqual(refused('The card did not say which member'));
      expect(await pressed(verb, { caseRef: 'CP-5001', memberId: 'M7' })).toEqual(refused('M7 is not a current member of the core group for CP-5001.'));
      expect(await pressed(verb, { caseRef: 'CP-5001', memberId: 'M1', reason: 'replaced', requestId: crypto.randomUUID() })).toEqual(
        refused('The social worker leads the core group and cannot be removed from it.'),
      );
    }
    expect(await pressed('members.show', {})).toEqual(refused('The card did not say which case'));
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('a Reschedule or Cancel with nothing but its verb, for no such meeting, or with no request id, is refused on a card', async () => {
    const before = await snapshot(env.tables, 'cases');
    for (const verb of ['meeting.rescheduleForm', 'meeting.reschedule', 'meeting.cancel']) {
      expect(await pressed(verb, {})).toEqual(refused('The card did not say which case'));
      expect(await pressed(verb, { caseRef: 'CP-5001' })).toEqual(refused('The card did not say which meeting'));
    }
    expect(await pressed('meeting.rescheduleForm', { caseRef: 'CP-5001', meetingId: 'CG7' })).toEqual(refused('There is no meeting CG7 on case CP-5001.'));
    expect(await pressed('meeting.cancel', { caseRef: 'CP-5001', meetingId: 'CG7', requestId: crypto.randomUUID() })).toEqual(refused('There is no meeting CG7 on case CP-5001.'));
    expect(await pressed('meeting.cancel', { caseRef: 'CP-5001', meetingId: 'CG7' })).toEqual(refused('This form has expired: open a new one'));
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('card data that is not an object, an unknown verb and a malformed action are answered', async () => {
    const invoke = (value: unknown) => teamsActivity('invoke', { serviceUrl: env.connector.serviceUrl }, { from: { id: `29:${SOCIAL_WORKER}`, aadObjectId: SOCIAL_WORKER }, name: 'adaptiveCard/action', value });
    const answers = [];
    for (const value of [
      { action: { type: 'Action.Execute', verb: 'member.remove', data: 'M1' } },
      { action: { type: 'Action.Execute', verb: 'case.retiredVerb', data: {} } },
      { action: { type: 'Action.Submit', verb: 'member.add' } },
      {},
    ]) {
      const { status, body } = await invokeAnswer(env.bot.url, invoke(value));
      answers.push([status, body.type, sentencesOf(body.value)]);
    }
    const card = 'application/vnd.microsoft.card.adaptive';
    expect(answers).toEqual([
      [200, card, refused('This card could not be read: open a new one.')],
      [200, card, ['Not done', 'That button no longer does anything.', 'Nothing was changed. Type "help" to see what I can do.']],
      // No Action.Execute: the sender's card is broken, not our side (found by fuzzing: these were faults, logged as errors).
      [200, card, refused('This card could not be read: open a new one.')],
      [200, card, refused('This card could not be read: open a new one.')],
    ]);
  });

  it('a message whose value is null is answered as a message with no text, not as a fault (found by fuzzing)', async () => {
    const message = teamsActivity('message', { serviceUrl: env.connector.serviceUrl }, { value: null });
    expect((await postActivity(env.bot.url, message)).status).toBe(200);
    const replies = env.connector.sentMessages();
    expect(replies.map((reply) => [reply.body.text, sentencesOf(cardIn(reply.body))[0]])).toEqual([
      ['Sorry, I did not understand that. You can ask "when is the next core group due?" or use a command:', 'Core group bot'],
    ]);
  });

  it('a field sent as null is read as left out, not as a fault (found by fuzzing)', async () => {
    for (const field of ['entities', 'text', 'replyToId', 'locale']) {
      env.connector.reset();
      const message = { ...teamsMessage('the weather in Leeds', { serviceUrl: env.connector.serviceUrl }), [field]: null };
      expect([field, (await postActivity(env.bot.url, message)).status]).toEqual([field, 200]);
      // The catch-all's help, not "Sorry, something went wrong".
      const replies = env.connector.sentMessages().map((reply) => sentencesOf(cardIn(reply.body))[0]);
      expect([field, replies]).toEqual([field, ['Core group bot']]);
    }
  });

  it('an activity whose fields have the wrong types is refused with 400 saying which, before any turn runs', async () => {
    const cases = [
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), text: 42 }, 'text: Expected string, received number'],
      [teamsMessage('due', { serviceUrl: 42 as unknown as string }), 'serviceUrl: Expected string, received number'],
      [teamsMessage('due', { serviceUrl: 'not a url' }), 'serviceUrl: Invalid url'],
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), from: 'me' }, 'from: Expected object, received string'],
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), entities: {} }, 'entities: Expected array, received object'],
      // What teams-ai keys a turn's state on (found by fuzzing: each failed the turn, logged as an error).
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), conversation: undefined }, 'conversation: Required'],
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), from: { aadObjectId: SOCIAL_WORKER } }, 'from.id: Required'],
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), recipient: { id: '' } }, 'recipient.id: String must contain at least 1 character(s)'],
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), channelId: undefined }, 'channelId: Required'],
      [{ ...teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), serviceUrl: undefined }, 'serviceUrl: Required'],
    ] as const;
    for (const [activity, problem] of cases) {
      const response = await postActivity(env.bot.url, activity);
      expect([response.status, await response.json()]).toEqual([400, { error: `the body is not a Bot Framework activity (${problem})` }]);
    }
    expect(env.connector.hits()).toBe(0);
  });
});
