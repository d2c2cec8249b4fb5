import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, SHOTS } from './chromium.js';
import { playgroundConfigFor, type PlaygroundUser } from '../../src/demo/playground.js';

const require = createRequire(import.meta.url);
/** The Playground's own command, as `npm run playground` runs it. */
const PLAYGROUND_BIN = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

export interface Playground {
  readonly url: string;
  close(): Promise<void>;
}


async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The Microsoft 365 Agents Playground, offline, pointed at the bot's /api/messages, on a port of its own; its
 * current user is Alex Wilber (its built-in configuration) unless `as` names another of its people.
 */
export async function startPlayground(botUrl: string, as?: PlaygroundUser): Promise<Playground> {
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'playground-'));
  if (as !== undefined) writeFileSync(join(folder, '.m365agentsplayground.yml'), playgroundConfigFor(as));
  const child: ChildProcess = spawn(
    process.execPath,
    [PLAYGROUND_BIN, '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--disable-telemetry', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: folder },
  );
  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Listening on ${port}`)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Agents Playground stopped (${code}): ${output.slice(0, 500)}`)));
  });
  await listening;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}


/** The Playground's page in Chromium, its 1:1 chat with the bot open (the welcome card in), and what a test does there. */
export interface PlaygroundChat {
  readonly page: Page;
  /** The Playground's own server: its page's backend and the connector it emulates for the bot. */
  readonly playgroundUrl: string;
  /** Types a message and sends it. */
  say(text: string): Promise<void>;
  /** The newest card in the chat, as the Playground drew it. */
  lastCard(): Locator;
  /** Waits for this text on the newest card. */
  waitForText(text: string): Promise<void>;
  /** A full-page screenshot, test-results/<prefix>-<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPlaygroundChat(botUrl: string, shotPrefix: string, as?: PlaygroundUser): Promise<PlaygroundChat> {
  const playground = await startPlayground(botUrl, as);
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(8000);
  // The Playground's page is a few megabytes of script: on a shared 2-core machine its first load alone can take 8 s.
  page.setDefaultNavigationTimeout(30_000);
  await page.goto(playground.url);
  const lastCard = () => page.locator('.ac-adaptiveCard').last();
  // Opening the chat installs the bot, which welcomes with a card: wait for it, so it cannot land after a reply.
  await lastCard().getByText('Welcome to the Core group bot', { exact: true }).waitFor();
  return {
    page,
    playgroundUrl: playground.url,
    lastCard,
    say: async (text) => {
      await page.getByRole('textbox').last().click();
      await page.keyboard.type(text);
      await page.getByRole('button', { name: 'Send Message' }).click();
    },
    waitForText: (text) => lastCard().getByText(text, { exact: true }).first().waitFor(),
    shot: async (name) => void (await page.screenshot({ path: join(SHOTS, `${shotPrefix}-${name}.png`), fullPage: true })),
    close: async () => {
      await browser.close();
      await playground.close();
    },
  };
}
