import { describe, expect, it } from 'vitest';
import { createCalendars } from '../../src/calendar/index.js';
import { demoCases, type DemoCase } from '../../src/demo/stories.js';
import { createPolicyRegistry } from '../../src/policy/index.js';
import { addDays, daysBetween, type LocalDate } from '../../src/time/localDate.js';
import { computeTimeline, describeStatus, type CaseEvent } from '../../src/timeline/index.js';

const policies = createPolicyRegistry([]);
const calendars = createCalendars([]);
const calendarOf = (policyId: string) => calendars[policies.require(policyId).nation];

/** What the case service would hand the timeline engine once the story is told (see caseEvents.ts). */
function eventsOf(demo: DemoCase): CaseEvent[] {
  return [
    { kind: 'initial-conference', date: demo.initialConference },
    ...demo.meetings.filter((meeting) => meeting.held).map((meeting): CaseEvent => ({ kind: 'core-group-held', date: meeting.date })),
    ...demo.events,
  ];
}

/** One line per case: the next core group's status and how far away it is, and whatever else is not met. */
function answerOn(today: LocalDate): string[] {
  return demoCases(today, calendarOf).map((demo) => {
    const timeline = computeTimeline({ profile: policies.require(demo.policyId), calendars, events: eventsOf(demo), today });
    const next = timeline.nextCoreGroup!;
    const open = timeline.obligations.filter((o) => o !== next && o.status !== 'met').map((o) => `${o.kind} ${o.status}`).sort();
    return `${demo.alias}: ${describeStatus(next)} in ${daysBetween(today, next.due)} days; ${open.join(', ')}`;
  });
}

describe('demo stories', () => {
  it('tell the same story whatever day the bot first starts: every day of 2026–2031, bank holidays included', () => {
    for (let day = 0; day < 6 * 365; day += 1) {
      const today = addDays('2026-01-01' as LocalDate, day);
      const [oak, birch, rowan, willow] = answerOn(today);
      expect(oak).toMatch(/^Oak: overdue in -(2[89]|3[0-2]) days; missed-core-group-escalation overdue, plan-circulation overdue, plan-to-isu owed, review-conference upcoming$/);
      expect(birch).toMatch(/^Birch: upcoming in [2-9] days; review-conference upcoming$/);
      expect(rowan).toMatch(/^Rowan: upcoming in (1[1-9]) days; review-conference upcoming$/);
      expect(willow).toMatch(/^Willow: target passed in -1[4-8] days; child-seen upcoming, review-conference upcoming$/);
    }
  });

  it('dates every fact on a working day of its nation, never after today', () => {
    for (let day = 0; day < 365; day += 1) {
      const today = addDays('2026-01-01' as LocalDate, day);
      for (const demo of demoCases(today, calendarOf)) {
        const calendar = calendarOf(demo.policyId);
        const past = [demo.initialConference, ...demo.meetings.filter((m) => m.held).map((m) => m.date), ...demo.events.map((e) => e.date)];
        for (const date of [...past, ...demo.meetings.map((m) => m.date)]) expect(calendar.isWorkingDay(date), `${demo.alias} ${date}`).toBe(true);
        for (const date of past) expect(date <= today, `${demo.alias} ${date}`).toBe(true);
        for (const meeting of demo.meetings.filter((m) => !m.held)) expect(meeting.date > today).toBe(true);
      }
    }
  });
});
