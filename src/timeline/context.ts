import type { WorkingCalendar } from '../calendar/workingDays.js';
import type { Citation, Duration, PolicyProfile } from '../policy/schema.js';
import { formatShortDate, type LocalDate } from '../time/localDate.js';
import type { CaseEvent, CaseEventKind } from './events.js';
import type { ObligationStatus } from './obligation.js';
import { Spans, type CountedDate } from './spans.js';

/** The facts of one case, sorted and bounded, shared by every rule of the engine. */
export class TimelineContext {
  readonly spans: Spans;
  readonly initialConference: LocalDate;
  readonly planEnded: LocalDate | null;
  readonly coreGroups: readonly LocalDate[];
  readonly reviews: readonly LocalDate[];
  private readonly byKind = new Map<CaseEventKind, LocalDate[]>();

  constructor(
    readonly profile: PolicyProfile,
    calendar: WorkingCalendar,
    events: readonly CaseEvent[],
    readonly today: LocalDate,
    initialConference: LocalDate,
  ) {
    this.spans = new Spans(profile, calendar);
    this.initialConference = initialConference;
    const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    this.planEnded = sorted.find((event) => event.kind === 'plan-ended' && event.date >= initialConference)?.date ?? null;
    const end = this.planEnded;
    for (const event of sorted) {
      // Nothing before the plan began or after it ended counts towards it.
      if (event.date < initialConference || (end !== null && event.date > end)) continue;
      const dates = this.byKind.get(event.kind) ?? [];
      if (dates[dates.length - 1] !== event.date) dates.push(event.date);
      this.byKind.set(event.kind, dates);
    }
    this.coreGroups = this.datesOf('core-group-held');
    this.reviews = this.datesOf('review-conference-held').filter((date) => date > initialConference);
  }

  datesOf(kind: CaseEventKind): readonly LocalDate[] {
    return this.byKind.get(kind) ?? [];
  }

  statusOf(due: LocalDate, metOn: LocalDate | undefined): ObligationStatus {
    if (metOn !== undefined) return 'met';
    return this.today < due ? 'upcoming' : this.today === due ? 'due-today' : 'overdue';
  }

  /** The latest conference (initial or review) held on or before a date. */
  conferenceOnOrBefore(date: LocalDate): LocalDate {
    let latest = this.initialConference;
    for (const review of this.reviews) if (review <= date) latest = review;
    return latest;
  }

  /** When the review conference after this conference is due, with the rule that sets it. */
  reviewDueAfter(conference: LocalDate): CountedDate & { rule: PolicyProfile['reviewConference']['first'] } {
    const rule = conference === this.initialConference ? this.profile.reviewConference.first : this.profile.reviewConference.then;
    return { ...this.spans.after(conference, rule.within), rule };
  }

  conferenceName(conference: LocalDate): string {
    return conference === this.initialConference ? this.profile.startingConference : 'review conference';
  }

  /** "6 weeks after the core group on 5 Jan 2027 (six-weekly-isu: 'at least every six weeks …')". */
  basis(span: Duration, direction: 'after' | 'before', anchor: string, counted: CountedDate, citation: Citation): string {
    const moved = counted.movedBecause ? `, moved back to the working day before as ${counted.movedBecause}` : '';
    return `${this.spans.describe(span)} ${direction} ${anchor}${moved} (${this.profile.id}: '${citation.quote}')`;
  }
}

export function on(what: string, date: LocalDate): string {
  return `the ${what} on ${formatShortDate(date)}`;
}

/** The first date in a sorted list on or after `from` that is not yet used; marks it used. */
export function takeFirstFrom(dates: readonly LocalDate[], from: LocalDate, used: Set<string>): LocalDate | undefined {
  const found = dates.find((date) => date >= from && !used.has(date));
  if (found !== undefined) used.add(found);
  return found;
}
