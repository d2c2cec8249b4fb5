import { performance } from 'node:perf_hooks';
import { odata, type TransactionAction } from '@azure/data-tables';
import pLimit from 'p-limit';
import { dueRowEntity } from '../src/cases/caseIndexes.js';
import { caseDigest } from '../src/cases/caseDigest.js';
import { CaseRepository, type CaseWrite } from '../src/cases/caseRepository.js';
import { createCaseServices } from '../src/cases/caseService.js';
import { CASE_LOADS_AT_ONCE } from '../src/cases/caseSweeps.js';
import type { CaseState } from '../src/cases/model.js';
import { createCalendars } from '../src/calendar/index.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectQueues, connectTables, type StoreQueues, type StoreTables } from '../src/store/connect.js';
import { readAll } from '../src/store/paging.js';
import { sweepSettingsSchema } from '../src/sweep/index.js';
import type { SweepReport } from '../src/sweep/run.js';
import { sweepHorizon } from '../src/sweep/window.js';
import { fixedClock } from '../src/time/clock.js';
import { addDays, addMonths, type LocalDate } from '../src/time/localDate.js';
import { apologiesOf, createInput, everyoneListed, nextDueOf, people, teamsMember } from '../test/cases/fixtures.js';
import { startBenchBot } from './chat/benchBot.js';
import { startBotProcess } from './chat/botProcess.js';
import { createTableMeter, usageBetween, type TableMeter, type TableUsage } from './chat/tableMeter.js';
import type { BenchResult, Figures } from './report.js';

/**
 * The sweep's reading (CaseSweeps.casesDue: the due index, then each case it names) as the cases held grow and the
 * cases needing attention do not: 500 due by the horizon (5% of 10,000) among 1,000, 10,000 and 100,000 open cases,
 * in Azurite. Beside it, the BASELINE: the same 500 cases' partitions loaded one by one (the entities that must be
 * read anyway), with no index, at the same concurrency. Goal: wall time at most 1.5× the baseline, and entities
 * read the same at every size (proportional to what is due, not to what is held). England's 50,000 is no longer a
 * step, for the time the whole `npm run bench` may take (ten minutes): 100,000 covers it.
 *
 * At 10,000 held, the FULL SWEEP: runSweep as the bot runs it (createSweep, through bench/chat/benchBot.ts), which
 * reads the cases due and queues each notice and the day's digest into the real outbox (table row and queue
 * message). Its baseline is the same reads done bare: the due index's range query over the months the sweep reads
 * and the cursor, then each case the index names loaded as the store loads it (CaseRepository.load), 16 at a time
 * like the sweep; no rules, no checks, no writes. Reads because they are the part of a sweep no code can avoid,
 * and the same on any machine's storage; what the sweep adds to them (the rules, the outbox's writes) is the ratio.
 * Then the bot in a process of its own (bench/chat/botProcess.ts, Azurite staying here) sweeps the same 10,000:
 * its resident set, process.memoryUsage().rss read in that process after the sweep, is rssMb10kCases, beside the
 * same process's before it (started, nothing asked).
 *
 * Seeding, in batch transactions of 100 (each size adds to the last): the 500 due cases are whole cases (copies of
 * one made through the case service: members, a meeting arranged), a fifth of them written in February and so left
 * in February's partition for the first sweep to move. The held cases not due are their index rows only: casesDue
 * reads no case the index does not name (the meter shows it, Cases transactions = due cases found), and writing
 * 100,000 case partitions, a transaction each, would take longer than the bench may. Their attention dates run from
 * the day after the horizon (a tenth in this month's partition, which the sweep reads and must range past) over the
 * next three years rather than the next six weeks: Azurite checks each new row against every row of its partition
 * (LokiJS), so 100,000 rows in two months' partitions would take it many minutes to seed. Azure reads a range of a
 * partition by its keys, so the spread changes nothing it reads; Azurite scans the whole table for every query
 * either way, which is what grows with the cases held here and would not on Azure.
 */
const TODAY = '2027-03-10' as LocalDate;
/** The furthest the sweep looks ahead (ten working days, in the nation whose tenth is latest: 25 March, St Patrick's Day in Northern Ireland). */
const HORIZON = sweepHorizon(createCalendars(), sweepSettingsSchema.parse({}), TODAY);
const DUE = 500;
/** A procedure of the bot's own registry, which the full sweep reads each case's rules from. */
const POLICY_ID = 'england';
const SIZES = [1_000, 10_000, 100_000] as const;
/** The size the full sweep and the bot's resident set are measured at. */
const FULL_SWEEP_AT = 10_000;
const GOAL_RATIO = 1.5;
/** The full sweep against its reads bare: what the rules and the outbox's writes may add. */
const GOAL_FULL_RATIO = 3;
const TABLE_PREFIX = 'benchsweep';
/** Each time is the best of this many runs, sweep and baseline taking turns (the machine is shared). */
const RUNS = 2;
const BATCH = 100;

