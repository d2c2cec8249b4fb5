import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendars, NATIONS } from '../../src/calendar/index.js';
import { addDays, daysBetween, parseLocalDate, type LocalDate } from '../../src/time/localDate.js';
import { computeTimeline, type CaseEvent, type Obligation } from '../../src/timeline/index.js';
import { registry } from './helpers.js';

const calendars = createCalendars();
const START = parseLocalDate('2020-01-01');

/** Any date from 2020 to 2027, the years date-holidays is checked for here. */
const dateArb = fc.integer({ min: 0, max: 8 * 365 - 200 }).map((offset) => addDays(START, offset));

/** A case story: an ICPC, then core groups and reviews at increasing gaps, and a "today" after the ICPC. */
const storyArb = fc.record({
  policy: fc.constantFrom(...registry.ids()),
  icpc: dateArb,
  coreGroupGaps: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 8 }),
  reviewGaps: fc.array(fc.integer({ min: 60, max: 200 }), { maxLength: 2 }),
  todayOffset: fc.integer({ min: 0, max: 400 }),
  laterGap: fc.integer({ min: 0, max: 60 }),
});

function cumulative(from: LocalDate, gaps: readonly number[]): LocalDate[] {
  let date = from;
  return gaps.map((gap) => (date = addDays(date, gap)));
}

function eventsOf(s: { icpc: LocalDate; coreGroupGaps: readonly number[]; reviewGaps: readonly number[] }): CaseEvent[] {
  return [
    { kind: 'initial-conference', date: s.icpc },
    ...cumulative(s.icpc, s.coreGroupGaps).map((date): CaseEvent => ({ kind: 'core-group-held', date })),
    ...cumulative(s.icpc, s.reviewGaps).map((date): CaseEvent => ({ kind: 'review-conference-held', date })),
  ];
}

describe('properties of every profile', () => {
  it('every deadline and target falls on a working day of the profile’s nation', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const profile = registry.require(story.policy);
        const timeline = computeTimeline({ profile, calendars, events: eventsOf(story), today: addDays(story.icpc, story.todayOffset) });
        // An undated obligation's date is its meeting's, not a deadline.
        for (const obligation of timeline.obligations.filter((o) => o.firmness !== 'undated')) expect(calendars[profile.nation].isWorkingDay(obligation.due)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('recording a later core group never makes the next core group due earlier', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const profile = registry.require(story.policy);
        const events = eventsOf(story);
        const last = events.reduce((latest, event) => (event.date > latest ? event.date : latest), story.icpc);
        const later: CaseEvent = { kind: 'core-group-held', date: addDays(last, story.laterGap) };
        const today = addDays(later.date, 1);
        const before = computeTimeline({ profile, calendars, events, today }).nextCoreGroup!;
        const after = computeTimeline({ profile, calendars, events: [...events, later], today }).nextCoreGroup!;
        expect(after.due >= before.due).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('status follows today: met, or upcoming before the due date, due today on it, overdue after', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const today = addDays(story.icpc, story.todayOffset);
        const timeline = computeTimeline({ profile: registry.require(story.policy), calendars, events: eventsOf(story), today });
        for (const o of timeline.obligations) {
          const byDate = today < o.due ? 'upcoming' : today === o.due ? 'due-today' : 'overdue';
          // Without a plan end, only a joint-report step whose review was held can be missed.
          const expected = o.metOn ? ['met'] : o.firmness === 'undated' ? ['owed'] : o.kind.startsWith('joint-report') ? [byDate, 'missed'] : [byDate];
          expect(expected).toContain(o.status);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('N working days after X is a working day with exactly N working days after X up to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NATIONS), dateArb, fc.integer({ min: 1, max: 20 }), (nation, from, count) => {
        const calendar = calendars[nation];
        const due = calendar.addWorkingDays(from, count);
        expect(calendar.isWorkingDay(due)).toBe(true);
        let counted = 0;
        for (let day = addDays(from, 1); day <= due; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) counted += 1;
        expect(counted).toBe(count);
      }),
      { numRuns: 300 },
    );
  });

  it('an obligation is late exactly when it was met after its due date, by the calendar days between', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const today = addDays(story.icpc, story.todayOffset + 400);
        const timeline = computeTimeline({ profile: registry.require(story.policy), calendars, events: eventsOf(story), today });
        for (const o of timeline.obligations) {
          const late = o.metOn !== undefined && o.metOn > o.due;
          expect(o.daysLate).toBe(late ? daysBetween(o.due, o.metOn!) : undefined);
        }
      }),
      { numRuns: 200 },
    );
  });

  /** A story whose plan ended at its last review (or a review `laterGap` days after its last event). */
  function endedStory(story: { icpc: LocalDate; coreGroupGaps: readonly number[]; reviewGaps: readonly number[]; laterGap: number }) {
    const events = eventsOf(story);
    const last = events.reduce((latest, event) => (event.date > latest ? event.date : latest), story.icpc);
    const end = addDays(last, story.laterGap + 1);
    const review: CaseEvent = { kind: 'review-conference-held', date: end };
    return { events: [...events, review], ended: [...events, review, { kind: 'plan-ended', date: end } as const], end };
  }
  const key = (o: Obligation) => `${o.kind} ${o.due} ${o.follows ?? ''}`;

  it('nothing falls due after the plan ended unless it was owed before', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const { ended, end } = endedStory(story);
        const timeline = computeTimeline({ profile: registry.require(story.policy), calendars, events: ended, today: addDays(end, story.todayOffset) });
        expect(timeline.planEnded).toBe(end);
        for (const o of timeline.obligations.filter((o) => o.due > end && o.metOn === undefined)) {
          // Only paperwork owed while the plan lasted: for a meeting held by then, or the outline plan owed from its start.
          expect(o.kind === 'outline-plan' || (o.follows !== undefined && o.follows <= end)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ending a plan never hides what was already overdue: it stays, as overdue, met or missed', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const profile = registry.require(story.policy);
        const { events, ended, end } = endedStory(story);
        const before = computeTimeline({ profile, calendars, events, today: end }).obligations.filter((o) => o.status === 'overdue');
        const after = new Map(computeTimeline({ profile, calendars, events: ended, today: addDays(end, story.todayOffset) }).obligations.map((o) => [key(o), o]));
        for (const o of before) expect(['overdue', 'met', 'missed']).toContain(after.get(key(o))?.status);
      }),
      { numRuns: 300 },
    );
  });

  it('two events recorded are two events: k plan updates on one day meet k core groups still waiting', () => {
    fc.assert(
      fc.property(storyArb, fc.integer({ min: 1, max: 4 }), (story, k) => {
        const events = eventsOf(story);
        const last = events.reduce((latest, event) => (event.date > latest ? event.date : latest), story.icpc);
        const day = addDays(last, 1);
        const updates = Array.from({ length: k }, (): CaseEvent => ({ kind: 'plan-updated', date: day }));
        const profile = registry.require('six-weekly-isu');
        const timeline = computeTimeline({ profile, calendars, events: [...events, ...updates], today: day });
        const met = timeline.obligations.filter((o) => o.kind === 'plan-update' && o.status === 'met').length;
        const coreGroups = new Set(events.filter((e) => e.kind === 'core-group-held').map((e) => e.date)).size;
        expect(met).toBe(Math.min(k, coreGroups));
      }),
      { numRuns: 200 },
    );
  });
});
