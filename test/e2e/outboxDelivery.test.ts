import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import type { ConversationRefStore } from '../../bot/notify/conversationRefs.js';
import { createDelivery, type Delivery } from '../../bot/notify/delivery.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { outboxAddress, outboxKey, type OutboxRequest } from '../../src/delivery/outboxItem.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { systemClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { startTestBot, type TestBot } from './testBot.js';

/** The outbox's sends as the connector sees them: a card posted into the 1:1 chat, updated in place, or refused. */
describe('delivery through the outbox to the Teams connector', () => {
  let refs: ConversationRefStore;
  let connector: FakeConnector;
  let bot: TestBot;
  let delivery: Delivery;

  const notice = (message: string): OutboxRequest => ({
    key: { tenantId: TENANT, caseRef: 'CP-1042', subject: 'CG2', kind: 'reminder', recipientId: MEMBER, date: '2026-12-14' },
    card: { name: 'notice', data: { title: 'CP-1042: core group on Mon 14 Dec 2026', message, hint: '' } },
    tellId: SOCIAL_WORKER,
  });
  const row = () => delivery.outbox.get(outboxAddress(outboxKey.parse(notice('').key)));
  const cardText = (body: Record<string, unknown>) => JSON.stringify(body.attachments);

  beforeAll(async () => {
    const { tables, queues } = await testStorage('outboxe2e');
    refs = tableRefStore(new ConversationRefs(tables.conversationRefs, systemClock));
    connector = await startFakeConnector();
    bot = await startTestBot({ tables, refs });
    delivery = createDelivery({
      tables,
      queues,
      clock: systemClock,
      proactive: { adapter: bot.adapter, botAppId: '', refs, log: silentLogger },
      log: silentLogger,
      options: { visibilityTimeoutSeconds: 1, claimSeconds: 2 },
    });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
  });

  beforeEach(async () => {
    connector.reset();
    for (const person of [MEMBER, SOCIAL_WORKER]) {
      await refs.upsert({ tenantId: TENANT, aadObjectId: person, serviceUrl: connector.serviceUrl, conversationId: `a:chat-${person}` });
    }
  });

  it('posts the card into the person\'s 1:1 chat, then updates that same card when the payload is revised', async () => {
    await delivery.outbox.enqueue(notice('Room 4, 10:00.'));
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, sent: 1 });
    expect(connector.received.map(({ kind, conversationId }) => [kind, conversationId])).toEqual([['send', `a:chat-${MEMBER}`]]);
    expect(cardText(connector.received[0]?.body ?? {})).toContain('Room 4, 10:00.');
    expect(await row()).toMatchObject({ state: 'sent', posted: { conversationId: `a:chat-${MEMBER}`, activityId: 'activity-1' } });

    expect(await delivery.outbox.enqueue(notice('Moved to Room 7, 10:00.'))).toBe('revised');
    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, sent: 1 });
    expect(connector.received.slice(1).map(({ kind, conversationId, activityId }) => [kind, conversationId, activityId])).toEqual([['update', `a:chat-${MEMBER}`, 'activity-1']]);
    expect(cardText(connector.received[1]?.body ?? {})).toContain('Moved to Room 7, 10:00.');
  });

  it('on a 403 marks the row unreachable, forgets the dead chat and tells the social worker once', async () => {
    const request = { ...notice('Room 4.'), key: { ...notice('').key, kind: 'cancellation' } };
    await delivery.outbox.enqueue(request);
    connector.script({ status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } });

    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, unreachable: 1 });

    expect(await delivery.outbox.get(outboxAddress(outboxKey.parse(request.key)))).toMatchObject({ state: 'unreachable', reason: 'forbidden' });
    expect(await refs.get(TENANT, MEMBER)).toEqual({ tenantId: TENANT, aadObjectId: MEMBER, serviceUrl: connector.serviceUrl });
    const told = connector.sentMessages();
    expect(told.map(({ conversationId }) => conversationId)).toEqual([`a:chat-${SOCIAL_WORKER}`]);
    expect(cardText(told[0]?.body ?? {})).toContain('CP-1042: cancellation not delivered');
    expect(cardText(told[0]?.body ?? {})).toContain('could not reach a member in Teams: they have blocked the bot in Teams, or it is turned off for them.');
  });

  it("tells nobody directly of an invitation that did not arrive: the meeting's delivery summary names them", async () => {
    const request = { ...notice('Room 4.'), key: { ...notice('').key, kind: 'invitation', subject: 'CG9' } };
    await delivery.outbox.enqueue(request);
    connector.script({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'gone' } } });

    expect(await delivery.dispatcher.drain()).toMatchObject({ received: 1, unreachable: 1 });

    expect(await delivery.outbox.get(outboxAddress(outboxKey.parse(request.key)))).toMatchObject({ state: 'unreachable', reason: 'not-found' });
    expect(connector.sentMessages()).toEqual([]);
  });
});
