import type { JointReportKind } from '../policy/schema.js';
import { formatShortDate, type LocalDate } from '../time/localDate.js';
import { matchToMeetings, on, type TimelineContext } from './context.js';
import { MET_BY } from './metBy.js';
import type { Obligation } from './obligation.js';

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
 * The steps belong to that review: once it is held, a step not done by then was missed if it was due before
 * the review, and is moot (not shown) if it was not yet due; nothing done after the review counts for it.
 */
export function jointReportObligations(ctx: TimelineContext): Obligation[] {
  const steps = ctx.profile.jointReport;
  const rule = ctx.profile.laterCoreGroups;
  if (!steps || rule.mode !== 'max-gap') return [];
  const conferences = [ctx.initialConference, ...ctx.reviews];

  const reports = conferences.flatMap((conference, index) => {
    const reviewDue = ctx.reviewDueAfter(conference).date;
    const reviewHeld: LocalDate | undefined = ctx.reviews[index];
    const windowStart = ctx.spans.before(reviewDue, rule.gap).date;
    // The first core group of the plan is never the one before review (see coreGroups.ts).
    const first = conference === ctx.initialConference ? ctx.coreGroups[0] : undefined;
    const preReviewCoreGroup = ctx.coreGroups.find(
      (date) => date >= conference && date >= windowStart && date !== first && (reviewHeld === undefined || date < reviewHeld),
    );
    return preReviewCoreGroup === undefined ? [] : [{ preReviewCoreGroup, reviewDue, reviewHeld }];
  });
  const meetings = reports.map((report) => report.preReviewCoreGroup);
  const heldFor = new Map(reports.map((report) => [report.preReviewCoreGroup, report.reviewHeld ?? null]));
  const metBy = new Map(steps.map((step) => [step.kind, matchToMeetings(meetings, ctx.eventsOf(MET_BY[step.kind]), (m) => heldFor.get(m) ?? null)]));

  return reports.flatMap(({ preReviewCoreGroup, reviewDue, reviewHeld }) => {
    const review = reviewHeld ?? reviewDue;
    const reviewText = reviewHeld ? on('review conference', reviewHeld) : `the review conference due by ${formatShortDate(reviewDue)}`;
    let previous: { date: LocalDate; text: string } = {
      date: preReviewCoreGroup,
      text: on('core group before review', preReviewCoreGroup),
    };
    return steps.flatMap((step): Obligation[] => {
      const timing = step.timing;
      const due = timing.from === 'review-conference' ? ctx.spans.before(review, timing.before) : ctx.spans.after(previous.date, timing.within);
      const basis =
        timing.from === 'review-conference'
          ? ctx.basis(timing.before, 'before', reviewText, due, step.citation)
          : ctx.basis(timing.within, 'after', previous.text, due, step.citation);
      const metOn = metBy.get(step.kind)!.get(preReviewCoreGroup);
      previous =
        metOn !== undefined
          ? { date: metOn, text: `the ${LABEL[step.kind]} on ${formatShortDate(metOn)}` }
          : { date: due.date, text: `the ${LABEL[step.kind]} due by ${formatShortDate(due.date)}` };
      if (metOn === undefined && reviewHeld !== undefined && due.date >= reviewHeld) return [];
      return [
        {
          kind: step.kind,
          due: due.date,
          status: ctx.statusOf(due.date, metOn, reviewHeld ?? null),
          metOn,
          daysLate: ctx.daysLate(due.date, metOn),
          owner: step.owner,
          firmness: 'deadline',
          basis,
          citation: step.citation,
          follows: preReviewCoreGroup,
        },
      ];
    });
  });
}
