import { performance } from 'node:perf_hooks';
import type { TransactionAction } from '@azure/data-tables';
import pLimit from 'p-limit';
import { dueRowEntity } from '../src/cases/caseIndexes.js';
import { caseDigest } from '../src/cases/caseDigest.js';
import { CaseRepository, type CaseWrite } from '../src/cases/caseRepository.js';
import { createCaseServices } from '../src/cases/caseService.js';
import { CASE_LOADS_AT_ONCE } from '../src/cases/caseSweeps.js';
import type { CaseState } from '../src/cases/model.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectTables, type StoreTables } from '../src/store/connect.js';
import { fixedClock } from '../src/time/clock.js';
import { addDays, type LocalDate } from '../src/time/localDate.js';
import { apologiesOf, createInput, everyoneListed, nextDueOf, people, POLICY, teamsMember } from '../test/cases/fixtures.js';
import { createTableMeter, usageBetween, type TableMeter, type TableUsage } from './chat/tableMeter.js';

/**
 * The sweep's reading (CaseSweeps.casesDue: the due index, then each case it names) as the cases held grow and the
 * cases needing attention do not: 500 due by the horizon (5% of 10,000) among 1,000, 10,000, 50,000 (England's
 * plans) and 100,000 open cases, in Azurite. Beside it, the BASELINE: the same 500 cases' partitions loaded one by one
 * (the entities that must be read anyway), with no index, at the same concurrency. Goal: wall time at most 1.5× the
 * baseline, and entities read the same at every size (proportional to what is due, not to what is held).
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
/** Ten working days on: the furthest the sweep looks ahead (the social worker's "no core group scheduled" nudge). */
const HORIZON = '2027-03-24' as LocalDate;
const DUE = 500;
const SIZES = [1_000, 10_000, 50_000, 100_000] as const;
/** Timed beside the baseline; England's size is reported for its transactions and entities read. */
const FULL_SIZES: ReadonlySet<number> = new Set([1_000, 10_000, 100_000]);
const GOAL_RATIO = 1.5;
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
  const service = createCaseServices({ tables, clock, policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });
  const template = 'CP-T0000';
  await service.commands.createCase(who.socialWorker, createInput(who, template, { initialConferenceDate: '2027-02-24' }));
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
      const state: CaseState = { ...loaded.state, header: { ...loaded.state.header, caseRef, attentionDate, nextDue: attentionDate } };
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
  /** Measured at the sizes reported in full. */
  readonly baseline?: { readonly ms: number; readonly usage: TableUsage };
}

export async function benchSweep(): Promise<{ goalMet: boolean; line: string }> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const meter = createTableMeter();
  try {
    const started = performance.now();
    const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, 'benchsweep', meter.options);
    const { tenantId, caseRefs } = await seedDueCases(tables);
    const service = createCaseServices({ tables, clock: fixedClock(TODAY), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });
    const repository = new CaseRepository(tables);
    const baseline = () => {
      const limit = pLimit(CASE_LOADS_AT_ONCE);
      return Promise.all(caseRefs.map((caseRef) => limit(() => repository.load(tenantId, caseRef))));
    };
    let held = DUE;
    const results: AtSize[] = [];
    for (const size of SIZES) {
      await seedHeld(tables, tenantId, held, size);
      held = size;
      // The first sweep moves February's rows and stores the cursor; every size is then measured as a daily sweep finds it.
      if (results.length === 0) await service.sweeps.casesDue(HORIZON);
      const runs = FULL_SIZES.has(size) ? RUNS : 1;
      const sweeps = [];
      const baselines = [];
      for (let run = 0; run < runs; run += 1) {
        sweeps.push(await timed(meter, () => service.sweeps.casesDue(HORIZON)));
        if (FULL_SIZES.has(size)) baselines.push(await timed(meter, baseline));
      }
      const best = (times: readonly { readonly ms: number }[]) => Math.min(...times.map((time) => time.ms));
      const [sweep, base] = [sweeps[sweeps.length - 1]!, baselines[baselines.length - 1]];
      results.push({ held: size, sweepMs: best(sweeps), sweep: sweep.usage, found: sweep.result.length, ...(base && { baseline: { ms: best(baselines), usage: base.usage } }) });
    }
    const full = results.filter((at) => at.baseline !== undefined);
    const flat = new Set(results.map((at) => at.sweep.entitiesRead)).size === 1;
    const fast = full.every((at) => at.sweepMs <= GOAL_RATIO * (at.baseline?.ms ?? 0));
    const allFound = results.every((at) => at.found === DUE);
    const goalMet = flat && fast && allFound;
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const sizeLine = ({ held: size, sweepMs, sweep, found, baseline: base }: AtSize) => {
      const held = `${size.toLocaleString('en-GB')} held`;
      const counts = `${sweep.entitiesRead} entities read, ${sweep.transactions} transactions (${sweep.byTable['benchsweepCaseDue'] ?? 0} on the index, ${sweep.byTable['benchsweepCases'] ?? 0} on cases), ${found} found`;
      if (!base) return `${held} (England): ${counts}`;
      return `${held}: ${ms(sweepMs)} (baseline ${ms(base.ms)}, ${(sweepMs / base.ms).toFixed(2)}×), ${counts} (baseline ${base.usage.entitiesRead} entities, ${base.usage.transactions} transactions)`;
    };
    const line =
      `sweep: casesDue to ${HORIZON}, ${DUE} cases needing attention, best of ${RUNS}: ${results.map(sizeLine).join('; ')}; ` +
      `goal ≤ ${GOAL_RATIO}× baseline at 1,000, 10,000 and 100,000 held, the same entities read at every size, every due case found: ${goalMet ? 'met' : 'NOT MET'} ` +
      `(${((performance.now() - started) / 1000).toFixed(0)} s in all)`;
    return { goalMet, line };
  } finally {
    await azurite.stop();
  }
}
