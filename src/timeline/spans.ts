import type { WorkingCalendar } from '../calendar/workingDays.js';
import type { Duration, PolicyProfile } from '../policy/schema.js';
import { addDays, addMonths, addWeeks, formatShortDate, type LocalDate } from '../time/localDate.js';

/** A date reached by counting a span, and why it moved if it landed on a non-working day. */
export interface CountedDate {
  readonly date: LocalDate;
  /** "Sat 16 Jan 2027 is a Saturday" when the count landed on a closed day and moved back. */
  readonly movedBecause?: string;
}

type ResolvedUnit = 'working-days' | 'calendar-days' | 'weeks' | 'months';

/**
 * Applies a profile's spans on its calendar. The interpretation choices live here and nowhere else:
 * - "N working days after X" counts X as day 0 and skips weekends, bank holidays and closure days;
 * - any other span ("6 weeks", "1 month", "5 calendar days") that lands on a non-working day moves back to
 *   the working day before, because the thing must be done *by* then;
 * - months clamp to the month's end before that move (29 Jan + 1 month = 28 Feb);
 * - "days" the source leaves open are read as the profile's `openDaysAre`.
 */
export class Spans {
  constructor(
    private readonly profile: Pick<PolicyProfile, 'openDaysAre'>,
    private readonly calendar: WorkingCalendar,
  ) {}

  private unitOf(span: Duration): ResolvedUnit {
    return span.unit === 'days' ? this.profile.openDaysAre : span.unit;
  }

  after(from: LocalDate, span: Duration): CountedDate {
    return this.count(from, span, 1);
  }

  before(from: LocalDate, span: Duration): CountedDate {
    return this.count(from, span, -1);
  }

  private count(from: LocalDate, span: Duration, direction: 1 | -1): CountedDate {
    const unit = this.unitOf(span);
    if (unit === 'working-days') {
      const date =
        direction === 1 ? this.calendar.addWorkingDays(from, span.amount) : this.calendar.subtractWorkingDays(from, span.amount);
      return { date };
    }
    const amount = span.amount * direction;
    const landed =
      unit === 'calendar-days' ? addDays(from, amount) : unit === 'weeks' ? addWeeks(from, amount) : addMonths(from, amount);
    const date = this.calendar.onOrBeforeWorkingDay(landed);
    if (date === landed) return { date };
    return { date, movedBecause: `${formatShortDate(landed)} is ${describeClosure(this.calendar.closedBecause(landed))}` };
  }

  /** "10 working days", "6 weeks", "1 month", "10 days (read as working days)". */
  describe(span: Duration): string {
    const plural = span.amount === 1 ? '' : 's';
    switch (span.unit) {
      case 'working-days':
        return `${span.amount} working day${plural}`;
      case 'calendar-days':
        return `${span.amount} calendar day${plural}`;
      case 'days':
        return `${span.amount} day${plural} (read as ${this.profile.openDaysAre.replace('-', ' ')})`;
      case 'weeks':
        return `${span.amount} week${plural}`;
      case 'months':
        return `${span.amount} month${plural}`;
    }
  }
}

/** Why a day is closed, in a sentence: "a Saturday", "Easter Monday", "an organisation closure day". */
export function describeClosure(reason: string | undefined): string {
  if (reason === undefined) return 'not a working day';
  if (/^[A-Z][a-z]+day$/.test(reason) && !reason.includes(' ')) return `a ${reason}`;
  return reason === 'organisation closure day' ? 'an organisation closure day' : reason;
}
