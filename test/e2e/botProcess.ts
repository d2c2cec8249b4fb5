import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository, where `npm start` and `npm run build` run. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** `npm start`: tsx on the TypeScript entry point. */
export const TSX_START: readonly string[] = [join(ROOT, 'node_modules/.bin/tsx'), join(ROOT, 'bot/index.ts')];
/** `npm run start:prod`: plain node on the build's output. */
export const NODE_START: readonly string[] = [process.execPath, join(ROOT, 'dist/bot/index.js')];

/** A process start compiles or imports the whole bot: seconds alone, far longer on a shared, loaded 2-core machine. */
export const START_TIMEOUT_MS = 60_000;

export interface BotProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * The bot's entry point as a child process, in the working directory given (its data folder is .data/ there) and
 * with only the variables given, so a developer's .env or shell cannot leak in.
 */
export function startBot(command: readonly string[], cwd: string, env: Record<string, string>): BotProcess {
  const [file = '', ...args] = command;
  const child = spawn(file, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** The URL the bot says it listens on, once it has started. */
export const startedUrl = (bot: BotProcess): Promise<string> =>
  waitFor(() => /"event":"started","url":"([^"]+)"/.exec(bot.stdout())?.[1], 'the started line', START_TIMEOUT_MS);
