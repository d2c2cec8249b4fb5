import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { StoreTables } from '../../src/store/connect.js';
import { testTables } from '../setup/tables.js';
import { postActivity, SOCIAL_WORKER, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { startTestBot, type TestBot, type TestBotOptions } from './testBot.js';

export interface BotOnStorage {
  readonly tables: StoreTables;
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
  const started: { tables?: StoreTables; connector?: FakeConnector; bot?: TestBot } = {};
  const fixture: BotOnStorage = {
    get tables() {
      return required(started.tables);
    },
    get connector() {
      return required(started.connector);
    },
    get bot() {
      return required(started.bot);
    },
  };
  beforeAll(async () => {
    started.tables = await testTables(name);
    started.connector = await startFakeConnector();
    started.bot = await startTestBot({ ...options, tables: started.tables });
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
