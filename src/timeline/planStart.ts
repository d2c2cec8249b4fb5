import { matchToMeetings, on, type TimelineContext } from './context.js';
import type { Obligation } from './obligation.js';

/** Seed 000: the outline plan goes to the core group members soon after the initial conference. */
export function outlinePlanObligations(ctx: TimelineContext): Obligation[] {
  const rule = ctx.profile.outlinePlan;
  if (!rule) return [];
  const due = ctx.spans.after(ctx.initialConference, rule.within);
  const metOn = matchToMeetings([ctx.initialConference], ctx.eventsOf('outline-plan-sent')).get(ctx.initialConference);
  return [
    {
      kind: 'outline-plan',
      due: due.date,
      status: ctx.statusOf(due.date, metOn),
      metOn,
      daysLate: ctx.daysLate(due.date, metOn),
      owner: rule.owner,
      firmness: 'deadline',
      basis: ctx.basis(rule.within, 'after', on(ctx.profile.startingConference, ctx.initialConference), due, rule.citation),
      citation: rule.citation,
    },
  ];
}
