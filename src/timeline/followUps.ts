import type { FollowUpKind } from '../policy/schema.js';
import { on, takeFirstFrom, type TimelineContext } from './context.js';
import type { CaseEventKind } from './events.js';
import type { Obligation } from './obligation.js';

const MET_BY: Readonly<Record<FollowUpKind, CaseEventKind>> = {
  'plan-update': 'plan-updated',
  'plan-circulation': 'plan-circulated',
  minutes: 'minutes-received',
  'record-distribution': 'record-distributed',
};

/** What must follow every core group (plan updated and circulated, minutes, record): one obligation per meeting. */
export function followUpObligations(ctx: TimelineContext): Obligation[] {
  return ctx.profile.followUps.flatMap((rule) => {
    const events = ctx.datesOf(MET_BY[rule.kind]);
    const used = new Set<string>();
    // Each recorded event meets the earliest core group still waiting for it.
    return ctx.coreGroups.map((coreGroup): Obligation => {
      const due = ctx.spans.after(coreGroup, rule.within);
      const metOn = takeFirstFrom(events, coreGroup, used);
      return {
        kind: rule.kind,
        due: due.date,
        status: ctx.statusOf(due.date, metOn),
        ...(metOn !== undefined && { metOn }),
        owner: rule.owner,
        firmness: 'deadline',
        basis: ctx.basis(rule.within, 'after', on('core group', coreGroup), due, rule.citation),
        citation: rule.citation,
        follows: coreGroup,
      };
    });
  });
}
