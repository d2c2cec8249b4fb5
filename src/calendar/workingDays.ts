import { addDays, dayOfWeek, isWeekend, type LocalDate } from '../time/localDate.js';
import { BankHolidays } from './bankHolidays.js';
import type { Nation } from './nations.js';

/**
 * Working days for one nation: Monday to Friday, less that nation's bank holidays and the organisation's
 * own closure days (council Christmas closure, Scottish local holidays), which come from configuration.
 */
export interface WorkingCalendar {
  readonly nation: Nation;
  isWorkingDay(date: LocalDate): boolean;
  /** Why a date is not a working day ("Saturday", "Easter Monday", "organisation closure day"), or undefined. */
  closedBecause(date: LocalDate): string | undefined;
  /** "N working days after X": X is day 0; the answer is the Nth working day after it. */
  addWorkingDays(from: LocalDate, workingDays: number): LocalDate;
  /** "N working days before X": X is day 0; the answer is the Nth working day before it. */
  subtractWorkingDays(from: LocalDate, workingDays: number): LocalDate;
  /** The date itself when it is a working day, else the last working day before it. */
  onOrBeforeWorkingDay(date: LocalDate): LocalDate;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function createWorkingCalendar(nation: Nation, closureDays: Iterable<LocalDate> = []): WorkingCalendar {
  const holidays = new BankHolidays(nation);
  const closures = new Set<string>(closureDays);

  function closedBecause(date: LocalDate): string | undefined {
    if (isWeekend(date)) return WEEKDAY_NAMES[dayOfWeek(date)];
    return holidays.nameOf(date) ?? (closures.has(date) ? 'organisation closure day' : undefined);
  }

  const isWorkingDay = (date: LocalDate): boolean => closedBecause(date) === undefined;

  // Answers are pure and cases share dates, so each (date, count) is counted once per process: the set of
  // dates in use is small (years × 365), which keeps the cache small too.
  const counted = new Map<string, LocalDate>();
  function stepWorkingDays(from: LocalDate, count: number, direction: 1 | -1): LocalDate {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`working-day count must be a whole number ≥ 0, got ${count}`);
    const key = `${from}|${direction * count}`;
    const known = counted.get(key);
    if (known !== undefined) return known;
    let date = from;
    for (let left = count; left > 0; ) {
      date = addDays(date, direction);
      if (isWorkingDay(date)) left -= 1;
    }
    counted.set(key, date);
    return date;
  }

  return {
    nation,
    isWorkingDay,
    closedBecause,
    addWorkingDays: (from, count) => stepWorkingDays(from, count, 1),
    subtractWorkingDays: (from, count) => stepWorkingDays(from, count, -1),
    onOrBeforeWorkingDay(date) {
      let day = date;
      while (!isWorkingDay(day)) day = addDays(day, -1);
      return day;
    },
  };
}
