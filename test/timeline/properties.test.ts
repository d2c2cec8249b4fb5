import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendars, NATIONS } from '../../src/calendar/index.js';
import { addDays, parseLocalDate, type LocalDate } from '../../src/time/localDate.js';
import { computeTimeline, type CaseEvent } from '../../src/timeline/index.js';
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
        for (const obligation of timeline.obligations) expect(calendars[profile.nation].isWorkingDay(obligation.due)).toBe(true);
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
          const expected = o.metOn ? 'met' : today < o.due ? 'upcoming' : today === o.due ? 'due-today' : 'overdue';
          expect(o.status).toBe(expected);
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
});
