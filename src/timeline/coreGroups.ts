import type { RoleRequirement } from '../policy/schema.js';
import { formatShortDate, type LocalDate } from '../time/localDate.js';
import { on, type TimelineContext } from './context.js';
import type { CoreGroupMeeting, Firmness, Obligation } from './obligation.js';
import type { CountedDate } from './spans.js';

interface NextCoreGroup {
  readonly due: CountedDate;
  readonly firmness: Firmness;
  readonly meeting: CoreGroupMeeting;
  readonly basis: string;
  readonly citation: Obligation['citation'];
}

/**
 * The chain of core groups: the first counted from the initial conference, each later one from what had
 * happened before the core group that met it (or, for the one still open, from everything recorded so far).
 */
export function coreGroupObligations(ctx: TimelineContext): Obligation[] {
  const obligations: Obligation[] = [];
  for (let index = 0; ; index += 1) {
    const metOn = ctx.coreGroups[index];
    const previous = ctx.coreGroups[index - 1];
    const number = index + 1;
    const next = previous === undefined ? firstCoreGroup(ctx) : laterCoreGroup(ctx, previous, metOn, number);
    // After the plan ended nothing more falls due; what was owed before it stays, as missed.
    if (metOn === undefined && ctx.planEnded !== null && next.due.date >= ctx.planEnded) break;
    obligations.push({
      kind: 'core-group',
      due: next.due.date,
      status: ctx.statusOf(next.due.date, metOn, metOn === undefined ? ctx.planEnded : null),
      metOn,
      daysLate: ctx.daysLate(next.due.date, metOn),
      owner: 'social-worker',
      firmness: next.firmness,
      basis: next.basis,
      citation: next.citation,
      coreGroup: { number, meeting: next.meeting, requirements: requirementsFor(ctx, number, next.meeting) },
    });
    if (metOn === undefined) break;
  }
  return [...obligations, ...obligations.flatMap((coreGroup) => missedCoreGroupEscalation(ctx, coreGroup) ?? [])];
}

function firstCoreGroup(ctx: TimelineContext): NextCoreGroup {
  const rule = ctx.profile.firstCoreGroup;
  const due = ctx.spans.after(ctx.initialConference, rule.within);
  const anchor = on(ctx.profile.startingConference, ctx.initialConference);
  return { due, firmness: 'deadline', meeting: 'first', basis: ctx.basis(rule.within, 'after', anchor, due, rule.citation), citation: rule.citation };
}

/** The latest conference held before the core group that met this obligation (or before now, if none has). */
function conferenceBefore(ctx: TimelineContext, metOn: LocalDate | undefined): LocalDate {
  const reviews = metOn === undefined ? ctx.reviews : ctx.reviews.filter((review) => review < metOn);
  return reviews[reviews.length - 1] ?? ctx.initialConference;
}

