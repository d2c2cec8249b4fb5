import { caseSummaryCard } from '../../cards/index.js';
import { caseSummaryData } from '../views/caseSummary.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** "Anything overdue?": only cases with something past its due date, most urgent first. */
export const handleOverdue: CommandHandler = async ({ asker, intent, today }, deps) => {
  const cases = await deps.timelines.forActor(asker, today, intent.caseRef);
  return cardReply(caseSummaryCard(caseSummaryData('overdue', cases, { caseRef: intent.caseRef })));
};
