import { caseSummaryCard } from '../../cards/index.js';
import { caseSummaryData } from '../views/caseSummary.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** "When is the next core group due?" for one case, all the asker's open cases, or what falls due by a date. */
export const handleDue: CommandHandler = async ({ asker, intent, today }, deps) => {
  const cases = await deps.timelines.forActor(asker, today, intent.caseRef);
  // A named case is answered even when its plan has ended; the list shows only open plans.
  const shown = intent.caseRef ? cases : cases.filter((c) => c.timeline.planEnded === null);
  return cardReply(caseSummaryCard(caseSummaryData('due', shown, { caseRef: intent.caseRef, by: intent.date })));
};
