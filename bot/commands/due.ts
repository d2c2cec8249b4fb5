import { caseSummaryCard } from '../../cards/index.js';
import { caseSummaryData, type SummaryQuestion } from '../views/caseSummary.js';
import { cardReply } from '../views/reply.js';
import { askedCases } from './caseNames.js';
import type { CommandHandler } from './types.js';

/** The next core group or review conference: for one case (by reference or alias), or all the asker's open cases. */
const nextMeeting =
  (question: Extract<SummaryQuestion, 'due' | 'review'>): CommandHandler =>
  async (request, deps) => {
    const asked = await askedCases(request, deps);
    if ('reply' in asked) return asked.reply;
    // A named case is answered even when its plan has ended; the list shows only open plans.
    const shown = asked.caseRef ? asked.cases : asked.cases.filter((c) => c.timeline.planEnded === null);
    return cardReply(caseSummaryCard(caseSummaryData(question, shown, { caseRef: asked.caseRef, by: request.intent.date })));
  };

/** "When is the next core group due?", or what falls due by a date. */
export const handleDue = nextMeeting('due');

/** "When is the next review conference for CP-9004?": its date, status and reason. */
export const handleReview = nextMeeting('review');
