import { createCalendars } from '../src/calendar/index.js';
import { createPolicyRegistry } from '../src/policy/index.js';
import { addDays, parseLocalDate } from '../src/time/localDate.js';
import { computeTimeline, type CaseEvent } from '../src/timeline/index.js';
import type { BenchResult } from './report.js';

const CASES = 10_000;
const GOAL_PER_SECOND = 10_000;

/** A deterministic pseudo-random sequence, so every run measures the same cases. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** 10,000 synthetic cases across all profiles: up to a year of core groups, reviews and paperwork. */
function syntheticCases() {
  const registry = createPolicyRegistry();
  const ids = registry.ids();
  const random = lcg(42);
  const start = parseLocalDate('2025-01-06');
  return Array.from({ length: CASES }, (_, index) => {
    const icpc = addDays(start, Math.floor(random() * 600));
    const events: CaseEvent[] = [{ kind: 'initial-conference', date: icpc }];
    let date = icpc;
    for (let meeting = Math.floor(random() * 10); meeting > 0; meeting -= 1) {
      date = addDays(date, 10 + Math.floor(random() * 35));
      events.push({ kind: 'core-group-held', date }, { kind: 'plan-circulated', date: addDays(date, 3) });
    }
    if (random() < 0.5) events.push({ kind: 'review-conference-held', date: addDays(icpc, 85) });
    return { profile: registry.require(ids[index % ids.length]!), events, today: addDays(date, Math.floor(random() * 60)) };
  });
}

type Input = ReturnType<typeof syntheticCases>[number];
/** The cases are worked through in this many slices, the timeline and the baseline taking turns, so both see the same machine. */
const SLICES = 20;

/** Runs each piece of work over every case, slice by slice in turns; how many cases a second each did, and what it counted. */
function inTurns(cases: readonly Input[], works: ReadonlyArray<(input: Input) => number>): Array<{ perSecond: number; ms: number; total: number }> {
  const spent = works.map((work) => ({ work, ns: 0n, total: 0 }));
  const size = Math.ceil(cases.length / SLICES);
  for (let from = 0; from < cases.length; from += size) {
    const slice = cases.slice(from, from + size);
    for (const entry of spent) {
      const started = process.hrtime.bigint();
      for (const input of slice) entry.total += entry.work(input);
      entry.ns += process.hrtime.bigint() - started;
    }
  }
  return spent.map(({ ns, total }) => ({ perSecond: Math.round(cases.length / (Number(ns) / 1e9)), ms: Number(ns) / 1e6, total }));
}

/**
 * Timelines a second on one core. The baseline, for the machine's speed: the same cases' inputs each written to JSON
 * and read back, plain JavaScript work of the same shape (small objects, dates as strings, allocation) that the
 * timeline code does not touch, so the ratio moves with the code and not with the machine. The two take turns
 * over slices of the cases, so a busy spell on a shared machine slows both.
 */
export function benchTimeline(): BenchResult {
  const calendars = createCalendars();
  const cases = syntheticCases();
  const timeline = (input: (typeof cases)[number]) => computeTimeline({ ...input, calendars }).obligations.length;
  const roundTrip = (input: (typeof cases)[number]) => (JSON.parse(JSON.stringify(input.events)) as unknown[]).length;
  // Warm up: the first use of each year fills the holiday caches, as a long-running bot would have done.
  for (const input of cases.slice(0, 500)) {
    timeline(input);
    roundTrip(input);
  }
  const [measured, baseline] = inTurns(cases, [timeline, roundTrip]);
  if (measured === undefined || baseline === undefined) throw new Error('The timeline bench measured nothing');
  const figure = { value: measured.perSecond, unit: 'timelines/s', goal: { kind: 'at-least', value: GOAL_PER_SECOND }, baseline: baseline.perSecond, baselineIs: 'JSON round trips/s' } as const;
  return {
    figures: { timelinesPerSecond: figure },
    line:
      `timeline: ${CASES} cases across all profiles in ${measured.ms.toFixed(0)} ms = ${measured.perSecond} timelines/s on one core (${measured.total} obligations); ` +
      `baseline: the same cases' events to JSON and back, ${baseline.perSecond} cases/s; goal ≥ ${GOAL_PER_SECOND}/s`,
  };
}
