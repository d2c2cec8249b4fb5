import { londonDateOf, londonInstant, type Clock } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';

/** A clock a test moves: to a London date and wall-clock time, as a time-travel simulation walks the days. */
export interface TravelClock extends Clock {
  at(date: LocalDate | string, time?: string): void;
}

export function travelClock(date: LocalDate | string, time = '12:00'): TravelClock {
  let now = londonInstant(date as LocalDate, time);
  return {
    now: () => new Date(now.getTime()),
    today: () => londonDateOf(now),
    at(to, at = '12:00') {
      now = londonInstant(to as LocalDate, at);
    },
  };
}
