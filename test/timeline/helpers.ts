import { createCalendars } from '../../src/calendar/index.js';
import { createPolicyRegistry, type PolicyProfile } from '../../src/policy/index.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { computeTimeline, type CaseEvent, type CaseEventKind, type Obligation, type ObligationKind, type Timeline } from '../../src/timeline/index.js';

export const registry = createPolicyRegistry();
const calendars = createCalendars();

export interface Story {
  icpc: string;
  coreGroups?: string[];
  reviews?: string[];
  events?: Array<[CaseEventKind, string]>;
  today: string;
}

export function eventsOf(story: Story): CaseEvent[] {
  return [
    { kind: 'initial-conference', date: parseLocalDate(story.icpc) },
    ...(story.coreGroups ?? []).map((date): CaseEvent => ({ kind: 'core-group-held', date: parseLocalDate(date) })),
    ...(story.reviews ?? []).map((date): CaseEvent => ({ kind: 'review-conference-held', date: parseLocalDate(date) })),
    ...(story.events ?? []).map(([kind, date]): CaseEvent => ({ kind, date: parseLocalDate(date) })),
  ];
}

export function timelineOf(policy: string | PolicyProfile, story: Story, closureDays: string[] = []): Timeline {
  const profile = typeof policy === 'string' ? registry.require(policy) : policy;
  const cals = closureDays.length ? createCalendars(closureDays.map(parseLocalDate)) : calendars;
  return computeTimeline({ profile, calendars: cals, events: eventsOf(story), today: parseLocalDate(story.today) });
}

/** Obligations of one kind, in due order, as [due, status, metOn?] triples: easy to read in a table test. */
export function datesOf(timeline: Timeline, kind: ObligationKind): Array<[string, string, string?]> {
  return timeline.obligations
    .filter((o) => o.kind === kind)
    .map((o): [string, string, string?] => (o.metOn ? [o.due, o.status, o.metOn] : [o.due, o.status]));
}

export function only(timeline: Timeline, kind: ObligationKind): Obligation {
  const found = timeline.obligations.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
}
