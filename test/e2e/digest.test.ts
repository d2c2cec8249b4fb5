import { describe, expect, it } from 'vitest';
import { digestPages } from '../../bot/views/digest.js';
import { outboxAddress, outboxRowKey } from '../../src/delivery/outboxItem.js';
import { digestRequests } from '../../src/digest/index.js';
import { readAuditPage } from '../../src/store/audit.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { deps, namedCase, onDay } from '../digest/cases.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { held } from '../sweep/caseState.js';
import { snapshot } from '../setup/tables.js';
import { postActivity, TENANT, teamsMessage } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { CHAIR, OTHER_CHAIR, TEAM_MANAGER } from './seedStories.js';

const AT = '2027-02-05T12:00:00.000Z';
const DAILY = 'Your digest of what is overdue and what falls due within 5 working days on the cases you chair or manage comes daily, each working day.';
const ESCALATIONS = 'A missed core group is still told at once, whichever you choose.';
const WEEKLY = 'weekly, on the first working day of each week, with a record of timeliness over the last 12 weeks';

/** A chair chooses how often their digest comes, in their 1:1 chat, over real HTTP and storage; each change audited. */
describe('the digest preference', () => {
  const env = botOnStorage('digestpref');
  const ask = async (text: string, aadObjectId = CHAIR) => (await askOnce(env, text, aadObjectId)).text;
  const stored = async () => {
    const rows: Array<Record<string, unknown>> = [];
    for await (const row of env.tables.digestPreferences.listEntities()) if (!row.rowKey?.startsWith('~')) rows.push({ partitionKey: row.partitionKey, rowKey: row.rowKey, choice: row['choice'], updatedAt: row['updatedAt'] });
    return rows;
  };
  const audit = async () => (await readAuditPage(env.tables.digestPreferences, TENANT)).items;

  it('is daily until chosen otherwise; "digest weekly" stores and audits the choice, once however often it is said', async () => {
    expect(await ask('digest')).toBe(`${DAILY} Say "digest weekly" to have it weekly instead. ${ESCALATIONS}`);
    expect(await snapshot(env.tables, 'digestPreferences')).toEqual([]);

    expect(await ask('digest weekly')).toBe(`Done: your digest now comes ${WEEKLY}. ${ESCALATIONS}`);
    expect(await stored()).toEqual([{ partitionKey: TENANT, rowKey: CHAIR, choice: 'weekly', updatedAt: AT }]);
    const entry = { at: AT, actor: CHAIR, operation: 'digest-preference', subject: `digest ${CHAIR}` };
    expect(await audit()).toEqual([{ ...entry, before: 'daily (default)', after: 'weekly' }]);

    // Teams re-sends a message it got no answer to in time: the same answer, nothing written again.
    const before = await snapshot(env.tables, 'digestPreferences');
    expect(await ask('weekly digest')).toBe(`Your digest already comes ${WEEKLY}: nothing was changed.`);
    expect(await snapshot(env.tables, 'digestPreferences')).toEqual(before);
    expect(await ask('digest')).toBe(
      `Your digest of what is overdue and what falls due within 5 working days on the cases you chair or manage comes ${WEEKLY}. Say "digest daily" to have it daily instead. ${ESCALATIONS}`,
    );

    expect(await ask('digest daily')).toBe(`Done: your digest now comes daily, each working day. ${ESCALATIONS}`);
    expect(await stored()).toEqual([{ partitionKey: TENANT, rowKey: CHAIR, choice: 'daily', updatedAt: AT }]);
    expect((await audit()).map(({ before: from, after }) => `${from} → ${after}`).sort()).toEqual(['daily (default) → weekly', 'weekly → daily']);
  });

  it("is each person's own: another's choice is untouched, and a group chat is pointed to the 1:1 chat", async () => {
    expect(await ask('digest', TEAM_MANAGER)).toBe(`${DAILY} Say "digest weekly" to have it weekly instead. ${ESCALATIONS}`);
    const before = await snapshot(env.tables, 'digestPreferences');
    const response = await postActivity(env.bot.url, teamsMessage('digest weekly', { serviceUrl: env.connector.serviceUrl, aadObjectId: TEAM_MANAGER, conversationType: 'groupChat' }));
    expect(response.status).toBe(200);
    expect(env.connector.sentMessages().map((message) => message.body.text)).toEqual(['Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).']);
    env.connector.reset();
    expect(await snapshot(env.tables, 'digestPreferences')).toEqual(before);
  });
});

describe('a digest through the outbox', () => {
  const env = botOnStorage('digestsend');
  // Seed 000, its first core group held Fri 18 Dec 2026: on Wed 23 Dec the plan is overdue and its circulation due soon.
  const oak = (chair: string) => namedCase('CP-2001', 'Oak', { policyId: 'six-weekly-isu', icpc: '2026-12-07', meetings: [held('CG1', '2026-12-18', 'M2', 'first')] }, { tenantId: TENANT, chair });
  const queue = async (chair: string) => {
    const requests = digestRequests({ tenantId: TENANT, aadObjectId: chair, roles: ['chair'] }, [onDay(oak(chair), '2026-12-23')], parseLocalDate('2026-12-23'), 'daily', { ...deps, pages: digestPages });
    for (const request of requests) expect(await env.outbox.enqueue(request)).toBe('queued');
    await env.drain();
    return requests.map((request) => outboxAddress(outboxRowKey.parse(request.key)));
  };

  it("reaches the chair's 1:1 chat as the digest card, rendered from the stored row", async () => {
    await askOnce(env, 'hi', CHAIR);
    const [address] = await queue(CHAIR);
    const [sent, ...more] = env.connector.sentMessages();
    expect(more).toEqual([]);
    expect(sentencesOf(cardIn(sent?.body)).slice(0, 6)).toEqual([
      'Digest for Wed 23 Dec 2026',
      '2 overdue, 1 due within 5 working days, across the 1 case you chair or manage',
      'Overdue',
      'CP-2001 · Oak',
      'You chair this case',
      'Outline plan sent: overdue since Tue 8 Dec 2026',
    ]);
    expect((await env.outbox.get(address!))?.state).toBe('sent');
  });

  it('for someone the bot has never heard from, is marked unreachable, telling nobody else', async () => {
    const [address] = await queue(OTHER_CHAIR);
    expect(env.connector.sentMessages()).toEqual([]);
    expect(await env.outbox.get(address!)).toMatchObject({ state: 'unreachable', reason: 'no-service-url' });
  });
});
