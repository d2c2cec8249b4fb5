import { performance } from 'node:perf_hooks';
import { odata } from '@azure/data-tables';
import { createCalendars } from '../src/calendar/index.js';
import { createPolicyRegistry } from '../src/policy/index.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectTables, TABLE_NAMES, type StoreTables, type TableName } from '../src/store/connect.js';
import { entraIdKey, joinKey } from '../src/store/keys.js';
import { readAll } from '../src/store/paging.js';
import { fixedClock } from '../src/time/clock.js';
import type { LocalDate } from '../src/time/localDate.js';
import { postActivity, teamsMessage } from '../test/e2e/activities.js';
import { startFakeConnector, type FakeConnector } from '../test/e2e/fakeConnector.js';
import { startBenchBot, type BenchBot } from './chat/benchBot.js';
import { seedCaseload, type CaseMember, type SeededCase } from './chat/caseload.js';
import { dueReplyProblem } from './chat/dueReply.js';
import { createTableMeter, usageBetween, type TableUsage } from './chat/tableMeter.js';
import type { BenchResult } from './report.js';

/**
 * The chat answer under load: 20 social workers with 30 realistic cases each (seeded through the real case
 * service) ask "when is the next core group due?" at once, over HTTP, to the bot wired as in production; Azurite
 * runs in this process on its own thread. The time is what each asker waits, from the POST to its 200 (the bot
 * answers once its reply has reached the connector), so waiting for a turn slot counts; beside it, the cost as
 * Azure bills it: table transactions and entities read (bench/chat/tableMeter.ts). Every reply is checked to be
 * the due card listing all the asker's cases, so a broken answer cannot pass as a fast one. The client and the
 * stand-in connector share the bot's event loop, so the times include their share of it.
 *
 * The BASELINE, in the same run: the same table reads each question makes (the conversation reference, then the
 * person's "my cases" index), done bare with the table clients, as many times and as many at once, so the ratio is
 * what the bot adds to its storage, whatever the machine. Then 50 users ask at once, for the p99: the 20 and 30 of
 * the professionals on their cases (each a member of 15; seeding 50 social workers' cases would take minutes more).
 */
const QUESTION = 'when is the next core group due?';
const TODAY = '2026-03-04' as LocalDate;
const SHAPE = { socialWorkers: 20, casesEach: 30, parallel: 16 } as const;
/** Then 50 users at once: the social workers and this many of the professionals (health visitors, teachers), 15 cases each. */
const PROFESSIONALS_ASKING = 30;
const USERS = SHAPE.socialWorkers + PROFESSIONALS_ASKING;
/** Questions each user asks, one after another with no pause, all users at once: about 20 s in all. */
const QUESTIONS_EACH = 100;
/** As many questions in all when all 50 ask. */
const QUESTIONS_EACH_OF_ALL = (QUESTIONS_EACH * SHAPE.socialWorkers) / USERS;
const GOAL_P95_MS = 300;
/** The conversation reference and the "my cases" query: no more as the caseload grows. */
const TRANSACTIONS_PER_QUESTION = 2;

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function tableSizes(tables: StoreTables): Promise<Record<TableName, number>> {
  const names = Object.keys(TABLE_NAMES) as TableName[];
  const counts = await Promise.all(
    names.map(async (name) => {
      let count = 0;
      for await (const _ of tables[name].listEntities()) count += 1;
      return count;
    }),
  );
  return Object.fromEntries(names.map((name, index) => [name, counts[index]])) as Record<TableName, number>;
}

/**
 * One question over HTTP from a social worker's 1:1 chat, timed as the caller waits for it: from the POST sent to
 * its 200, which the bot answers once the reply has reached the connector, so the wait for a turn slot
 * (CONCURRENT_TURNS in bot/server.ts) is counted. Fails unless the reply is the due card for all their cases.
 */
async function ask(bot: BenchBot, connector: FakeConnector, tenantId: string, aadObjectId: string, cases: readonly SeededCase[]): Promise<number> {
  const activity = teamsMessage(QUESTION, { serviceUrl: connector.serviceUrl, tenantId, aadObjectId });
  const started = performance.now();
  const response = await postActivity(bot.url, activity);
  const waitedMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}`);
  const id = String(activity['id']);
  const at = connector.received.findLastIndex((received) => received.replyToId === id);
  // Taken out once checked, so memory stays flat however many questions are asked.
  const [reply] = at === -1 ? [] : connector.received.splice(at, 1);
  const problem = reply === undefined ? 'no reply reached the connector' : dueReplyProblem(reply.body, cases);
  if (problem !== undefined) throw new Error(`The answer to ${aadObjectId} is not the due card for ${cases.length} cases: ${problem}`);
  return waitedMs;
}

/** The question's own table reads, bare: the conversation reference, then the "my cases" index; fails unless every case is listed. */
async function readBare(tables: StoreTables, tenantId: string, aadObjectId: string, cases: readonly SeededCase[]): Promise<number> {
  const started = performance.now();
  await tables.conversationRefs.getEntity(entraIdKey(tenantId), entraIdKey(aadObjectId));
  const rows = await readAll(tables.userCases, odata`PartitionKey eq ${joinKey(tenantId, aadObjectId)}`);
  const waitedMs = performance.now() - started;
  if (rows.length !== cases.length) throw new Error(`${aadObjectId}'s "my cases" index holds ${rows.length} rows, not ${cases.length}`);
  return waitedMs;
}

