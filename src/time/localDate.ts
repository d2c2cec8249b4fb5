import { UTCDate } from '@date-fns/utc';
import { addDays as addDaysFns, addMonths as addMonthsFns, addWeeks as addWeeksFns, format, isValid, parseISO } from 'date-fns';

/**
 * A calendar date in Europe/London, written YYYY-MM-DD. Rules work on these plain dates only: no time of
 * day, so no daylight-saving edge can shift a deadline. Arithmetic goes through UTC midnight, where every
 * day is 24 hours long.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  const date = parseISO(value);
  // parseISO accepts 2027-02-30 as an invalid date; a round trip catches rolled-over days too.
  return isValid(date) && format(date, 'yyyy-MM-dd') === value;
}

export class InvalidDateError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a date in the form YYYY-MM-DD`);
    this.name = 'InvalidDateError';
  }
}

export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidDateError(value);
  return value;
}

function toUtc(date: LocalDate): UTCDate {
  return new UTCDate(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): LocalDate {
  return date.toISOString().slice(0, 10) as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(addDaysFns(toUtc(date), days));
}

export function addWeeks(date: LocalDate, weeks: number): LocalDate {
  return fromUtc(addWeeksFns(toUtc(date), weeks));
}

/** Calendar months; a day that the target month lacks clamps to its last day (29 Jan + 1 month = 28 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return fromUtc(addMonthsFns(toUtc(date), months));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** "Tue 5 Jan 2027": how people read dates in cards and answers. */
export function formatLongDate(date: LocalDate): string {
  return format(toUtc(date), 'EEE d MMM yyyy');
}

/** "5 Jan 2027": the short form used inside sentences. */
export function formatShortDate(date: LocalDate): string {
  return format(toUtc(date), 'd MMM yyyy');
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}
