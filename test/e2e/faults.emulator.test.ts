import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTables } from '../../src/store/connect.js';
import { startAzuriteProcess, type AzuriteProcess } from '../support/azuriteProcess.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { BUDGET_MS, colleague, requestIdOn, TEAMS_GIVES_UP_MS, timed, TRY_AGAIN } from './storageFaultTurns.js';
import { startTestBot, type TestBot } from './testBot.js';

/**
 * The storage emulator itself in trouble, not a stand-in for it: Azurite run as its own process on a folder, frozen
 * with SIGSTOP (it holds every connection and answers nothing) and thawed with SIGCONT, and stopped with SIGTERM
 * and started again on the same folder and ports. Each time the person is told in time that nothing was saved,
 * /healthz keeps answering, and after recovery every change the bot answered as saved is there, and a form sent
 * again is saved once.
 */
describe('the storage emulator frozen and stopped', () => {
  let folder: string;
  let azurite: AzuriteProcess;
  let connector: FakeConnector;
  let bot: TestBot;
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'azurite-faults-'));
    [azurite, connector] = await Promise.all([startAzuriteProcess({ location: folder }), startFakeConnector()]);
    const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, `emu${randomUUID().replaceAll('-', '').slice(0, 8)}`);
    bot = await startTestBot({ tables, storageBudgetMs: BUDGET_MS });
    await tellStory(tables, bot.services, { caseRef: 'CP-6101', alias: 'Fir', policyId: 'york', icpc: '2027-01-25', socialWorker, teamManager: TEAM_MANAGER, chair: CHAIR });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await azurite?.close();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  beforeEach(() => connector.reset());

  let colleagues = 0;
  const nextColleague = () => `aaaaaaaa-0000-4000-8000-${String(800 + (colleagues += 1)).padStart(12, '0')}`;
  const addColleague = (requestId: string, aadObjectId: string) => invokeAnswer(bot.url, cardInvoke('member.add', colleague('CP-6101', requestId, aadObjectId), { serviceUrl: connector.serviceUrl }));
  const activeMembers = async () => (await bot.services.cases.queries.getCase(socialWorker, 'CP-6101')).members.filter((m) => m.status === 'active').map((m) => m.aadObjectId);
  const healthy = async () => {
    const response = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(TEAMS_GIVES_UP_MS) });
    return [response.status, await response.json()];
  };
  /** The add-member card action, timed: its answer's sentences and request id. */
  const timedAdd = async (requestId: string, added: string) => {
    const { value: answer, ms } = await timed(() => addColleague(requestId, added));
    return { ms, sentences: sentencesOf(answer.body.value), requestId: requestIdOn(answer.body.value) };
  };

  it('frozen: a question and a card action are answered "nothing was saved" in time, /healthz answers, and after the thaw the form sent again is saved once', async () => {
    const before = await activeMembers();
    const [requestId, added] = [randomUUID(), nextColleague()];
    azurite.freeze();
    try {
      const { value: response, ms } = await timed(() => postActivity(bot.url, teamsMessage('due', { serviceUrl: connector.serviceUrl })));
      expect([response.status, ms < TEAMS_GIVES_UP_MS]).toEqual([200, true]);
      expect(connector.sentMessages().map((entry) => sentencesOf(cardIn(entry.body)))).toEqual([['Not done', TRY_AGAIN, 'Nothing was changed.']]);

      const refused = await timedAdd(requestId, added);
      expect(refused.ms).toBeLessThan(TEAMS_GIVES_UP_MS);
      expect(refused.sentences).toContain(TRY_AGAIN);
      expect(refused.requestId).toBe(requestId);
      expect(await healthy()).toEqual([200, { status: 'ok' }]);
    } finally {
      azurite.thaw();
    }
    // What the frozen emulator had taken it carries out on waking: the form sent again is saved once either way.
    expect((await timedAdd(requestId, added)).sentences).toContain('Hana Visitor, Health visiting');
    expect(await activeMembers()).toEqual([...before, added]);
  });

  it('stopped and started again on its folder: what was answered as saved before is there, and the form refused meanwhile is saved once', async () => {
    const before = await activeMembers();
    const [saved, refusedMember] = [nextColleague(), nextColleague()];
    expect((await timedAdd(randomUUID(), saved)).sentences).toContain('Hana Visitor, Health visiting');

    await azurite.stop();
    const requestId = randomUUID();
    const refused = await timedAdd(requestId, refusedMember);
    expect(refused.ms).toBeLessThan(TEAMS_GIVES_UP_MS);
    expect(refused.sentences).toContain(TRY_AGAIN);
    const { value: response, ms } = await timed(() => postActivity(bot.url, teamsMessage('due', { serviceUrl: connector.serviceUrl })));
    expect([response.status, ms < TEAMS_GIVES_UP_MS]).toEqual([200, true]);
    expect(connector.sentMessages().map((entry) => sentencesOf(cardIn(entry.body)))).toEqual([['Not done', TRY_AGAIN, 'Nothing was changed.']]);
    expect(await healthy()).toEqual([200, { status: 'ok' }]);

    await azurite.start();
    expect(await activeMembers()).toEqual([...before, saved]);
    expect((await timedAdd(requestId, refusedMember)).sentences).toContain('Hana Visitor, Health visiting');
    expect(await activeMembers()).toEqual([...before, saved, refusedMember]);
  });
});
