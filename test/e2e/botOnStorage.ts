import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { StoreTables } from '../../src/store/connect.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { fixedClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { postActivity, SOCIAL_WORKER, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { startTestBot, TODAY, type TestBot, type TestBotOptions } from './testBot.js';

export interface BotOnStorage {
  readonly tables: StoreTables;
  /** What the bot queued to send proactively (nothing drains it here: the outbox's own tests do). */
  readonly outbox: Outbox;
  readonly connector: FakeConnector;
  readonly bot: TestBot;
}

/**
 * The test bot on its own real tables with a fake connector, for one describe block: started (and `seed`ed)
 * before its tests, its replies and case queries cleared before each, closed after.
 */
export function botOnStorage(
  name: string,
  seed?: (started: BotOnStorage) => Promise<void>,
  options: Omit<TestBotOptions, 'tables'> = {},
): BotOnStorage {
  const started: { tables?: StoreTables; outbox?: Outbox; connector?: FakeConnector; bot?: TestBot } = {};
  const fixture: BotOnStorage = {
    get tables() {
      return required(started.tables);
    },
    get outbox() {
      return required(started.outbox);
    },
    get connector() {
      return required(started.connector);
    },
    get bot() {
      return required(started.bot);
    },
  };
  beforeAll(async () => {
    const { tables, queues } = await testStorage(name);
    started.tables = tables;
    started.outbox = new Outbox(tables.outbox, queues.outbox, fixedClock(TODAY));
    started.connector = await startFakeConnector();
    started.bot = await startTestBot({ outbox: started.outbox, ...options, tables });
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
