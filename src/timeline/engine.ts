import type { Calendars } from '../calendar/index.js';
import { FOLLOW_UP_KINDS, JOINT_REPORT_KINDS, type PolicyProfile } from '../policy/schema.js';
import type { LocalDate } from '../time/localDate.js';
import { TimelineContext } from './context.js';
import { coreGroupObligations } from './coreGroups.js';
import type { CaseEvent } from './events.js';
import { followUpObligations } from './followUps.js';
import { jointReportObligations } from './jointReport.js';
import { isOpen, type Obligation, type ObligationKind, type Timeline } from './obligation.js';
import { childSeenObligations } from './childSeen.js';
import { outlinePlanObligations } from './planStart.js';
import { reviewConferenceObligations } from './reviews.js';

export interface TimelineInput {
  readonly profile: PolicyProfile;
  readonly calendars: Calendars;
  readonly events: readonly CaseEvent[];
  readonly today: LocalDate;
}

export class NoInitialConferenceError extends Error {
  override name = 'NoInitialConferenceError';
  constructor() {
    super('The case has no initial conference date, so nothing can be counted from it.');
  }
}

/** How obligations due on one day are listed: meetings first, then paperwork in the order it follows them. */
const KIND_ORDER: readonly ObligationKind[] = [
  'core-group',
  'missed-core-group-escalation',
  'review-conference',
  'outline-plan',
  'child-seen',
  ...FOLLOW_UP_KINDS,
  ...JOINT_REPORT_KINDS,
];

const byDueThenKind = (a: Obligation, b: Obligation): number =>
  a.due < b.due ? -1 : a.due > b.due ? 1 : KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);

/**
 * What is due on a case, and when: a pure function of the case's events, its procedure, the nation's
 * calendar and today. The chat answer, the reminders and the digests all ask this, so they cannot disagree.
 */
export function computeTimeline({ profile, calendars, events, today }: TimelineInput): Timeline {
  const initialConference = events
    .filter((event) => event.kind === 'initial-conference')
    .reduce<LocalDate | undefined>((earliest, event) => (earliest === undefined || event.date < earliest ? event.date : earliest), undefined);
  if (initialConference === undefined) throw new NoInitialConferenceError();

  const ctx = new TimelineContext(profile, calendars[profile.nation], events, today, initialConference);
  const coreGroups = coreGroupObligations(ctx);
  const reviews = reviewConferenceObligations(ctx);
  const obligations = [
    ...coreGroups,
    ...reviews,
    ...outlinePlanObligations(ctx),
    ...childSeenObligations(ctx),
    ...followUpObligations(ctx),
    ...jointReportObligations(ctx),
  ].sort(byDueThenKind);
  return {
    policyId: profile.id,
    today,
    planEnded: ctx.planEnded,
    nextCoreGroup: coreGroups.find((obligation) => obligation.kind === 'core-group' && isOpen(obligation)) ?? null,
    nextReviewConference: reviews.find(isOpen) ?? null,
    obligations,
  };
}
