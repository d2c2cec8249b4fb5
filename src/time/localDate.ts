import { UTCDate } from '@date-fns/utc';
import { addMonths as addMonthsFns, format } from 'date-fns';

/**
 * A calendar date in Europe/London, written YYYY-MM-DD. Rules work on these plain dates only: no time of
 * day, so no daylight-saving edge can shift a deadline. Arithmetic goes through UTC midnight, where every
 * day is 24 hours long: whole days on the millisecond count (the hot path of working-day counting), months
 * through date-fns for its end-of-month clamping.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real Gregorian date, years 0001–9999. Plain arithmetic rather than a parse and format round trip: it checks
 * every date read from storage (each case summary carries a dozen), so it sits on the hot path of every answer.
 */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const parts = SHAPE.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
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

const DAY_MS = 86_400_000;

function toUtc(date: LocalDate): UTCDate {
  return new UTCDate(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): LocalDate {
  return date.toISOString().slice(0, 10) as LocalDate;
}

const epochMs = (date: LocalDate): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(epochMs(date) + days * DAY_MS).toISOString().slice(0, 10) as LocalDate;
}

export function addWeeks(date: LocalDate, weeks: number): LocalDate {
  return addDays(date, weeks * 7);
}

/** Calendar months; a day that the target month lacks clamps to its last day (29 Jan + 1 month = 28 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return fromUtc(addMonthsFns(toUtc(date), months));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(epochMs(date)).getUTCDay();
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

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((epochMs(to) - epochMs(from)) / DAY_MS);
}

/** "Tue 5 Jan 2027": how people read dates in cards and answers. */
export function formatLongDate(date: LocalDate): string {
  return format(toUtc(date), 'EEE d MMM yyyy');
}

const shortForms = new Map<LocalDate, string>();

/** "5 Jan 2027": the short form used inside sentences (every basis has one, so each is formatted once). */
export function formatShortDate(date: LocalDate): string {
  let text = shortForms.get(date);
  if (text === undefined) shortForms.set(date, (text = format(toUtc(date), 'd MMM yyyy')));
  return text;
}
