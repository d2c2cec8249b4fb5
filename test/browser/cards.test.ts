import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTables } from '../setup/tables.js';
import { cardIn } from '../support/cards.js';
import { MEMBER, postActivity, SOCIAL_WORKER, teamsActivity, teamsMessage } from '../e2e/activities.js';
import { startFakeConnector, type FakeConnector } from '../e2e/fakeConnector.js';
import { CHAIR, seedStories, TEAM_MANAGER } from '../e2e/seedStories.js';
import { startTestBot, type TestBot } from '../e2e/testBot.js';
import { deliverySummaryCard } from '../../cards/index.js';
import { serveCardPage, type CardPage } from './cardPage.js';
import { launchChromium, SHOTS } from './chromium.js';


/**
 * What a social worker sees: the bot's real replies (from real cases in Azurite), rendered by Microsoft's
 * Adaptive Cards renderer in Chromium at chat width.
 */
describe('cards in a browser', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let cardPage: CardPage;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const tables = await testTables('browser');
    connector = await startFakeConnector();
    bot = await startTestBot({ tables });
    await seedStories(tables, bot.services);
    cardPage = await serveCardPage();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    await page.goto(cardPage.url);
  });

  afterAll(async () => {
    await browser?.close();
    await cardPage?.close();
    await bot?.close();
    await connector?.close();
  });

  async function replyCard(text: string, aadObjectId = SOCIAL_WORKER): Promise<unknown> {
    connector.reset();
    expect((await postActivity(bot.url, teamsMessage(text, { serviceUrl: connector.serviceUrl, aadObjectId }))).status).toBe(200);
    return cardIn(connector.sentMessages()[0]?.body);
  }

  /** Renders a card and returns what a person reads on it. */
  async function show(card: unknown, name: string): Promise<string> {
    const id = `card-${name}`;
    expect(await page.evaluate(([json, elementId]) => (globalThis as unknown as { renderCard(j: unknown, i: string): string[] }).renderCard(json, elementId), [card, id] as const)).toEqual([]);
    const element = page.locator(`#${id}`);
    await element.screenshot({ path: join(SHOTS, `card-${name}.png`) });
    return element.innerText();
  }

  it('the due answer shows each case, its status, date and reason, overdue first', async () => {
    const seen = await show(await replyCard('when is the next core group due?'), 'due');
    const order = ['CP-1003', 'CP-1001 · Oak', 'CP-1002 · Birch'].map((label) => seen.indexOf(label));
    expect(order.every((position, i) => position >= 0 && (i === 0 || position > order[i - 1]!))).toBe(true);
    for (const words of ['Target passed', 'Overdue', 'Upcoming', 'Next core group due by Wed 3 Feb 2027', 'Plan circulated (core group on Wed 23 Dec 2026): overdue since Mon 4 Jan 2027']) {
      expect(seen).toContain(words);
    }
  });

  it('the members card shows family by their label and role, with Remove buttons for the social worker (not on themself)', async () => {
    const seen = await show(await replyCard('members CP-1002'), 'members');
    expect(seen).toContain('Parent A\nParent or carer · M3\nNot in Teams, so the bot cannot message them. Papers: Hand delivered');
    expect(await page.locator('#card-members button', { hasText: 'Remove' }).count()).toBe(2);
    expect(await page.locator('#card-members button', { hasText: 'Add a member' }).count()).toBe(1);
    const memberView = await show(await replyCard('members CP-1002', MEMBER), 'members-as-member');
    expect(memberView).toContain('Professional · M2 · you');
    expect(await page.locator('#card-members-as-member button').count()).toBe(0);
  });

  it('the new case form has every input, labelled, and a Create button', async () => {
    await show(await replyCard('new case'), 'new-case');
    const form = page.locator('#card-new-case');
    expect(await form.locator('input, select').count()).toBeGreaterThanOrEqual(6);
    expect(await form.locator('button', { hasText: 'Create case' }).count()).toBe(1);
    const seen = await form.innerText();
    for (const label of ['Case reference', 'Neutral alias (optional)', 'Local procedure', 'Team manager']) expect(seen).toContain(label);
  });

  async function invokeCard(verb: string, data: Record<string, unknown>): Promise<unknown> {
    const activity = teamsActivity('invoke', { serviceUrl: connector.serviceUrl }, {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    });
    return ((await (await postActivity(bot.url, activity)).json()) as { value: unknown }).value;
  }

  it('what follows a core group offers "Correct this record", which opens the record form as recorded with a Reason box', async () => {
    const meeting = { caseRef: 'CP-1002', meetingId: 'CG1' };
    await show(await invokeCard('meeting.followUps', meeting), 'follow-ups');
    expect(await page.locator('#card-follow-ups button', { hasText: 'Correct this record' }).count()).toBe(1);

    const seen = await show(await invokeCard('meeting.correctForm', meeting), 'correct-record');
    expect(seen).toContain('Correct the record of the first core group held on Mon 1 Feb 2027 for CP-1002 · Birch');
    expect(seen).toContain('Why the record is being corrected');
    const form = page.locator('#card-correct-record');
    expect(await form.locator('input[type="date"]').first().inputValue()).toBe('2027-02-01');
    expect(await form.locator('textarea').last().inputValue()).toBe('');
    expect(await form.locator('button', { hasText: 'Save the correction' }).count()).toBe(1);
  });

  it('a refused submit shows the reason above the form, with the typed values still in it', async () => {
    const activity = teamsActivity('invoke', { serviceUrl: connector.serviceUrl }, {
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'case.create',
          data: { verb: 'case.create', requestId: randomUUID(), caseRef: 'CP-3001', alias: 'Ash', policyId: 'york', initialConferenceDate: '2027-02-30', teamManager: TEAM_MANAGER, chair: CHAIR },
        },
        trigger: 'manual',
      },
    });
    const body = (await (await postActivity(bot.url, activity)).json()) as { value: unknown };
    const seen = await show(body.value, 'refused');
    expect(seen).toMatch(/Initial conference date/);
    expect(await page.locator('#card-refused input').first().inputValue()).toBe('CP-3001');
  });

  it("the delivery summary shows who was reached, then each person not reached with why and how to invite them", async () => {
    const card = deliverySummaryCard({
      caseRef: 'CP-3501',
      meetingId: 'CG1',
      title: 'Invitations for CP-3501 · Yew',
      meeting: 'First core group, Fri 12 Feb 2027 at 10:00',
      reached: 'Invited and reached in Teams: Hana Visitor (Health visiting) and Ivo Nurse (School nursing).',
      unreachedHeading: 'Not reached in Teams (2): invite them another way',
      unreached: [
        { who: 'Rae Officer (Police)', why: 'Why: app not installed, and Teams refused to install it for them', route: 'Invite them by: not said' },
        { who: 'Parent A (parent or carer)', why: 'Why: family member, not in Teams', route: 'Invite them by: printed copy handed over at home visits' },
      ],
      hint: 'Record the replies they send you from the members card ("members CP-3501").',
    });
    const seen = await show(card, 'delivery-summary');
    expect(seen).toContain('Invitations for CP-3501 · Yew');
    expect(seen).toContain('Rae Officer (Police)\nWhy: app not installed, and Teams refused to install it for them\nInvite them by: not said');
    expect(seen).toContain('Parent A (parent or carer)\nWhy: family member, not in Teams\nInvite them by: printed copy handed over at home visits');
    expect(await page.locator('#card-delivery-summary button').count()).toBe(0);
  });
});
