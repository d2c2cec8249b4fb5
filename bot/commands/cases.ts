import { caseSummaryCard } from '../../cards/index.js';
import { caseSummaryData } from '../views/caseSummary.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** "My cases": every case the asker is on, ended plans included. */
export const handleCases: CommandHandler = async ({ asker, today }, deps) =>
  cardReply(caseSummaryCard(caseSummaryData('cases', await deps.timelines.forActor(asker, today))));
