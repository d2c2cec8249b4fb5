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
    if (metOn === undefined && ctx.planEnded !== null) break;
    const previous = ctx.coreGroups[index - 1];
    const next = previous === undefined ? firstCoreGroup(ctx) : laterCoreGroup(ctx, previous, metOn);
    const number = index + 1;
    obligations.push({
      kind: 'core-group',
      due: next.due.date,
      status: ctx.statusOf(next.due.date, metOn),
      ...(metOn !== undefined && { metOn }),
      owner: 'social-worker',
      firmness: next.firmness,
      basis: next.basis,
      citation: next.citation,
      coreGroup: { number, meeting: next.meeting, requirements: requirementsFor(ctx, number, next.meeting) },
    });
    if (metOn === undefined) break;
  }
  const open = obligations[obligations.length - 1];
  const escalation = open && missedCoreGroupEscalation(ctx, open);
  return escalation ? [...obligations, escalation] : obligations;
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

function laterCoreGroup(ctx: TimelineContext, previous: LocalDate, metOn: LocalDate | undefined): NextCoreGroup {
  const rule = ctx.profile.laterCoreGroups;
  const conference = conferenceBefore(ctx, metOn);
  if (rule.mode === 'targets') {
    const inCycle = ctx.coreGroups.filter((date) => date >= conference && date <= previous).length;
    // The first core group belongs to the initial conference's cycle but is not one of its targets.
    const held = conference === ctx.initialConference ? inCycle - 1 : inCycle;
    const targets = conference === ctx.initialConference ? rule.afterInitialConference : rule.afterReviewConference;
    const span = targets.spans[held];
    if (span !== undefined) {
      const due = ctx.spans.after(conference, span);
      const basis = ctx.basis(span, 'after', on(ctx.conferenceName(conference), conference), due, targets.citation);
      return { due, firmness: 'target', meeting: 'subsequent', basis, citation: targets.citation };
    }
    // This cycle's targets are all met: the next is the first target after the coming review.
    const review = ctx.reviewDueAfter(conference).date;
    const next = rule.afterReviewConference;
    const firstAfterReview = next.spans[0]!;
    const due = ctx.spans.after(review, firstAfterReview);
    const basis = ctx.basis(firstAfterReview, 'after', `the review conference due by ${formatShortDate(review)}`, due, next.citation);
    return { due, firmness: 'target', meeting: 'subsequent', basis, citation: next.citation };
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
  // A core group held in the last gap before the review is the one before review; the next follows the review.
  if (!fromReview && previous >= ctx.spans.before(review, rule.gap).date) {
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
 * within N working days and tells the managers. A separate obligation: the core group's own due date stands.
 */
function missedCoreGroupEscalation(ctx: TimelineContext, open: Obligation): Obligation | undefined {
  const rule = ctx.profile.missedCoreGroup;
  if (!rule || open.status !== 'overdue' || open.firmness !== 'deadline') return undefined;
  const decision = ctx.datesOf('missed-core-group-decision').find((date) => date > open.due);
  const due = ctx.spans.after(decision ?? open.due, rule.holdWithin);
  const anchor = decision
    ? on("chair's decision", decision)
    : `the missed core group deadline of ${formatShortDate(open.due)} (no chair's decision recorded yet)`;
  return {
    kind: 'missed-core-group-escalation',
    due: due.date,
    status: ctx.statusOf(due.date, undefined),
    owner: 'chair',
    firmness: 'deadline',
    basis: ctx.basis(rule.holdWithin, 'after', anchor, due, rule.citation),
    citation: rule.citation,
  };
}