function laterCoreGroup(ctx: TimelineContext, previous: LocalDate, metOn: LocalDate | undefined, number: number): NextCoreGroup {
  const rule = ctx.profile.laterCoreGroups;
  const conference = conferenceBefore(ctx, metOn);
  if (rule.mode === 'targets') {
    const inCycle = ctx.coreGroups.filter((date) => date >= conference && date <= previous).length;
    // The first core group belongs to the initial conference's cycle but is not one of its targets.
    let held = conference === ctx.initialConference ? inCycle - 1 : inCycle;
    let targets = conference === ctx.initialConference ? rule.afterInitialConference : rule.afterReviewConference;
    let anchor = conference;
    let anchorText = on(ctx.conferenceName(conference), conference);
    // A cycle whose targets are all met moves on to the next review's targets, counted from its due date while
    // it has not been held; core groups already held beyond the cycle count against the next one's targets.
    for (let review = ctx.reviewDueAfter(conference).date; held >= targets.spans.length; ) {
      held -= targets.spans.length;
      targets = rule.afterReviewConference;
      anchor = review;
      anchorText = `the review conference due by ${formatShortDate(review)}`;
      review = ctx.spans.after(review, ctx.profile.reviewConference.then.within).date;
    }
    const span = targets.spans[held]!;
    const due = ctx.spans.after(anchor, span);
    return { due, firmness: 'target', meeting: 'subsequent', basis: ctx.basis(span, 'after', anchorText, due, targets.citation), citation: targets.citation };
  }

  const fromReview = rule.resetByReview && conference > previous;
  const anchor = fromReview ? conference : previous;
  const anchorText = fromReview ? on('review conference', conference) : on('core group', previous);
  const regularDue = ctx.spans.after(anchor, rule.gap);
  const regular: NextCoreGroup = {
    due: regularDue,
    firmness: 'deadline',
    meeting: 'subsequent',
    basis: ctx.basis(rule.gap, 'after', anchorText, regularDue, rule.citation),
    citation: rule.citation,
  };
  if (!rule.preReview) return regular;

  const review = ctx.reviewDueAfter(conference).date;
  const reviewText = `the review conference due by ${formatShortDate(review)}`;
  // Before the first review the flow chart has two core groups: the first (team manager chairs) and the second,
  // the one before review (team manager attends, joint report). The first is never the one before review,
  // however late it is held, so it cannot swallow the second.
  const firstOfPlan = number === 2 && conference === ctx.initialConference;
  // A core group held in the last gap before the review is the one before review; the next follows the review.
  if (!fromReview && !firstOfPlan && previous >= ctx.spans.before(review, rule.gap).date) {
    const due = ctx.spans.after(review, rule.gap);
    return { ...regular, due, basis: ctx.basis(rule.gap, 'after', reviewText, due, rule.citation) };
  }
  const preReview = ctx.spans.before(review, rule.preReview.before);
  if (preReview.date >= regular.due.date) return regular;
  return {
    due: preReview,
    firmness: 'deadline',
    meeting: 'pre-review',
    basis: ctx.basis(rule.preReview.before, 'before', reviewText, preReview, rule.preReview.citation),
    citation: rule.preReview.citation,
  };
}

function requirementsFor(ctx: TimelineContext, number: number, meeting: CoreGroupMeeting): RoleRequirement[] {
  return ctx.profile.roleRequirements.filter(
    (requirement) =>
      requirement.meeting === 'every' ||
      (requirement.meeting === 'first' && number === 1) ||
      (requirement.meeting === 'second' && number === 2) ||
      (requirement.meeting === 'pre-review' && meeting === 'pre-review'),
  );
}

/**
 * Seed 000's quality assurance: when a core group deadline passes, the chair records that one must be held
 * within N working days and tells the managers. A separate obligation, met by the core group finally held (so a
 * late meeting leaves it in the history, met late or on time); the core group's own due date stands.
 */
function missedCoreGroupEscalation(ctx: TimelineContext, coreGroup: Obligation): Obligation | undefined {
  const rule = ctx.profile.missedCoreGroup;
  const passed = coreGroup.status === 'overdue' || coreGroup.status === 'missed' || coreGroup.daysLate !== undefined;
  if (!rule || !passed || coreGroup.firmness !== 'deadline') return undefined;
  const heldOn = coreGroup.metOn;
  const decision = ctx.datesOf('missed-core-group-decision').find((date) => date > coreGroup.due && (heldOn === undefined || date <= heldOn));
  const due = ctx.spans.after(decision ?? coreGroup.due, rule.holdWithin);
  // Not yet due when the plan ended: no core group can be held now, and the core group itself shows as missed.
  if (heldOn === undefined && ctx.planEnded !== null && due.date >= ctx.planEnded) return undefined;
  const anchor = decision
    ? on("chair's decision", decision)
    : `the missed core group deadline of ${formatShortDate(coreGroup.due)}${heldOn === undefined ? ' (no chair\'s decision recorded yet)' : ''}`;
  return {
    kind: 'missed-core-group-escalation',
    due: due.date,
    status: ctx.statusOf(due.date, heldOn, heldOn === undefined ? ctx.planEnded : null),
    metOn: heldOn,
    daysLate: ctx.daysLate(due.date, heldOn),
    owner: 'chair',
    firmness: 'deadline',
    basis: ctx.basis(rule.holdWithin, 'after', anchor, due, rule.citation),
    citation: rule.citation,
  };
}
