import { fork } from 'node:child_process';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { z } from 'zod';
import { connectQueues, connectTables } from '../../src/store/connect.js';
import { fixedClock } from '../../src/time/clock.js';
import { startBenchBot, type BenchBot } from './benchBot.js';

/**
 * The bench bot (bench/chat/benchBot.ts) in a process of its own, as it runs in production: the people asking,
 * the stand-in connector and Azurite stay in the bench's process, so what the bot's event loop is seen to be held
 * by is the bot's own work, not the load generator's. The bench asks over IPC for a fresh event-loop histogram
 * (perf_hooks' event-loop delay, read inside the bot's process) before a run and for its figures after it, and
 * (started with queues) for a sweep, and for the process's resident set.
 */

/** The bench's requests, one at a time, each answered before the next. */
const request = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), connectionString: z.string(), tablePrefix: z.string(), today: z.string(), tenantId: z.string(), queues: z.boolean().optional() }),
  z.object({ kind: z.literal('watch') }),
  z.object({ kind: z.literal('report') }),
  z.object({ kind: z.literal('sweep') }),
  z.object({ kind: z.literal('memory') }),
  z.object({ kind: z.literal('close') }),
]);
type Request = z.infer<typeof request>;

const answer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('listening'), url: z.string() }),
  z.object({ kind: z.literal('watching') }),
  z.object({ kind: z.literal('loop'), maxMs: z.number(), p99Ms: z.number() }),
  z.object({ kind: z.literal('swept'), casesDue: z.number(), failed: z.number() }),
  z.object({ kind: z.literal('memory'), rssBytes: z.number() }),
  z.object({ kind: z.literal('closed') }),
  z.object({ kind: z.literal('failed'), error: z.string() }),
]);
type Answer = z.infer<typeof answer>;

/** How long the bot's event loop was held, from the histogram of one run. */
export interface LoopDelay {
  /** The longest the loop was held at once: no request, /healthz included, was served meanwhile. */
  readonly maxMs: number;
  readonly p99Ms: number;
}

export interface BotProcess {
  readonly url: string;
  /** Starts a fresh event-loop histogram in the bot's process. */
  watchLoop(): Promise<void>;
  /** The histogram since watchLoop, which stops it. */
  loopDelay(): Promise<LoopDelay>;
  /** One sweep in the bot's process (started with queues): the cases it found due, and those that failed. */
  sweep(): Promise<{ casesDue: number; failed: number }>;
  /** The bot's process's resident set now: process.memoryUsage().rss, read in that process. */
  rssBytes(): Promise<number>;
  close(): Promise<void>;
}

const CHILD_FLAG = '--bench-bot-process';

/**
 * Forks this module as the bot's process (with the parent's Node flags, so tsx loads it as the bench was loaded)
 * and starts the bot there on the tables the bench seeded.
 */
export async function startBotProcess(options: { connectionString: string; tablePrefix: string; today: string; tenantId: string; queues?: boolean }): Promise<BotProcess> {
  const child = fork(new URL(import.meta.url), [CHILD_FLAG], { stdio: 'inherit' });
  let exited = false;
  child.once('exit', () => void (exited = true));
  const ask = async <K extends Answer['kind']>(message: Request, expected: K): Promise<Extract<Answer, { kind: K }>> => {
    const reply = new Promise<Answer>((resolve, reject) => {
      const onMessage = (raw: unknown) => settle(() => resolve(answer.parse(raw)));
      const onExit = (code: number | null) => settle(() => reject(new Error(`the bot's process exited (code ${code}) before answering "${message.kind}"`)));
      const settle = (done: () => void) => {
        child.off('message', onMessage).off('exit', onExit);
        done();
      };
      child.on('message', onMessage).on('exit', onExit);
    });
    child.send(message);
    const got = await reply;
    if (got.kind === 'failed') throw new Error(`the bot's process failed: ${got.error}`);
    if (got.kind !== expected) throw new Error(`the bot's process answered "${got.kind}" to "${message.kind}"`);
    // Checked just above: the kind is the one asked for.
    return got as Extract<Answer, { kind: K }>;
  };
  try {
    const { url } = await ask({ kind: 'start', ...options }, 'listening');
    return {
      url,
      watchLoop: async () => void (await ask({ kind: 'watch' }, 'watching')),
      loopDelay: async () => {
        const { maxMs, p99Ms } = await ask({ kind: 'report' }, 'loop');
        return { maxMs, p99Ms };
      },
      sweep: async () => {
        const { casesDue, failed } = await ask({ kind: 'sweep' }, 'swept');
        return { casesDue, failed };
      },
      rssBytes: async () => (await ask({ kind: 'memory' }, 'memory')).rssBytes,
      close: async () => {
        if (exited) return;
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        await ask({ kind: 'close' }, 'closed');
        child.disconnect();
        await gone;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** The bot's process: answers the bench's requests in order, and leaves when the bench does. */
function serveBench(send: (message: Answer) => void): void {
  let bot: BenchBot | undefined;
  let loop: IntervalHistogram | undefined;
  const handle = async (message: Request): Promise<Answer> => {
    switch (message.kind) {
      case 'start': {
        const connection = { kind: 'connection-string', connectionString: message.connectionString } as const;
        const tables = await connectTables(connection, message.tablePrefix);
        const queues = message.queues === true ? await connectQueues(connection, message.tablePrefix) : undefined;
        bot = await startBenchBot(tables, fixedClock(message.today), message.tenantId, queues);
        return { kind: 'listening', url: bot.url };
      }
      case 'watch':
        loop?.disable();
        loop = monitorEventLoopDelay({ resolution: 1 });
        loop.enable();
        return { kind: 'watching' };
      case 'report': {
        if (loop === undefined) return { kind: 'failed', error: 'report asked before watch' };
        loop.disable();
        const figures = { kind: 'loop', maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6 } as const;
        loop = undefined;
        return figures;
      }
      case 'sweep': {
        if (bot === undefined) return { kind: 'failed', error: 'sweep asked before start' };
        const { casesDue, failed } = await bot.sweep();
        return { kind: 'swept', casesDue, failed };
      }
      case 'memory':
        return { kind: 'memory', rssBytes: process.memoryUsage().rss };
      case 'close':
        await bot?.close();
        return { kind: 'closed' };
    }
  };
  process.on('message', (raw: unknown) => {
    // A malformed request is answered as a failure like any other, not thrown out of the listener.
    Promise.resolve(raw).then((message) => handle(request.parse(message))).then(
      (reply) => send(reply),
      (error: unknown) => send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.once('disconnect', () => process.exit(0));
}

const send = process.send?.bind(process);
if (process.argv.includes(CHILD_FLAG) && send !== undefined) serveBench((message) => void send(message));
