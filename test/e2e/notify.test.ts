import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import type { ConversationRefStore } from '../../bot/notify/conversationRefs.js';
import { sendToPerson, type ProactiveDeps } from '../../bot/notify/oneToOne.js';
import { createSender } from '../../bot/notify/sender.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock } from '../../src/time/clock.js';
import { testTables } from '../setup/tables.js';
import { FOREIGN_TENANT, MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsActivity, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { startTestBot, TODAY, type TestBot } from './testBot.js';

/**
 * What crosses the wire besides answers: conversation references in Azure Tables, the tenant
 * allow-list, and proactive 1:1 messages through the connector with their failures classified.
 */
describe('conversation capture and proactive messages', () => {
  let refs: ConversationRefStore;
  let connector: FakeConnector;
  let bot: TestBot;

  beforeAll(async () => {
    const tables = await testTables('notify');
    refs = tableRefStore(new ConversationRefs(tables.conversationRefs, fixedClock(TODAY)));
    connector = await startFakeConnector();
    bot = await startTestBot({
      tables,
      refs,
    });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
  });

  beforeEach(() => {
    connector.reset();
    bot.calls.length = 0;
  });

  /** Sends one message from the social worker in their 1:1 chat and waits for its one reply. */
  async function ask(text: string): Promise<void> {
    const response = await postActivity(bot.url, teamsMessage(text, { serviceUrl: connector.serviceUrl }));
    expect(response.status).toBe(200);
    expect(connector.sentMessages()).toHaveLength(1);
  }

  it('refuses a tenant outside the allow-list with 403, before any capture or reply', async () => {
    const stranger = 'bbbbbbbb-0000-4000-8000-000000000009';
    const response = await postActivity(bot.url, teamsMessage('my cases', { serviceUrl: connector.serviceUrl, tenantId: FOREIGN_TENANT, aadObjectId: stranger }));
    expect(response.status).toBe(403);
    expect(connector.hits()).toBe(0);
    expect(bot.calls).toEqual([]);
    expect(await refs.get(FOREIGN_TENANT, stranger)).toBeUndefined();
  });

  describe('conversation capture', () => {
    it('stores the 1:1 conversation and serviceUrl from a personal message', async () => {
      await ask('help');
      expect(await refs.get(TENANT, SOCIAL_WORKER)).toEqual({
        tenantId: TENANT,
        aadObjectId: SOCIAL_WORKER,
        serviceUrl: connector.serviceUrl,
        conversationId: `a:personal-${SOCIAL_WORKER}`,
      });
    });

    it('refreshes the serviceUrl from a group chat but keeps the 1:1 conversation id', async () => {
      await ask('help');
      const movedUrl = `${connector.serviceUrl}emea/`;
      const groupMessage = teamsMessage('help', { serviceUrl: movedUrl, conversationType: 'groupChat' });
      expect((await postActivity(bot.url, groupMessage)).status).toBe(200);
      expect(connector.sentMessages().at(-1)?.conversationId).toBe('19:group@thread.v2');
      expect(await refs.get(TENANT, SOCIAL_WORKER)).toMatchObject({ serviceUrl: movedUrl, conversationId: `a:personal-${SOCIAL_WORKER}` });
    });

    it('captures from non-message activities too (installation events alone are unreliable)', async () => {
      const member = 'cccccccc-0000-4000-8000-000000000003';
      const update = teamsActivity('conversationUpdate', { serviceUrl: connector.serviceUrl, aadObjectId: member, conversationType: 'channel', conversationId: '19:channel@thread.skype' });
      expect((await postActivity(bot.url, update)).status).toBe(200);
      expect(connector.hits()).toBe(0);
      expect(await refs.get(TENANT, member)).toEqual({ tenantId: TENANT, aadObjectId: member, serviceUrl: connector.serviceUrl });
    });
  });

  describe('proactive 1:1 messages', () => {
    const proactive = (): ProactiveDeps => ({
      adapter: bot.adapter,
      botAppId: '',
      refs,
      deliver: createSender({ policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 20 }, minIntervalMs: 0 }),
      log: silentLogger,
    });
    const reminder = { type: 'message', text: 'A core group for CP-1042 is due on Wed 11 Mar 2026.' };

    it('sends into the stored 1:1 conversation', async () => {
      await ask('help');
      connector.reset();
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, reminder, proactive());
      expect(outcome).toEqual({ status: 'sent', conversationId: `a:personal-${SOCIAL_WORKER}`, activityId: 'activity-1' });
      expect(connector.received.map((entry) => [entry.kind, entry.conversationId, entry.body.text])).toEqual([['send', `a:personal-${SOCIAL_WORKER}`, reminder.text]]);
    });

    it('creates the 1:1 conversation through the connector when none is stored, and remembers it', async () => {
      const groupOnly = 'dddddddd-0000-4000-8000-000000000004';
      await postActivity(bot.url, teamsActivity('conversationUpdate', { serviceUrl: connector.serviceUrl, aadObjectId: groupOnly, conversationType: 'groupChat' }));
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: groupOnly }, reminder, proactive());
      expect(outcome).toMatchObject({ status: 'sent', conversationId: `a:created-${groupOnly}` });
      const [create, send] = connector.received;
      expect(create?.kind).toBe('create-conversation');
      expect(create?.body).toMatchObject({ isGroup: false, members: [{ id: groupOnly }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } });
      expect(send).toMatchObject({ kind: 'send', conversationId: `a:created-${groupOnly}` });
      expect(await refs.get(TENANT, groupOnly)).toMatchObject({ conversationId: `a:created-${groupOnly}` });
    });

    it('reports someone the bot has never heard of, with no serviceUrl to try, as unreachable', async () => {
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: MEMBER }, reminder, proactive());
      expect(outcome).toEqual({ status: 'unreachable', reason: 'no-service-url' });
      expect(connector.hits()).toBe(0);
    });

    it('reports 403 on creating the conversation as the app not installed, storing nothing (no Graph here to install it)', async () => {
      connector.script({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'not in roster' } } });
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: MEMBER }, reminder, proactive(), connector.serviceUrl);
      expect(outcome).toEqual({ status: 'unreachable', reason: 'not-installed', httpStatus: 403 });
      expect(connector.hits()).toBe(1);
      expect(await refs.get(TENANT, MEMBER)).toBeUndefined();
    });

    it('reports 403 ConversationBlockedByUser on creating the conversation as blocked, not as the app missing', async () => {
      connector.script({ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } });
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: MEMBER }, reminder, proactive(), async () => connector.serviceUrl);
      expect(outcome).toEqual({ status: 'unreachable', reason: 'forbidden', httpStatus: 403 });
    });

    it('reports 404 on sending (conversation gone) as unreachable', async () => {
      await ask('help');
      connector.reset();
      connector.script({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'gone' } } });
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, reminder, proactive());
      expect(outcome).toEqual({ status: 'unreachable', reason: 'not-found', httpStatus: 404 });
    });

    it('retries through 429s honouring Retry-After, on top of the connector client own retries', async () => {
      await ask('help');
      connector.reset();
      // The connector client retries 3 times itself; the 5th 429 reaches our second attempt, which then succeeds.
      connector.script(...Array.from({ length: 5 }, () => ({ status: 429, headers: { 'retry-after': '0' } })));
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, reminder, proactive());
      expect(outcome).toMatchObject({ status: 'sent' });
      expect(connector.hits()).toBe(6);
      expect(connector.sentMessages()).toHaveLength(1);
    });

    it('gives up after the last attempt with a retryable failure, not silence', async () => {
      await ask('help');
      connector.reset();
      connector.script(...Array.from({ length: 8 }, () => ({ status: 503, headers: { 'retry-after': '0' } })));
      const outcome = await sendToPerson({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, reminder, proactive());
      expect(outcome).toEqual({ status: 'failed', reason: 'server-error', httpStatus: 503, retryAfterMs: 0, attempts: 2 });
      expect(connector.hits()).toBe(8);
    });
  });
});
