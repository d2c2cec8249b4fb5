import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectTables, type StoreTables } from '../../src/store/connect.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { startStorageProxy, type StorageProxy } from '../support/storageProxy.js';
import { cardInvoke, invokeAnswer, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { BUDGET_MS, colleague, requestIdOn, timed, TEAMS_GIVES_UP_MS, TRY_AGAIN } from './storageFaultTurns.js';
import { startTestBot, type TestBot } from './testBot.js';

/**
 * Storage that hangs, saves without answering, or is down: the person is told in time that nothing was saved,
 * no typing indicator runs on, and trying again (the same form, the same request id) saves exactly once.
 */
describe('storage faults during a turn', () => {
  let proxy: StorageProxy;
  let tables: StoreTables;
  let connector: FakeConnector;
  let bot: TestBot;
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const prefix = `faults${randomUUID().replaceAll('-', '').slice(0, 8)}`;

  beforeAll(async () => {
    proxy = await startStorageProxy(inject('azuriteConnectionString'));
    tables = await connectTables({ kind: 'connection-string', connectionString: proxy.connectionString }, prefix);
    connector = await startFakeConnector();
    bot = await startTestBot({ tables, storageBudgetMs: BUDGET_MS });
    await tellStory(tables, bot.services, { caseRef: 'CP-6001', alias: 'Yew', policyId: 'york', icpc: '2027-01-25', socialWorker, teamManager: TEAM_MANAGER, chair: CHAIR });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await proxy?.close();
  });

  beforeEach(async () => {
    await proxy.restart();
    connector.reset();
  });

  let colleagues = 0;
  /** A different colleague each time, so each test stands alone. */
  const nextColleague = () => `aaaaaaaa-0000-4000-8000-${String(700 + (colleagues += 1)).padStart(12, '0')}`;
  const addColleague = (requestId: string, aadObjectId: string) => invokeAnswer(bot.url, cardInvoke('member.add', colleague('CP-6001', requestId, aadObjectId), { serviceUrl: connector.serviceUrl }));
  /** Who is on the case now, by Entra id, and under how many member ids. */
  const activeMembers = async () => (await bot.services.cases.queries.getCase(socialWorker, 'CP-6001')).members.filter((m) => m.status === 'active').map((m) => m.aadObjectId);
  const typing = () => connector.received.filter((entry) => entry.body.type === 'typing');

  for (const fault of ['hangs', 'is down'] as const) {
    it(`a question while storage ${fault} is answered "nothing was saved, try again" in time, with no typing indicator`, async () => {
      if (fault === 'hangs') proxy.hang();
      else await proxy.stop();
      const { value: response, ms } = await timed(() => postActivity(bot.url, teamsMessage('due', { serviceUrl: connector.serviceUrl })));
      expect(response.status).toBe(200);
      expect(ms).toBeLessThan(TEAMS_GIVES_UP_MS);
      expect(connector.sentMessages().map((entry) => sentencesOf(cardIn(entry.body)))).toEqual([['Not done', TRY_AGAIN, 'Nothing was changed.']]);
      expect(typing()).toEqual([]);
    });

    it(`a card action while storage ${fault} gets its form back saying so, in time; the same form sent again saves once`, async () => {
      const [requestId, added] = [randomUUID(), nextColleague()];
      const before = await activeMembers();
      if (fault === 'hangs') proxy.hang();
      else await proxy.stop();
      const { value: answer, ms } = await timed(() => addColleague(requestId, added));
      expect(ms).toBeLessThan(TEAMS_GIVES_UP_MS);
      expect([answer.status, answer.body.statusCode, answer.body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
      expect(sentencesOf(answer.body.value)).toContain(TRY_AGAIN);
      expect(requestIdOn(answer.body.value)).toBe(requestId);

      if (fault === 'hangs') proxy.pass();
      else await proxy.restart();
      expect(await activeMembers()).toEqual(before);
      expect(sentencesOf((await addColleague(requestId, added)).body.value)).toContain('Hana Visitor, Health visiting');
      expect(await activeMembers()).toEqual([...before, added]);
    });
  }

  it('a change saved whose answer never came back: "try again" on the same form replays it, and it is saved once', async () => {
    const [requestId, added] = [randomUUID(), nextColleague()];
    const before = await bot.services.cases.queries.getCase(socialWorker, 'CP-6001');
    const present = await activeMembers();
    // The case's transaction reaches storage and is committed; its answer is lost.
    proxy.dropAnswers(/^POST \/devstoreaccount1\/\$batch /);
    const { value: answer, ms } = await timed(() => addColleague(requestId, added));
    expect(ms).toBeLessThan(TEAMS_GIVES_UP_MS);
    expect(sentencesOf(answer.body.value)).toContain(TRY_AGAIN);
    const resent = requestIdOn(answer.body.value);
    expect(resent).toBe(requestId);

    proxy.pass();
    expect((await bot.services.cases.queries.getCase(socialWorker, 'CP-6001')).version).toBe(before.version + 1);
    expect(await activeMembers()).toEqual([...present, added]);
    expect(sentencesOf((await addColleague(resent!, added)).body.value)).toContain('Hana Visitor, Health visiting');
    expect((await bot.services.cases.queries.getCase(socialWorker, 'CP-6001')).version).toBe(before.version + 1);
    expect(await activeMembers()).toEqual([...present, added]);
  });
});
