import type { JointReportKind } from '../policy/schema.js';
import { formatShortDate, type LocalDate } from '../time/localDate.js';
import { on, takeFirstFrom, type TimelineContext } from './context.js';
import type { CaseEventKind } from './events.js';
import type { Obligation } from './obligation.js';

const MET_BY: Readonly<Record<JointReportKind, CaseEventKind>> = {
  'joint-report-draft': 'joint-report-draft-sent',
  'joint-report-comments': 'joint-report-comments-received',
  'joint-report-to-manager': 'joint-report-sent-to-manager',
  'joint-report-authorised': 'joint-report-authorised',
  'joint-report-final': 'joint-report-final-sent',
};

const LABEL: Readonly<Record<JointReportKind, string>> = {
  'joint-report-draft': 'draft joint report sent',
  'joint-report-comments': 'comments on the draft',
  'joint-report-to-manager': 'report sent to the team manager',
  'joint-report-authorised': 'report authorised',
  'joint-report-final': 'final report sent',
};

/**
 * Seed 002's joint report for each review conference: it starts at the core group before the review and
 * runs step by step; each step counts from when the step before was done, or was due if it is not yet.
 */
export function jointReportObligations(ctx: TimelineContext): Obligation[] {
  const steps = ctx.profile.jointReport;
  const rule = ctx.profile.laterCoreGroups;
  if (!steps || rule.mode !== 'max-gap') return [];
  const used = new Map<JointReportKind, Set<string>>(steps.map((step) => [step.kind, new Set<string>()]));
  const conferences = [ctx.initialConference, ...ctx.reviews];

  return conferences.flatMap((conference, index) => {
    const reviewDue = ctx.reviewDueAfter(conference).date;
    const reviewHeld: LocalDate | undefined = ctx.reviews[index];
    const windowStart = ctx.spans.before(reviewDue, rule.gap).date;
    const preReviewCoreGroup = ctx.coreGroups.find(
      (date) => date >= conference && date >= windowStart && (reviewHeld === undefined || date < reviewHeld),
    );
    if (preReviewCoreGroup === undefined) return [];
    const review = reviewHeld ?? reviewDue;
    const reviewText = reviewHeld ? on('review conference', reviewHeld) : `the review conference due by ${formatShortDate(reviewDue)}`;

    let previous: { date: LocalDate; text: string } = {
      date: preReviewCoreGroup,
      text: on('core group before review', preReviewCoreGroup),
    };
    return steps.map((step): Obligation => {
      const timing = step.timing;
      const due = timing.from === 'review-conference' ? ctx.spans.before(review, timing.before) : ctx.spans.after(previous.date, timing.within);
      const basis =
        timing.from === 'review-conference'
          ? ctx.basis(timing.before, 'before', reviewText, due, step.citation)
          : ctx.basis(timing.within, 'after', previous.text, due, step.citation);
      const metOn = takeFirstFrom(ctx.datesOf(MET_BY[step.kind]), preReviewCoreGroup, used.get(step.kind)!);
      previous =
        metOn !== undefined
          ? { date: metOn, text: `the ${LABEL[step.kind]} on ${formatShortDate(metOn)}` }
          : { date: due.date, text: `the ${LABEL[step.kind]} due by ${formatShortDate(due.date)}` };
      return {
        kind: step.kind,
        due: due.date,
        status: ctx.statusOf(due.date, metOn),
        ...(metOn !== undefined && { metOn }),
        owner: step.owner,
        firmness: 'deadline',
        basis,
        citation: step.citation,
        follows: preReviewCoreGroup,
      };
    });
  });
}
