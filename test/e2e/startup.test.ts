import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardIn, sentencesOf } from '../support/cards.js';
import { postActivity, teamsMessage } from './activities.js';
import { START_TIMEOUT_MS, startBot as start, startedUrl, TSX_START, type BotProcess } from './botProcess.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';

/** The real entry point (`npm start` = tsx bot/index.ts) as a child process, in an empty working directory. */
const startBot = (cwd: string, env: Record<string, string>) => start(TSX_START, cwd, env);

describe('start-up through bot/index.ts', { timeout: START_TIMEOUT_MS }, () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'core-group-bot-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('refuses to run anonymous on a public interface, naming BIND_HOST', async () => {
    const bot = startBot(cwd, { BIND_HOST: '0.0.0.0', PORT: '0' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('BIND_HOST=0.0.0.0 is refused');
    expect(bot.stdout()).not.toContain('"started"');
  });

  it('refuses a partial identity, naming every missing variable', async () => {
    const bot = startBot(cwd, { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: '22222222-2222-4222-8222-222222222222', PORT: '0' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('MicrosoftAppTenantId is missing');
    expect(bot.stderr()).toContain('MicrosoftAppPassword is missing');
  });

  describe('anonymous development mode', () => {
    let connector: FakeConnector;
    let bot: BotProcess;
    let url: string;

    beforeAll(async () => {
      connector = await startFakeConnector();
      bot = startBot(cwd, { PORT: '0' });
      url = await startedUrl(bot);
    }, START_TIMEOUT_MS);

    afterAll(async () => {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await connector.close();
    });

    it('warns loudly, listens on loopback and answers /healthz', async () => {
      expect(bot.stderr()).toContain('LOCAL DEVELOPMENT MODE');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    });

    it('runs a turn on embedded Azurite storage and answers from the case service', async () => {
      expect((await postActivity(url, teamsMessage('my cases', { serviceUrl: connector.serviceUrl }))).status).toBe(200);
      expect(connector.sentMessages().map((entry) => sentencesOf(cardIn(entry.body))[0])).toEqual(['Your cases']);
      expect(bot.stdout()).not.toContain('"event":"turn.error"');
    });

    it('stops cleanly on SIGTERM', async () => {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stdout()).toContain('"event":"stopped"');
    });
  });
});
