import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { playgroundPeople } from '../../bot/actions/people.js';
import { silentLogger } from '../../bot/log.js';
import { createDelivery } from '../../bot/notify/delivery.js';
import { createSweep } from '../../bot/notify/sweep.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { seedDemoCases, seedDemoStaff } from '../../src/demo/index.js';
import { MEGAN_BOWEN, PLAYGROUND_USERS } from '../../src/demo/playground.js';
import { Outbox } from '../../src/delivery/outbox.js';
import type { StoreTables } from '../../src/store/connect.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { testStorage } from '../setup/tables.js';
import { travelClock } from '../support/travelClock.js';
import { startTestBot, TODAY, type TestBot } from '../e2e/testBot.js';
import { openPlaygroundChat, type PlaygroundChat } from './playgroundPage.js';
import { SHOTS } from './chromium.js';

/**
 * Issue 10's "done when": the demo cases, on a working-day morning (Fri 5 Feb 2027), produce their reminders and
 * nudges for the social worker at 08:00 and the team manager's digest at 08:30, in the Agents Playground's pages.
 */
describe('the morning sweep in the Agents Playground', () => {
  const clock = travelClock(TODAY, '07:00');
  let tables: StoreTables;
  let bot: TestBot;
  let alex: PlaygroundChat;
  let megan: PlaygroundChat;
  const dispatching = new AbortController();
  let dispatcher: Promise<void> | undefined;

  beforeAll(async () => {
    const storage = await testStorage('pgSweep');
    tables = storage.tables;
    const refs = tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
    bot = await startTestBot({ tables, allowedTenantIds: 'any', people: playgroundPeople(PLAYGROUND_USERS), outbox: new Outbox(tables.outbox, storage.queues.outbox, clock), refs, clock });
    const delivery = createDelivery({ tables, queues: storage.queues, clock, proactive: { adapter: bot.adapter, botAppId: '', refs, log: silentLogger }, log: silentLogger });
    dispatcher = delivery.dispatcher.run(dispatching.signal, 100);
    await seedDemoStaff({ tables, today: clock.today() });
    await seedDemoCases({ tables, policies: bot.services.policies, calendars: bot.services.calendars, today: clock.today() });
    // Opening each page installs the bot for its person, so the bot knows their chats.
    alex = await openPlaygroundChat(bot.url, 'sweep-alex');
    megan = await openPlaygroundChat(bot.url, 'sweep-megan', MEGAN_BOWEN);
  });

  afterAll(async () => {
    dispatching.abort();
    await dispatcher;
    await megan?.close();
    await alex?.close();
    await bot?.close();
  });

  const sweep = () => createSweep({ services: bot.services, tables, log: silentLogger })(new AbortController().signal);
  /** The first line of each card in the chat, once it holds `count` cards (the dispatcher sends in its own order). */
  async function cardTitles(chat: PlaygroundChat, count: number): Promise<string[]> {
    const cards = chat.page.locator('.ac-adaptiveCard');
    await cards.nth(count - 1).waitFor();
    return (await cards.allInnerTexts()).map((text) => text.split('\n')[0]?.trim() ?? '');
  }

  it("sends Alex the demo cases' reminders at 08:00 and Megan her digest at 08:30", async () => {
    onTestFailed(async () => void (await alex.shot('failed')));
    onTestFailed(async () => void (await megan.shot('failed')));
    // 07:00 is before the window: nothing.
    expect(await sweep()).toMatchObject({ casesDue: 4, outsideWindow: 4, notices: 0, digestParts: 0 });
    clock.at(TODAY, '08:00');
    expect(await sweep()).toEqual({ casesDue: 4, outsideWindow: 0, notices: 7, queued: 7, alreadyQueued: 0, digestParts: 0, failed: 0 });
    const [welcome, ...reminders] = await cardTitles(alex, 5);
    expect(welcome).toBe('Welcome to the Core group bot');
    expect(reminders.sort()).toEqual([
      'Arrange the next core group for CP-9002 · Birch',
      'Missed: Core group 2 for CP-9001 · Oak',
      'Overdue: Missed core group: hold it now for CP-9001 · Oak',
      'Overdue: Plan circulated for CP-9001 · Oak',
    ]);
    await alex.shot('1-reminders');
    expect((await cardTitles(megan, 3)).slice(1).sort()).toEqual(['Missed: Core group 2 for CP-9001 · Oak', 'Overdue: Missed core group: hold it now for CP-9001 · Oak']);

    clock.at(TODAY, '08:30');
    expect(await sweep()).toMatchObject({ notices: 7, queued: 2, alreadyQueued: 7, digestParts: 2 });
    expect((await cardTitles(megan, 4))[3]).toBe('Digest for Fri 5 Feb 2027');
    const digest = (await megan.lastCard().innerText()).split('\n').map((line) => line.trim()).filter((line) => line !== '');
    expect(digest.slice(0, 4)).toEqual(['Digest for Fri 5 Feb 2027', '4 overdue, 1 due within 5 working days, across the 4 cases you chair or manage', 'Overdue', 'CP-9001 · Oak']);
    expect(digest.slice(-7)).toEqual([
      'Due within 5 working days',
      'CP-9002 · Birch',
      'You manage this case',
      'Core group 3: due by Fri 12 Feb 2027',
      "1 month after the core group on 14 Jan 2027, moved back to the working day before as 14 Feb 2027 is a Sunday (york: 'at least every month for as long as the plan is needed')",
      'Social worker to arrange it: say "schedule CP-9002".',
      'Schedule a core group',
    ]);
    await megan.lastCard().screenshot({ path: join(SHOTS, 'sweep-megan-2-digest-card.png') });
    await megan.shot('1-digest');
  });
});
