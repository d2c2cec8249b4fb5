import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { playgroundPeople } from '../../bot/actions/people.js';
import { seedDemoCases } from '../../src/demo/index.js';
import { actorOf, ALEX_WILBER, PLAYGROUND_USERS } from '../../src/demo/playground.js';
import { testTables } from '../setup/tables.js';
import { startTestBot, type TestBot } from '../e2e/testBot.js';
import { contrastRatio } from './contrast.js';
import { openPlaygroundChat, type PlaygroundChat } from './playgroundPage.js';

/**
 * CP-9001 · Oak as the demo seeds it today (Fri 5 Feb 2027, src/demo/stories.ts): its one core group was
 * Fri 27 Nov 2026, ten weeks ago, so the next (6 weeks on) is overdue, with the plan's circulation and the chair's
 * "hold it within 5 working days".
 */
const OAK = [
  'CP-9001 · Oak',
  'Overdue',
  'Next core group due by Fri 8 Jan 2027',
  "6 weeks after the core group on 27 Nov 2026 (six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not')",
  'Plan circulated (core group on Fri 27 Nov 2026): overdue since Fri 4 Dec 2026',
  'Missed core group: hold it now: overdue since Fri 15 Jan 2027',
];

describe('asking the demo cases in the Agents Playground', () => {
  let bot: TestBot;
  let chat: PlaygroundChat;

  beforeAll(async () => {
    const tables = await testTables('pgQuestions');
    bot = await startTestBot({ tables, allowedTenantIds: 'any', people: playgroundPeople(PLAYGROUND_USERS) });
    await seedDemoCases({ tables, policies: bot.services.policies, calendars: bot.services.calendars, today: bot.services.clock.today() });
    chat = await openPlaygroundChat(bot.url, 'questions');
  });

  afterAll(async () => {
    await chat?.close();
    await bot?.close();
  });

  /** Waits for the newest card to open with this title, then gives every line of text it shows. */
  async function cardTitled(title: string): Promise<string[]> {
    await chat.waitForText(title);
    const text = await chat.lastCard().innerText();
    return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  }

  /** Waits for this text in the chat (a plain message, not a card). */
  const messageSaying = (text: string) => chat.page.getByText(text, { exact: true }).last().waitFor();

  /** Every text on the newest card with its contrast against what it is drawn on, as Chromium rendered it. */
  async function contrasts(): Promise<Array<{ text: string; ratio: number }>> {
    const drawn = await chat.lastCard().evaluate((card: unknown) => {
      // The page's own DOM, typed as far as this reads it (the project compiles without the DOM library).
      interface Drawn {
        readonly childNodes: ArrayLike<{ readonly nodeType: number; readonly textContent: string | null }>;
        readonly parentElement: Drawn | null;
        querySelectorAll(selector: string): ArrayLike<Drawn>;
        closest(selector: string): Drawn | null;
      }
      const style = (globalThis as unknown as { getComputedStyle(element: Drawn): { color: string; backgroundColor: string } }).getComputedStyle;
      const TEXT_NODE = 3;
      const found: Array<{ text: string; colour: string; backgrounds: string[] }> = [];
      for (const element of Array.from((card as Drawn).querySelectorAll('*'))) {
        if (element.closest('button')) continue; // the Playground's own buttons
        const own = Array.from(element.childNodes).filter((node) => node.nodeType === TEXT_NODE).map((node) => node.textContent ?? '').join('').trim();
        if (own === '') continue;
        const backgrounds: string[] = [];
        for (let at: Drawn | null = element; at !== null; at = at.parentElement) backgrounds.push(style(at).backgroundColor);
        found.push({ text: own, colour: style(element).color, backgrounds });
      }
      return found;
    });
    return drawn.map(({ text, colour, backgrounds }) => ({ text, ratio: contrastRatio(colour, backgrounds) }));
  }

  it('welcomes on opening the chat, and its buttons ask for you', async () => {
    onTestFailed(async () => void (await chat.shot('failed-welcome')));
    const welcome = await cardTitled('Welcome to the Core group bot');
    expect(welcome).toEqual([
      'Welcome to the Core group bot',
      'I keep child protection core groups on their timescales: when each core group and review conference is due and why, what is overdue, and who is in each core group.',
      'Ask in your own words, or try one of these:',
      'when is the next core group due?',
      'anything overdue?',
      'my cases',
      'Case details are given only here, in our 1:1 chat, and cards show case references and aliases: never a child\'s or family\'s name. Type "help" for everything I can do.',
    ]);
    await chat.shot('1-welcome');
    await chat.lastCard().getByRole('button', { name: 'anything overdue?' }).click();
    // Willow's conference was Fri 11 Dec 2026: its second core group is a target 6 weeks on.
    expect(await cardTitled('4 overdue on 2 cases')).toEqual([
      '4 overdue on 2 cases',
      '3 past a deadline, 1 past a target date (not a breach)',
      ...OAK,
      'Members',
      'CP-9004 · Willow',
      'Target passed',
      'Next core group target date Fri 22 Jan 2027',
      "6 weeks after the initial child protection case conference on 11 Dec 2026 (ni-regional: 'The second should occur 6 weeks after the Initial Child Protection Case Conference')",
      'Members',
    ]);
    await chat.shot('2-overdue');
  });

  it("draws every text on the overdue card at 4.5:1 or more against Teams' light theme", async () => {
    const low = (await contrasts()).filter(({ ratio }) => ratio < 4.5);
    expect(low).toEqual([]);
    const statuses = (await contrasts()).filter(({ text }) => text === 'Overdue' || text === 'Target passed');
    expect(statuses.map(({ text }) => text)).toEqual(['Overdue', 'Target passed']);
  });

  it('"when is the next review conference for CP-9004?" answers with its date and reason', async () => {
    onTestFailed(async () => void (await chat.shot('failed-review')));
    await chat.say('when is the next review conference for CP-9004?');
    expect(await cardTitled('Next review conference for CP-9004')).toEqual([
      'Next review conference for CP-9004',
      'CP-9004 · Willow',
      'Upcoming',
      // Northern Ireland: the first review within 3 months of the conference on Fri 11 Dec 2026.
      'Next review conference due by Thu 11 Mar 2027',
      "3 months after the initial child protection case conference on 11 Dec 2026 (ni-regional: 'the 3 month period between the Initial Child Protection Case Conference and the first Review')",
      'Members',
      'Add a member',
      'Schedule a core group',
    ]);
    await chat.shot('3-review');
  });

  it('"next core group for Oak" answers for the case with that alias, and its Members button opens its core group', async () => {
    onTestFailed(async () => void (await chat.shot('failed-alias')));
    await chat.say('next core group for Oak');
    expect(await cardTitled('Next core group for CP-9001')).toEqual([
      'Next core group for CP-9001',
      '1 case, 1 with something overdue',
      ...OAK,
      'Members',
      'Add a member',
      'Schedule a core group',
    ]);
    await chat.shot('4-alias');
    await chat.lastCard().getByRole('button', { name: 'Members' }).click();
    expect((await cardTitled('Core group for CP-9001 · Oak')).slice(0, 2)).toEqual(['Core group for CP-9001 · Oak', '3 members, 1 not in Teams']);
    await chat.shot('5-members-button');
  });

  it('"my cases" shows each case with the asker\'s role, its team manager and its chair', async () => {
    onTestFailed(async () => void (await chat.shot('failed-cases')));
    await chat.say('my cases');
    const lines = await cardTitled('Your cases');
    expect(lines.slice(0, 2)).toEqual(['Your cases', '4 cases, 1 with something overdue, 1 past a target date']);
    expect(lines.slice(2, 11)).toEqual([...OAK, 'Your role: Social worker', 'Team manager: Megan Bowen · Chair: Adele Vance', 'Members']);
    expect(lines.filter((line) => /^CP-\d{4}/.test(line))).toEqual(['CP-9001 · Oak', 'CP-9004 · Willow', 'CP-9002 · Birch', 'CP-9003 · Rowan']);
    await chat.shot('7-my-cases');
  });

  it('a statement is answered with what happens to it, not with the due card', async () => {
    onTestFailed(async () => void (await chat.shot('failed-statement')));
    await chat.say('I held the core group for CP-9001 today');
    await messageSaying('No core group for CP-9001 is waiting to be recorded: none is scheduled on or before today. Schedule it, then record it; nothing was saved.');
    await chat.shot('6-statement');
  });

  it('"plan circulated" shows what follows the last core group, and Record there records it for that meeting', async () => {
    onTestFailed(async () => void (await chat.shot('failed-follow-ups')));
    await chat.say('plan circulated for CP-9001');
    const lines = await cardTitled('After the core group of Fri 27 Nov 2026 for CP-9001 · Oak');
    expect(lines.filter((line) => line.startsWith('Plan') || line.includes('due by') || line.startsWith('Done') || line.startsWith('Owed'))).toEqual([
      'Plan sent to the ISU',
      'Owed after the meeting; the procedure sets no timescale · social worker',
      'Done on',
      'Plan updated',
      'Done Mon 30 Nov 2026',
      'Plan circulated',
      'Overdue: due by Fri 4 Dec 2026 · social worker',
      'Done on',
    ]);
    await chat.lastCard().getByRole('button', { name: 'Record', exact: true }).last().click();
    await chat.waitForText('Recorded: Plan circulated, done Fri 5 Feb 2027.');
    const view = await bot.services.cases.queries.getCase(actorOf(ALEX_WILBER), 'CP-9001');
    expect(view.recordedEvents.filter((event) => event.kind === 'plan-circulated').map((event) => [event.date, event.follows])).toEqual([['2027-02-05', '2026-11-27']]);
    await chat.shot('8-follow-ups');
  });
});
