import { matchToMeetings, on, type TimelineContext } from './context.js';
import { MET_BY } from './metBy.js';
import type { Obligation } from './obligation.js';

/**
 * What must follow every core group (plan updated and circulated, minutes, record): one obligation per meeting,
 * owed whether or not the plan has since ended. A rule without a timescale is owed from the meeting, undated.
 */
export function followUpObligations(ctx: TimelineContext): Obligation[] {
  return ctx.profile.followUps.flatMap((rule) => {
    const met = matchToMeetings(ctx.coreGroups, ctx.eventsOf(MET_BY[rule.kind]));
    return ctx.coreGroups.map((coreGroup): Obligation => {
      const metOn = met.get(coreGroup);
      // One object literal, not spreads: a timeline has many of these, and spreads cost a fresh shape each.
      if (rule.within === undefined) {
        const basis = `owed after ${on('core group', coreGroup)}; the procedure gives no timescale ${ctx.cite(rule.citation)}`;
        const status = metOn === undefined ? 'owed' : 'met';
        return { kind: rule.kind, due: coreGroup, status, metOn, owner: rule.owner, firmness: 'undated', basis, citation: rule.citation, follows: coreGroup };
      }
      const due = ctx.spans.after(coreGroup, rule.within);
      return {
        kind: rule.kind,
        due: due.date,
        status: ctx.statusOf(due.date, metOn),
        metOn,
        daysLate: ctx.daysLate(due.date, metOn),
        owner: rule.owner,
        firmness: 'deadline',
        basis: ctx.basis(rule.within, 'after', on('core group', coreGroup), due, rule.citation),
        citation: rule.citation,
        follows: coreGroup,
      };
    });
  });
}
