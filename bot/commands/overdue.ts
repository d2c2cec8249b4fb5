import { caseSummaryCard } from '../../cards/index.js';
import { caseSummaryData } from '../views/caseSummary.js';
import { cardReply } from '../views/reply.js';
import { askedCases } from './caseNames.js';
import type { CommandHandler } from './types.js';

/** "Anything overdue?": only what is past its date, on one case or all the asker's, most urgent first. */
export const handleOverdue: CommandHandler = async (request, deps) => {
  const asked = await askedCases(request, deps);
  if ('reply' in asked) return asked.reply;
  return cardReply(caseSummaryCard(caseSummaryData('overdue', asked.cases, { caseRef: asked.caseRef })));
};
