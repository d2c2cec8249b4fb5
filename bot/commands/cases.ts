import { caseSummaryCard } from '../../cards/index.js';
import { caseSummaryData } from '../views/caseSummary.js';
import { cardReply } from '../views/reply.js';
import { staffNamesFor } from '../views/staffNames.js';
import type { CommandHandler } from './types.js';

/** "My cases": every case the asker is on, ended plans included, each with its team manager and chair by name. */
export const handleCases: CommandHandler = async ({ asker, today }, deps) => {
  const cases = await deps.timelines.forActor(asker, today);
  const names = await staffNamesFor(deps, asker, cases.flatMap((c) => [c.teamManager, c.chair]));
  return cardReply(caseSummaryCard(caseSummaryData('cases', cases, {}, names)));
};
