import type { WorkingCalendar } from '../calendar/workingDays.js';
import type { MeetingType } from '../cases/model.js';
import { addDays, isWeekend, type LocalDate } from '../time/localDate.js';
import type { CoreGroupMeeting, Obligation, Timeline } from '../timeline/index.js';

/** The timeline's place for a core group in its sequence, as a scheduled meeting records its type (and agenda). */
const MEETING_TYPE_OF: Readonly<Record<CoreGroupMeeting, MeetingType>> = {
  first: 'first',
  subsequent: 'subsequent',
  'pre-review': 'last-before-review',
};

/** What the scheduling form offers: a date and a meeting type, for the core group the timeline says is next. */
export interface MeetingProposal {
  readonly date: LocalDate;
  readonly type: MeetingType;
  /** The core group obligation the meeting is to meet. */
  readonly due: Obligation;
}

/** Whether the closed days just before a date include a bank holiday or closure day (not only a weekend). */
function followsAHoliday(calendar: WorkingCalendar, date: LocalDate): boolean {
  for (let day = addDays(date, -1); !calendar.isWorkingDay(day); day = addDays(day, -1)) if (!isWeekend(day)) return true;
  return false;
}

/**
 * A sensible day for a core group: a working day in the case's nation (no weekend, bank holiday or organisation
 * closure day), and not the first working day back after a bank holiday or closure day. Members send their written
 * updates and the social worker gathers the reports on the working days before a meeting (seed 002: reports from
 * those unable to attend are an agenda item), so the day after a long weekend or the Christmas closure leaves them
 * none. An ordinary Monday is sensible: the Friday before it is a working day.
 */
export function isSensibleDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  return calendar.isWorkingDay(date) && !followsAHoliday(calendar, date);
}

/** The latest day from `due` back to `earliest` that passes the test, if any. */
function latest(from: LocalDate, earliest: LocalDate, test: (date: LocalDate) => boolean): LocalDate | undefined {
  for (let day = from; day >= earliest; day = addDays(day, -1)) if (test(day)) return day;
  return undefined;
}

/** The first day after `after` that passes the test (a working day always comes). */
function first(after: LocalDate, test: (date: LocalDate) => boolean): LocalDate {
  let day = addDays(after, 1);
  while (!test(day)) day = addDays(day, 1);
  return day;
}

/**
 * The date to propose for a core group due on `due`: the latest sensible day on or before it and not before today,
 * so the meeting meets its deadline (or target) with as much notice as possible; failing that, the latest working
 * day in that range (due today on a working day: today). Overdue, or with no working day left before it: the first
 * sensible day after today, as a meeting cannot be called for the day it is arranged, and the form warns that it
 * is late.
 */
export function proposeDate(calendar: WorkingCalendar, due: LocalDate, today: LocalDate): LocalDate {
  const sensible = (date: LocalDate) => isSensibleDay(calendar, date);
  return latest(due, today, sensible) ?? latest(due, today, (date) => calendar.isWorkingDay(date)) ?? first(today, sensible);
}

/** The next core group's date and type, or null when none falls due (the plan has ended). */
export function proposeMeeting(timeline: Timeline, calendar: WorkingCalendar): MeetingProposal | null {
  const due = timeline.nextCoreGroup;
  if (due === null) return null;
  return { date: proposeDate(calendar, due.due, timeline.today), type: MEETING_TYPE_OF[due.coreGroup?.meeting ?? 'subsequent'], due };
}
