import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { parseLocalDate, type LocalDate } from './localDate.js';

const LONDON = 'Europe/London';

/** The one source of "now" and "today". Rules take a LocalDate; only the edges hold a Clock. */
export interface Clock {
  now(): Date;
  /** Today's date in Europe/London. */
  today(): LocalDate;
}

export function londonDateOf(instant: Date): LocalDate {
  return format(new TZDate(instant, LONDON), 'yyyy-MM-dd') as LocalDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(new Date()),
};

/** A clock stopped at one instant, or at London noon on one date: for tests, previews and benchmarks. */
export function fixedClock(at: Date | string): Clock {
  const instant = at instanceof Date ? at : new TZDate(`${parseLocalDate(at)}T12:00:00`, LONDON);
  const frozen = new Date(instant.getTime());
  return { now: () => new Date(frozen.getTime()), today: () => londonDateOf(frozen) };
}

/**
 * The instant a London wall-clock time ("HH:MM") on a date happens, summer time or not. Built from its parts:
 * TZDate reads a date string in the machine's own zone, not London's.
 */
export function londonInstant(date: LocalDate, time: string): Date {
  const [year = 0, month = 1, day = 1] = parseLocalDate(date).split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(new TZDate(year, month - 1, day, hours, minutes, 0, LONDON).getTime());
}

/**
 * A clock that starts at `start` and then runs at the real clock's pace: the demo's `--now`, so a newcomer sees
 * what the bot does on some working-day morning without waiting for one.
 */
export function shiftedClock(start: Date, base: Pick<Clock, 'now'> = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  const now = () => new Date(base.now().getTime() + offset);
  return { now, today: () => londonDateOf(now()) };
}
