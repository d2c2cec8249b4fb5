import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardIn, sentencesOf } from '../support/cards.js';
import { postActivity, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';

/**
 * The real entry point (`npm start` = tsx bot/index.ts) as a child process, in an empty working directory and
 * with only the variables each test gives it, so a developer's .env or shell cannot leak in.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const ENTRY = join(ROOT, 'bot/index.ts');

interface Started {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function startBot(cwd: string, env: Record<string, string>): Started {
  const child = spawn(TSX, [ENTRY], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** A process start compiles and imports the whole bot: seconds alone, far longer on a shared, loaded 2-core machine. */
const START_TIMEOUT_MS = 60_000;

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
    let bot: Started;
    let url: string;

    beforeAll(async () => {
      connector = await startFakeConnector();
      bot = startBot(cwd, { PORT: '0' });
      url = await waitFor(() => /"event":"started","url":"([^"]+)"/.exec(bot.stdout())?.[1], 'the started line', START_TIMEOUT_MS);
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
