import { performance } from 'node:perf_hooks';
import { createCalendars } from '../src/calendar/index.js';
import { createPolicyRegistry } from '../src/policy/index.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectTables } from '../src/store/connect.js';
import type { LocalDate } from '../src/time/localDate.js';
import { postActivity, teamsMessage } from '../test/e2e/activities.js';
import { startFakeConnector } from '../test/e2e/fakeConnector.js';
import { startBotProcess, type BotProcess, type LoopDelay } from './chat/botProcess.js';
import { seedCaseload, type Caseload } from './chat/caseload.js';
import type { BenchResult } from './report.js';

/**
 * One long message must not hold up everyone else: 20 users each paste a 28 KB message (a question, then notes)
 * over and over while a monitor asks GET /healthz back to back. The bot runs in a process of its own, as in
 * production (bench/chat/botProcess.ts); the users, the monitor, the stand-in connector and Azurite share this
 * one, so their work is not counted as the bot's. The figure is the longest the bot's event loop was held at once
 * (perf_hooks' event-loop delay, read in the bot's process), the time for which /healthz, like every request,
 * could not be answered; the slowest /healthz is shown beside it, and includes waiting behind the other users'
 * turns in progress. The baseline is the same run with the question alone, so the ratio shows what the length
 * itself costs. With 20 users and no pause between messages the bot is kept busy throughout, so the stall is the
 * longest stretch of work that arrived at once, mostly several turns' worth, not one turn's.
 */
const TODAY = '2026-03-04' as LocalDate;
const SHAPE = { socialWorkers: 20, casesEach: 3, parallel: 16 } as const;
const MESSAGES_EACH = 15;
const TABLE_PREFIX = 'benchlong';
const GOAL_STALL_MS = 50;
const QUESTION = 'when is the next core group due?';
const LONG_MESSAGE = `${QUESTION} ${'Notes pasted from the case file, line after line. '.repeat(560)}`.slice(0, 28_000);

interface Run {
  /** The bot's event loop over the run. */
  readonly loop: LoopDelay;
  /** The slowest GET /healthz, which also waits its turn behind the 20 users' work in progress. */
  readonly slowestHealthzMs: number;
  readonly checks: number;
  readonly messages: number;
}

async function healthzStall(bot: BotProcess, connectorUrl: string, caseload: Caseload, text: string): Promise<Run> {
  await bot.watchLoop();
  let running = true;
  let slowestHealthzMs = 0;
  let checks = 0;
  const monitor = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${bot.url}/healthz`);
      await response.arrayBuffer();
      slowestHealthzMs = Math.max(slowestHealthzMs, performance.now() - started);
      checks += 1;
    }
  })();
  let messages = 0;
  await Promise.all(
    caseload.socialWorkers.map(async ({ aadObjectId }) => {
      for (let round = 0; round < MESSAGES_EACH; round += 1) {
        const response = await postActivity(bot.url, teamsMessage(text, { serviceUrl: connectorUrl, tenantId: caseload.tenantId, aadObjectId }));
        if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}`);
        messages += 1;
      }
    }),
  );
  running = false;
  await monitor;
  return { loop: await bot.loopDelay(), slowestHealthzMs, checks, messages };
}

export async function benchLongMessage(): Promise<BenchResult> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const connector = await startFakeConnector();
  let bot: BotProcess | undefined;
  try {
    const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, TABLE_PREFIX);
    const caseload = await seedCaseload(tables, { policies: createPolicyRegistry(), calendars: createCalendars() }, TODAY, SHAPE);
    bot = await startBotProcess({ connectionString: azurite.connectionString, tablePrefix: TABLE_PREFIX, today: TODAY, tenantId: caseload.tenantId });
    await healthzStall(bot, connector.serviceUrl, caseload, QUESTION);
    connector.reset();
    const baseline = await healthzStall(bot, connector.serviceUrl, caseload, QUESTION);
    connector.reset();
    const long = await healthzStall(bot, connector.serviceUrl, caseload, LONG_MESSAGE);
    const answered = connector.sentMessages().length;
    connector.reset();
    if (answered !== long.messages) throw new Error(`${long.messages} long messages sent, ${answered} answered`);
    const stallMs = long.loop.maxMs;
    const line =
      `long messages: ${caseload.socialWorkers.length} users sending ${LONG_MESSAGE.length}-character messages, ${long.messages} in all, all answered, the bot in its own process: ` +
      `longest event-loop stall ${stallMs.toFixed(1)} ms (p99 ${long.loop.p99Ms.toFixed(1)} ms), slowest of ${long.checks} GET /healthz ${long.slowestHealthzMs.toFixed(0)} ms; ` +
      `the question alone (${baseline.messages} messages): stall ${baseline.loop.maxMs.toFixed(1)} ms (p99 ${baseline.loop.p99Ms.toFixed(1)} ms), slowest of ${baseline.checks} /healthz ${baseline.slowestHealthzMs.toFixed(0)} ms; ` +
      `stall ratio ${(stallMs / baseline.loop.maxMs).toFixed(2)}; goal stall < ${GOAL_STALL_MS} ms`;
    return { figures: { longMessageStallMs: { value: stallMs, unit: 'ms', goal: { kind: 'below', value: GOAL_STALL_MS }, baseline: baseline.loop.maxMs, baselineIs: 'question alone' } }, line };
  } finally {
    await bot?.close();
    await connector.close();
    await azurite.stop();
  }
}
