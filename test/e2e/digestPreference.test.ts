import { describe, expect, it } from 'vitest';
import { readAuditPage } from '../../src/store/audit.js';
import { snapshot } from '../setup/tables.js';
import { postActivity, TENANT, teamsMessage } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';

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
