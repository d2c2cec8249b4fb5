import { membersCard } from '../../cards/index.js';
import { membersData } from '../views/members.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** "members CP-1042": the core group as the asker may see it (everyone for those who run the case). */
export const handleMembers: CommandHandler = async ({ asker, intent }, deps) => {
  if (intent.caseRef === undefined) return 'Which case? For example: members CP-1042';
  return cardReply(membersCard(membersData(await deps.cases.queries.getCase(asker, intent.caseRef))));
};
