import type { WorkingCalendar } from '../calendar/workingDays.js';
import type { Citation, Duration, PolicyProfile } from '../policy/schema.js';
import { daysBetween, formatShortDate, type LocalDate } from '../time/localDate.js';
import { MEETING_EVENT_KINDS, type CaseEvent, type CaseEventKind } from './events.js';
import type { ObligationStatus } from './obligation.js';
import { Spans, type CountedDate } from './spans.js';

/** The facts of one case, sorted and bounded, shared by every rule of the engine. */
export class TimelineContext {
  readonly spans: Spans;
  readonly initialConference: LocalDate;
  /** When the plan ended: the date of a plan-ended event with the review conference that decided it (seed 004). */
  readonly planEnded: LocalDate | null;
  readonly coreGroups: readonly LocalDate[];
  readonly reviews: readonly LocalDate[];
  private readonly byKind = new Map<CaseEventKind, CaseEvent[]>();

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
    const reviewOn = new Set(sorted.filter((event) => event.kind === 'review-conference-held').map((event) => event.date));
    this.planEnded =
      sorted.find((event) => event.kind === 'plan-ended' && event.date > initialConference && reviewOn.has(event.date))?.date ?? null;
    const end = this.planEnded;
    for (const event of sorted) {
      // Nothing before the plan began counts towards it; no meeting after it ended does. Paperwork recorded after
      // the end still discharges what was owed before it.
      if (event.date < initialConference) continue;
      const meeting = MEETING_EVENT_KINDS.has(event.kind);
      if (meeting && end !== null && event.date > end) continue;
      const list = this.byKind.get(event.kind) ?? [];
      if (!(meeting && list[list.length - 1]?.date === event.date)) list.push(event);
      this.byKind.set(event.kind, list);
    }
    this.coreGroups = this.datesOf('core-group-held');
    this.reviews = this.datesOf('review-conference-held').filter((date) => date > initialConference);
  }

  /** Paperwork events of a kind, each one counted (two sent on one day are two). */
  eventsOf(kind: CaseEventKind): readonly CaseEvent[] {
    return this.byKind.get(kind) ?? [];
  }

  datesOf(kind: CaseEventKind): readonly LocalDate[] {
    return this.eventsOf(kind).map((event) => event.date);
  }

  /**
   * Met, or not yet; `closedOn` is when it stopped being possible to meet it (the plan ended, or the review it
   * was for was held): unmet by then, it was missed, and stays in the history as missed.
   */
  statusOf(due: LocalDate, metOn: LocalDate | undefined, closedOn: LocalDate | null = null): ObligationStatus {
    if (metOn !== undefined) return 'met';
    if (closedOn !== null) return 'missed';
    return this.today < due ? 'upcoming' : this.today === due ? 'due-today' : 'overdue';
  }

  /**
   * How late it was met: calendar days after the due date; undefined when on time or not met. Obligations carry
   * it (and `metOn`) as a plain property, even undefined, so every obligation has one shape: spreads of optional
   * parts made each a new shape and halved the engine's speed.
   */
  daysLate(due: LocalDate, metOn: LocalDate | undefined): number | undefined {
    return metOn !== undefined && metOn > due ? daysBetween(due, metOn) : undefined;
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
    return `${this.spans.describe(span)} ${direction} ${anchor}${moved} ${this.cite(citation)}`;
  }

  cite(citation: Citation): string {
    return citeRule(this.profile.id, citation);
  }
}

/** "(york: 'the words')", or "(england: paraphrase of <section>: …)" where the words are ours. */
export function citeRule(profileId: string, citation: Citation): string {
  const words = citation.wording === 'paraphrase' ? `paraphrase of ${citation.section}: ${citation.quote}` : `'${citation.quote}'`;
  return `(${profileId}: ${words})`;
}

export function on(what: string, date: LocalDate): string {
  return `the ${what} on ${formatShortDate(date)}`;
}

/**
 * Which paperwork event met each meeting's obligation. An event that names its core group (`follows`) meets
 * that one; the rest, in date order, meet the earliest meeting still waiting on or before their date. Events
 * after `until` (when the obligation could no longer be met) count for nothing.
 */
export function matchToMeetings(
  meetings: readonly LocalDate[],
  events: readonly CaseEvent[],
  until: (meeting: LocalDate) => LocalDate | null = () => null,
): Map<LocalDate, LocalDate> {
  const met = new Map<LocalDate, LocalDate>();
  const inTime = (meeting: LocalDate, event: CaseEvent) => event.date >= meeting && (until(meeting) ?? event.date) >= event.date;
  const loose: CaseEvent[] = [];
  for (const event of events) {
    const meeting = event.follows;
    if (meeting !== undefined && meetings.includes(meeting) && !met.has(meeting) && inTime(meeting, event)) met.set(meeting, event.date);
    else if (meeting === undefined) loose.push(event);
  }
  const used = new Set<CaseEvent>();
  for (const meeting of meetings) {
    if (met.has(meeting)) continue;
    const event = loose.find((candidate) => !used.has(candidate) && inTime(meeting, candidate));
    if (event === undefined) continue;
    used.add(event);
    met.set(meeting, event.date);
  }
  return met;
}
