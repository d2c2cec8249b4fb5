import { createCalendars } from '../src/calendar/index.js';
import { createPolicyRegistry } from '../src/policy/index.js';
import { addDays, parseLocalDate } from '../src/time/localDate.js';
import { computeTimeline, type CaseEvent } from '../src/timeline/index.js';

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

export function benchTimeline(): { perSecond: number; goalMet: boolean; line: string } {
  const calendars = createCalendars();
  const cases = syntheticCases();
  // Warm up: the first use of each year fills the holiday caches, as a long-running bot would have done.
  for (const input of cases.slice(0, 500)) computeTimeline({ ...input, calendars });
  const started = process.hrtime.bigint();
  let obligations = 0;
  for (const input of cases) obligations += computeTimeline({ ...input, calendars }).obligations.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = Math.round(CASES / seconds);
  const goalMet = perSecond >= GOAL_PER_SECOND;
  return {
    perSecond,
    goalMet,
    line: `timeline: ${CASES} cases across all profiles in ${(seconds * 1000).toFixed(0)} ms = ${perSecond} timelines/s on one core (${obligations} obligations); goal ≥ ${GOAL_PER_SECOND}/s: ${goalMet ? 'met' : 'NOT MET'}`,
  };
}
