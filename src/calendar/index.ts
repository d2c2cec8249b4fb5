export { NATIONS, NATION_LABEL, type Nation } from './nations.js';
export { createWorkingCalendar, type WorkingCalendar } from './workingDays.js';
import type { LocalDate } from '../time/localDate.js';
import { NATIONS, type Nation } from './nations.js';
import { createWorkingCalendar, type WorkingCalendar } from './workingDays.js';

/** One calendar per nation sharing the organisation's closure days; built once at start-up. */
export type Calendars = Readonly<Record<Nation, WorkingCalendar>>;

export function createCalendars(closureDays: readonly LocalDate[] = []): Calendars {
  return Object.fromEntries(NATIONS.map((nation) => [nation, createWorkingCalendar(nation, closureDays)])) as Record<
    Nation,
    WorkingCalendar
  >;
}
