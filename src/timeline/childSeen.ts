import { on, type TimelineContext } from './context.js';
import type { Obligation } from './obligation.js';

/**
 * Seed 001: the child is seen at least every N weeks while the plan lasts. A chain like the core groups': each
 * visit must come within the span of the one before (the first, of the initial conference), and a span that ends
 * on a non-working day moves back, as any maximum gap does.
 */
export function childSeenObligations(ctx: TimelineContext): Obligation[] {
  const rule = ctx.profile.childSeen;
  if (!rule) return [];
  const visits = ctx.datesOf('child-seen');
  const obligations: Obligation[] = [];
  for (let index = 0, from = ctx.initialConference; ; index += 1) {
    const due = ctx.spans.after(from, rule.every);
    const metOn = visits[index];
    if (metOn === undefined && ctx.planEnded !== null && due.date >= ctx.planEnded) break;
    const anchor = index === 0 ? on(ctx.profile.startingConference, from) : on('visit', from);
    obligations.push({
      kind: 'child-seen',
      due: due.date,
      status: ctx.statusOf(due.date, metOn, metOn === undefined ? ctx.planEnded : null),
      metOn,
      daysLate: ctx.daysLate(due.date, metOn),
      owner: rule.owner,
      firmness: 'deadline',
      basis: ctx.basis(rule.every, 'after', anchor, due, rule.citation),
      citation: rule.citation,
    });
    if (metOn === undefined) break;
    from = metOn;
  }
  return obligations;
}