type Asker = CaseMember;

/** Each asker asks `rounds` times in a row, all of them at once; the times they waited, in ms, ascending. */
async function together(askers: readonly Asker[], rounds: number, once: (asker: Asker) => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    askers.map(async (asker) => {
      for (let round = 0; round < rounds; round += 1) times.push(await once(asker));
    }),
  );
  return times.sort((a, b) => a - b);
}

const perQuestion = (usage: TableUsage, questions: number) => ({
  transactions: usage.transactions / questions,
  entitiesRead: usage.entitiesRead / questions,
  byTable: Object.entries(usage.byTable).map(([table, count]) => `${table.replace(/^bench/, '')} ${+(count / questions).toFixed(1)}`),
});

export async function benchChat(): Promise<BenchResult> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const meter = createTableMeter();
  const connector = await startFakeConnector();
  let bot: BenchBot | undefined;
  try {
    const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, 'bench', meter.options);
    const seedStarted = performance.now();
    const caseload = await seedCaseload(tables, { policies: createPolicyRegistry(), calendars: createCalendars() }, TODAY, SHAPE);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const seeding = meter.usage();

    const running = await startBenchBot(tables, fixedClock(TODAY), caseload.tenantId);
    bot = running;
    const botAsks = (asker: Asker) => ask(running, connector, caseload.tenantId, asker.aadObjectId, asker.cases);
    const bareReads = (asker: Asker) => readBare(tables, caseload.tenantId, asker.aadObjectId, asker.cases);
    const some = caseload.socialWorkers;
    const all = [...some, ...caseload.professionals.slice(0, PROFESSIONALS_ASKING)];
    if (all.length !== USERS) throw new Error(`${all.length} users to ask at once, not ${USERS}`);
    // Warm-up: stores each person's conversation reference, settles their "my cases" rows (every seeded change
    // claimed them; see src/store/README.md) and JIT-compiles the path. Measured questions find the rows settled and
    // each snapshot decoded and its timeline worked out, as every question after a caseload's first of the day does.
    await together(all, 2, botAsks);
    await together(some, 2, bareReads);

    const bare = await together(some, QUESTIONS_EACH, bareReads);
    const before = meter.usage();
    const measuredStarted = performance.now();
    const times = await together(some, QUESTIONS_EACH, botAsks);
    const seconds = (performance.now() - measuredStarted) / 1000;
    const cost = perQuestion(usageBetween(before, meter.usage()), times.length);
    const bareOfAll = await together(all, QUESTIONS_EACH_OF_ALL, bareReads);
    const timesOfAll = await together(all, QUESTIONS_EACH_OF_ALL, botAsks);
    const sizes = await tableSizes(tables);

    const [p50Ms, p95Ms, maxMs] = [percentile(times, 50), percentile(times, 95), times[times.length - 1] ?? Number.NaN];
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const bareIs = 'bare reads';
    const line = [
      `chat: "${QUESTION}" from ${some.length} social workers at once (${SHAPE.casesEach} cases each), ${times.length} questions in ${seconds.toFixed(1)} s over HTTP, Azurite on a worker thread: ` +
        `time each asker waited, POST to 200, p50 ${ms(p50Ms)}, p95 ${ms(p95Ms)}, max ${ms(maxMs)}; the same reads bare: p50 ${ms(percentile(bare, 50))}, p95 ${ms(percentile(bare, 95))}; ` +
        `${all.length} at once (${timesOfAll.length} questions): p99 ${ms(percentile(timesOfAll, 99))}, bare ${ms(percentile(bareOfAll, 99))}`,
      `chat: per question ${+cost.transactions.toFixed(1)} table transactions (${cost.byTable.join(', ')}), ${Math.round(cost.entitiesRead)} entities read; ` +
        `tables hold ${Object.entries(sizes).map(([name, count]) => `${TABLE_NAMES[name as TableName]} ${count}`).join(', ')} entities; ` +
        `seeded ${some.length * SHAPE.casesEach} cases in ${seedSeconds.toFixed(1)} s ` +
        `(${caseload.operations} case changes, ${(seeding.transactions / caseload.operations).toFixed(1)} transactions each)`,
    ].join('\n');
    return {
      figures: {
        chatP50Ms20Users: { value: p50Ms, unit: 'ms', baseline: percentile(bare, 50), baselineIs: bareIs },
        chatP95Ms20Users: { value: p95Ms, unit: 'ms', goal: { kind: 'below', value: GOAL_P95_MS }, baseline: percentile(bare, 95), baselineIs: bareIs },
        chatBaselineP95Ms20Users: { value: percentile(bare, 95), unit: 'ms' },
        chatP99Ms50Users: { value: percentile(timesOfAll, 99), unit: 'ms', baseline: percentile(bareOfAll, 99), baselineIs: bareIs },
        chatTransactionsPerQuestion: { value: cost.transactions, unit: 'transactions', goal: { kind: 'at-most', value: TRANSACTIONS_PER_QUESTION } },
      },
      line,
    };
  } finally {
    await bot?.close();
    await connector.close();
    await azurite.stop();
  }
}
