import type { WorkingCalendar } from '../calendar/workingDays.js';
import type { LocalDate } from '../time/localDate.js';

/**
 * Which notice about a date is current today. A notice belongs to a day (its stage's first day) and stays current
 * until the next stage begins, so a run on any day, a late run after a missed one, or a second instance asks for
 * the same notice with the same date; the outbox sends it once. Stage days are working days of the case's nation,
 * so nothing is dated on a weekend or holiday to be sent beside the next working day's own.
 */
export interface Ahead {
  readonly day: LocalDate;
  readonly workingDays: number;
}

/**
 * The reminder ahead of `target` current today: the latest of "N working days before" on or before today, while
 * today is before the target (or, `through: 'target'`, not after it).
 */
export function aheadOf(calendar: WorkingCalendar, target: LocalDate, daysBefore: readonly number[], today: LocalDate, through: 'before' | 'target'): Ahead | undefined {
  if (through === 'before' ? today >= target : today > target) return undefined;
  let current: Ahead | undefined;
  for (const workingDays of daysBefore) {
    const day = calendar.subtractWorkingDays(target, workingDays);
    if (day <= today && (current === undefined || day > current.day)) current = { day, workingDays };
  }
  return current;
}

export type DueStage =
  | { readonly kind: 'due-soon'; readonly day: LocalDate; readonly workingDays: number }
  | { readonly kind: 'due-today'; readonly day: LocalDate }
  /** One a working day while it stays overdue: a weekend run belongs to the Friday before. */
  | { readonly kind: 'overdue'; readonly day: LocalDate };

/** What to say today about something due on `due`: soon, today, overdue; nothing before the first reminder. */
export function dueStage(calendar: WorkingCalendar, due: LocalDate, daysBefore: readonly number[], today: LocalDate): DueStage | undefined {
  if (today < due) {
    const ahead = aheadOf(calendar, due, daysBefore, today, 'before');
    return ahead && { kind: 'due-soon', ...ahead };
  }
  const lastWorkingDay = calendar.onOrBeforeWorkingDay(today);
  return lastWorkingDay > due ? { kind: 'overdue', day: lastWorkingDay } : { kind: 'due-today', day: due };
}

/** The first working day after a deadline, from which its passing is told (once); undefined before it. */
export function passedOn(calendar: WorkingCalendar, due: LocalDate, today: LocalDate): LocalDate | undefined {
  const day = calendar.addWorkingDays(due, 1);
  return today >= day ? day : undefined;
}
