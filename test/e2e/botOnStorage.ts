import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import { createDelivery, type Delivery } from '../../bot/notify/delivery.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { Wakeups, type WakeupCounts } from '../../src/delivery/wakeups.js';
import type { DeliveryCounts } from '../../src/delivery/dispatcher.js';
import type { StoreQueues, StoreTables } from '../../src/store/connect.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { postActivity, SOCIAL_WORKER, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { startTestBot, TODAY, type TestBot, type TestBotOptions } from './testBot.js';

export interface BotOnStorage {
  readonly tables: StoreTables;
  /** The outbox's queue among them: a fault test loses its messages, as a process killed after the row was written. */
  readonly queues: StoreQueues;
  /** What the bot queued to send proactively; nothing is sent until a test drains it. */
  readonly outbox: Outbox;
  readonly connector: FakeConnector;
  readonly bot: TestBot;
  /** Sends what the outbox holds through the bot's adapter, as the dispatcher of `npm start` does, until it is empty. */
  drain(): Promise<void>;
  /** One receive of the wake-ups, as `npm start` does once a minute: those due done, the rest hidden again. */
  wakeUp(): Promise<WakeupCounts>;
  /** What the dispatcher has done since the block started: sent, repeated, throttled, unreachable ... */
  deliveryCounts(): DeliveryCounts;
}

/**
 * The test bot on its own real tables with a fake connector, for one describe block: started (and `seed`ed)
 * before its tests, its replies and case queries cleared before each, closed after.
 */
/** The test bot's options, and how long the delivery waits for the connector to answer one call. */
export type BotOnStorageOptions = Omit<TestBotOptions, 'tables'> & { readonly answerWithinMs?: number };

export function botOnStorage(
  name: string,
  seed?: (started: BotOnStorage) => Promise<void>,
  options: BotOnStorageOptions = {},
): BotOnStorage {
  const started: { tables?: StoreTables; queues?: StoreQueues; delivery?: Delivery; connector?: FakeConnector; bot?: TestBot } = {};
  const fixture: BotOnStorage = {
    get tables() {
      return required(started.tables);
    },
    get queues() {
      return required(started.queues);
    },
    get outbox() {
      return required(started.delivery).outbox;
    },
    get connector() {
      return required(started.connector);
    },
    get bot() {
      return required(started.bot);
    },
    wakeUp: () => required(started.delivery).wakeUp(),
    deliveryCounts: () => required(started.delivery).dispatcher.counts(),
    async drain() {
      const { dispatcher } = required(started.delivery);
      while ((await dispatcher.drain()).received > 0);
    },
  };
  beforeAll(async () => {
    const { tables, queues } = await testStorage(name);
    started.tables = tables;
    started.queues = queues;
    const clock = options.clock ?? fixedClock(TODAY);
    const refs = options.refs ?? tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
    started.connector = await startFakeConnector();
    // The bot queues into an outbox on the same table and queue that the delivery, made with the bot's adapter, drains.
    started.bot = await startTestBot({ outbox: new Outbox(tables.outbox, queues.outbox, clock), wakeups: new Wakeups(queues.wakeups, clock), ...options, clock, refs, tables });
    // The bot's logger, if given, hears the delivery too: a test of what is logged sees every line.
    const log = options.log ?? silentLogger;
    const proactive = { adapter: started.bot.adapter, botAppId: '', refs, log };
    const { answerWithinMs } = options;
    started.delivery = createDelivery({ tables, queues, clock, proactive, log, options: { visibilityTimeoutSeconds: 1 }, ...(answerWithinMs !== undefined && { answerWithinMs }) });
    await seed?.(fixture);
  });
  afterAll(async () => {
    await started.bot?.close();
    await started.connector?.close();
  });
  beforeEach(() => {
    fixture.connector.reset();
    fixture.bot.calls.length = 0;
  });
  return fixture;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('botOnStorage: used outside its describe block, before it started');
  return value;
}

/** One message in the asker's 1:1 chat, over HTTP: the one reply it gets (the connector is reset after it). */
export async function askOnce(env: BotOnStorage, text: string, aadObjectId = SOCIAL_WORKER): Promise<Record<string, unknown>> {
  const response = await postActivity(env.bot.url, teamsMessage(text, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
  expect(response.status).toBe(200);
  const replies = env.connector.sentMessages();
  expect(replies).toHaveLength(1);
  env.connector.reset();
  return replies[0]!.body;
}