/** A deterministic pseudo-random sequence, so every run seeds the same dates. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

async function inBatches(table: StoreTables['caseDue'], rows: ReturnType<typeof dueRowEntity>[]): Promise<void> {
  const byPartition = new Map<string, TransactionAction[]>();
  for (const row of rows) byPartition.set(row.partitionKey, [...(byPartition.get(row.partitionKey) ?? []), ['create', row]]);
  const batches = [...byPartition.values()].flatMap((actions) => Array.from({ length: Math.ceil(actions.length / BATCH) }, (_, n) => actions.slice(n * BATCH, (n + 1) * BATCH)));
  const limit = pLimit(4);
  await Promise.all(batches.map((batch) => limit(() => table.submitTransaction(batch))));
}

/** One case made through the case service and 499 copies, each due on a date up to the horizon (some overdue), one transaction each. */
async function seedDueCases(tables: StoreTables): Promise<{ tenantId: string; caseRefs: string[] }> {
  const who = people();
  const clock = fixedClock(TODAY);
  const service = createCaseServices({ tables, clock, policyIds: new Set([POLICY_ID]), nextDueOf, apologiesOf, staff: everyoneListed });
  const template = 'CP-T0000';
  await service.commands.createCase(who.socialWorker, createInput(who, template, { initialConferenceDate: '2027-02-24', policyId: POLICY_ID }));
  for (const n of [1, 2, 3]) await service.commands.addMember(who.socialWorker, template, teamsMember(people().member.aadObjectId, `Member ${n}`));
  await service.commands.scheduleMeeting(who.socialWorker, template, { date: '2027-03-18', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2' });
  const repository = new CaseRepository(tables);
  const loaded = await repository.load(who.tenantId, template);
  if (!loaded) throw new Error('The template case was not saved');
  const random = lcg(7);
  // The template is due too (its meeting is on the 18th): it and its copies make the 500.
  const caseRefs = Array.from({ length: DUE - 1 }, (_, n) => `CP-D${String(n).padStart(5, '0')}`);
  const limit = pLimit(8);
  const rows = await Promise.all(
    caseRefs.map((caseRef, n) => limit(async () => {
      const attentionDate = addDays('2027-02-10' as LocalDate, Math.floor(random() * 43));
      // Conferences on different days, so the copies' first core groups fall due on different days and the sweep has notices to send.
      const initialConferenceDate = addDays('2027-02-10' as LocalDate, Math.floor(random() * 28));
      const state: CaseState = { ...loaded.state, header: { ...loaded.state.header, caseRef, initialConferenceDate, attentionDate, nextDue: attentionDate } };
      const writes: CaseWrite[] = [
        { kind: 'header', value: state.header, digest: caseDigest(state) },
        ...state.members.map((value): CaseWrite => ({ kind: 'member', value })),
        ...state.meetings.map((value): CaseWrite => ({ kind: 'meeting', value })),
      ];
      await repository.commit(who.tenantId, caseRef, null, writes, { at: clock.now().toISOString(), actor: who.socialWorker.aadObjectId, operation: 'bench', subject: caseRef, before: '', after: '' });
      // Every fifth written in February, before the month turned: in February's partition, for the sweep to move.
      return dueRowEntity(who.tenantId, caseRef, attentionDate, state.header.version, n % 5 === 0 ? ('2027-02-20' as LocalDate) : TODAY);
    })),
  );
  // The template's own row is the one the case service wrote.
  await inBatches(tables.caseDue, rows);
  return { tenantId: who.tenantId, caseRefs: [...caseRefs, template] };
}

/** Index rows of held cases `from` to `to`, not due by the horizon. */
async function seedHeld(tables: StoreTables, tenantId: string, from: number, to: number): Promise<void> {
  const random = lcg(from + 1);
  const rows = Array.from({ length: to - from }, (_, n) => {
    const days = random() < 0.1 ? 1 + Math.floor(random() * 7) : 8 + Math.floor(random() * 3 * 365);
    return dueRowEntity(tenantId, `CP-H${String(from + n).padStart(6, '0')}`, addDays(HORIZON, days), 1, TODAY);
  });
  await inBatches(tables.caseDue, rows);
}

async function timed<T>(meter: TableMeter, work: () => Promise<T>): Promise<{ ms: number; usage: TableUsage; result: T }> {
  const before = meter.usage();
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, usage: usageBetween(before, meter.usage()), result };
}

interface AtSize {
  readonly held: number;
  readonly sweepMs: number;
  readonly sweep: TableUsage;
  readonly found: number;
  readonly baseline: { readonly ms: number; readonly usage: TableUsage };
}

interface FullSweep {
  readonly sweep: { readonly ms: number; readonly usage: TableUsage; readonly result: SweepReport };
  readonly bare: { readonly ms: number; readonly usage: TableUsage; readonly result: number };
  readonly rss: { readonly idle: number; readonly swept: number; readonly casesDue: number };
}

/**
 * The full sweep's reads, bare: the due index's range over last month's and this month's partitions (where the rows
 * are once the first sweep has moved February's; the sweep also reads its cursor and the old single partition, one
 * entity and none), then each case it names, loaded as the store loads it, 16 at a time. Answers how many cases it loaded.
 */
async function bareSweepReads(tables: StoreTables, tenantId: string, horizon: LocalDate): Promise<number> {
  const repository = new CaseRepository(tables);
  const before = addDays(horizon, 1);
  const months = [addMonths(TODAY, -1), TODAY].map((day) => dueRowEntity(tenantId, '', day, 0, day).partitionKey);
  const rows = await Promise.all(months.map((partition) => readAll(tables.caseDue, odata`PartitionKey eq ${partition} and RowKey lt ${before}`)));
  const limit = pLimit(CASE_LOADS_AT_ONCE);
  const caseRefs = [...new Set(rows.flat().map((row) => String(row['caseRef'])))];
  await Promise.all(caseRefs.map((caseRef) => limit(() => repository.load(tenantId, caseRef))));
  return caseRefs.length;
}

/** The full sweep over what is held now, beside its reads bare; then the bot's resident set, sweeping it in a process of its own. */
async function sweepInFull(connectionString: string, tables: StoreTables, queues: StoreQueues, meter: TableMeter, tenantId: string): Promise<FullSweep> {
  const bot = await startBenchBot(tables, fixedClock(TODAY), tenantId, queues);
  let bare;
  let sweep;
  try {
    bare = await timed(meter, () => bareSweepReads(tables, tenantId, HORIZON));
    sweep = await timed(meter, () => bot.sweep());
  } finally {
    await bot.close();
  }
  if (sweep.result.failed > 0) throw new Error(`The full sweep failed on ${sweep.result.failed} cases`);
  const apart = await startBotProcess({ connectionString, tablePrefix: TABLE_PREFIX, today: TODAY, tenantId, queues: true });
  try {
    const idle = await apart.rssBytes();
    const { casesDue, failed } = await apart.sweep();
    if (failed > 0) throw new Error(`The bot's process's sweep failed on ${failed} cases`);
    return { sweep, bare, rss: { idle, swept: await apart.rssBytes(), casesDue } };
  } finally {
    await apart.close();
  }
}

const MB = 1024 * 1024;

export async function benchSweep(): Promise<BenchResult> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const meter = createTableMeter();
  try {
    const started = performance.now();
    const connection = { kind: 'connection-string', connectionString: azurite.connectionString } as const;
    const tables = await connectTables(connection, TABLE_PREFIX, meter.options);
    const queues = await connectQueues(connection, TABLE_PREFIX);
    const { tenantId, caseRefs } = await seedDueCases(tables);
    const service = createCaseServices({ tables, clock: fixedClock(TODAY), policyIds: new Set([POLICY_ID]), nextDueOf, apologiesOf, staff: everyoneListed });
    const repository = new CaseRepository(tables);
    const baseline = () => {
      const limit = pLimit(CASE_LOADS_AT_ONCE);
      return Promise.all(caseRefs.map((caseRef) => limit(() => repository.load(tenantId, caseRef))));
    };
    let held = DUE;
    const results: AtSize[] = [];
    let fullSweep: FullSweep | undefined;
    for (const size of SIZES) {
      await seedHeld(tables, tenantId, held, size);
      held = size;
      // The first sweep moves February's rows and stores the cursor; every size is then measured as a daily sweep finds it.
      if (results.length === 0) await service.sweeps.casesDue(HORIZON);
      const sweeps = [];
      const baselines = [];
      for (let run = 0; run < RUNS; run += 1) {
        sweeps.push(await timed(meter, () => service.sweeps.casesDue(HORIZON)));
        baselines.push(await timed(meter, baseline));
      }
      const best = (times: readonly { readonly ms: number }[]) => Math.min(...times.map((time) => time.ms));
      const [sweep, base] = [sweeps[sweeps.length - 1]!, baselines[baselines.length - 1]!];
      results.push({ held: size, sweepMs: best(sweeps), sweep: sweep.usage, found: sweep.result.length, baseline: { ms: best(baselines), usage: base.usage } });
      if (size === FULL_SWEEP_AT) fullSweep = await sweepInFull(azurite.connectionString, tables, queues, meter, tenantId);
    }
    if (fullSweep === undefined) throw new Error(`No size of ${FULL_SWEEP_AT} held was measured`);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const sizeLine = ({ held: size, sweepMs, sweep, found, baseline: base }: AtSize) =>
      `${size.toLocaleString('en-GB')} held: ${ms(sweepMs)} (baseline ${ms(base.ms)}, ${(sweepMs / base.ms).toFixed(2)}×), ` +
      `${sweep.entitiesRead} entities read, ${sweep.transactions} transactions (${sweep.byTable[`${TABLE_PREFIX}CaseDue`] ?? 0} on the index, ${sweep.byTable[`${TABLE_PREFIX}Cases`] ?? 0} on cases), ${found} found ` +
      `(baseline ${base.usage.entitiesRead} entities, ${base.usage.transactions} transactions)`;
    const { sweep, bare, rss } = fullSweep;
    const report = sweep.result;
    const line = [
      `sweep: casesDue to ${HORIZON}, ${DUE} cases needing attention, best of ${RUNS}: ${results.map(sizeLine).join('; ')}`,
      `sweep: the full sweep at ${FULL_SWEEP_AT.toLocaleString('en-GB')} held, queuing into the outbox: ${ms(sweep.ms)} (its reads bare ${ms(bare.ms)}, ${(sweep.ms / bare.ms).toFixed(2)}×); ` +
        `${report.casesDue} cases due (${bare.result} loaded bare), ${report.notices} notices, ${report.queued} queued, ${report.alreadyQueued} already queued, ${report.digestParts} digest parts, ${report.outsideWindow} outside the window; ` +
        `${sweep.usage.entitiesRead} entities read and ${sweep.usage.transactions} table transactions (bare: ${bare.usage.entitiesRead} and ${bare.usage.transactions}); ` +
        `the bot in its own process: resident set ${(rss.idle / MB).toFixed(0)} MB started, ${(rss.swept / MB).toFixed(0)} MB after its sweep (${rss.casesDue} due) ` +
        `(${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
    ].join('\n');
    const [first] = results;
    const largest = results.find((at) => at.held === 100_000);
    const figures: Figures = {
      sweep10kSeconds: { value: sweep.ms / 1000, unit: 's', goal: { kind: 'ratio-at-most', value: GOAL_FULL_RATIO }, baseline: bare.ms / 1000, baselineIs: 'its reads bare' },
      sweep10kBaselineSeconds: { value: bare.ms / 1000, unit: 's' },
      sweep10kEntitiesRead: { value: sweep.usage.entitiesRead, unit: 'entities', baseline: bare.usage.entitiesRead, baselineIs: 'its reads bare' },
      sweep10kDueCases: { value: report.casesDue, unit: 'cases', goal: { kind: 'exactly', value: DUE } },
      ...(largest && first && { sweep100kEntitiesRead: { value: largest.sweep.entitiesRead, unit: 'entities', goal: { kind: 'exactly', value: first.sweep.entitiesRead, of: 'at 1,000 held' } } }),
      rssMb10kCases: { value: rss.swept / MB, unit: 'MB', baseline: rss.idle / MB, baselineIs: 'started' },
    };
    const checks = results.flatMap((at) => [
      { name: `casesDue at ${at.held.toLocaleString('en-GB')} held`, found: `${ms(at.sweepMs)}, ${(at.sweepMs / at.baseline.ms).toFixed(2)}× baseline`, goal: `≤ ${GOAL_RATIO}× baseline`, met: at.sweepMs <= GOAL_RATIO * at.baseline.ms },
      { name: `casesDue found at ${at.held.toLocaleString('en-GB')} held`, found: `${at.found}`, goal: `= ${DUE}`, met: at.found === DUE },
    ]);
    return { figures, checks, line };
  } finally {
    await azurite.stop();
  }
}
