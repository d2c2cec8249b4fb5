import type { Calendars, WorkingCalendar } from '../calendar/index.js';
import { DUE_WITHIN_WORKING_DAYS } from '../digest/digest.js';
import { londonDateOf, londonInstant } from '../time/clock.js';
import type { LocalDate } from '../time/localDate.js';
import type { SweepSettings } from './settings.js';

/**
 * Whether `now` is inside the send window for a nation: a working day of its calendar (closure days included),
 * between the window's opening and closing times in London. A sweep outside it says nothing for that nation's
 * cases; the next sweep inside it finds the same notices still current (stages.ts) and sends them then.
 */
export function inSendWindow(calendar: WorkingCalendar, window: SweepSettings['sendWindow'], now: Date): boolean {
  const today = londonDateOf(now);
  if (!calendar.isWorkingDay(today)) return false;
  return londonInstant(today, window.opens) <= now && now < londonInstant(today, window.closes);
}

/**
 * The furthest date a sweep today can have anything to say about: the longest reminder ahead of a date (or the
 * digests' "due within"), in working days of the nation that makes it furthest (a bank holiday or a closure stretches it).
 */
export function sweepHorizon(calendars: Calendars, settings: SweepSettings, today: LocalDate): LocalDate {
  const ahead = Math.max(DUE_WITHIN_WORKING_DAYS, ...settings.unansweredInvitation, ...settings.missingContribution, ...settings.unscheduledCoreGroup, ...settings.paperworkDue);
  return Object.values(calendars)
    .map((calendar) => calendar.addWorkingDays(today, ahead))
    .reduce((furthest, day) => (day > furthest ? day : furthest));
}
