import { on, type TimelineContext } from './context.js';
import type { Obligation } from './obligation.js';

/** Review conferences: the first within a span of the initial conference, each later one within a span of the last. */
export function reviewConferenceObligations(ctx: TimelineContext): Obligation[] {
  const obligations: Obligation[] = [];
  let conference = ctx.initialConference;
  for (let index = 0; ; index += 1) {
    const due = ctx.reviewDueAfter(conference);
    const metOn = ctx.reviews[index];
    if (metOn === undefined && ctx.planEnded !== null) break;
    obligations.push({
      kind: 'review-conference',
      due: due.date,
      status: ctx.statusOf(due.date, metOn),
      metOn,
      daysLate: ctx.daysLate(due.date, metOn),
      owner: 'chair',
      firmness: 'deadline',
      basis: ctx.basis(due.rule.within, 'after', on(ctx.conferenceName(conference), conference), due, due.rule.citation),
      citation: due.rule.citation,
    });
    if (metOn === undefined) break;
    conference = metOn;
  }
  return obligations;
}
