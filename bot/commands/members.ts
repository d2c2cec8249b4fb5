import { membersCard, type AdaptiveCardJson } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import type { BotServices } from '../services.js';
import { membersData } from '../views/members.js';
import { cardReply } from '../views/reply.js';
import { oneCaseNamed } from './caseNames.js';
import type { CommandHandler } from './types.js';

/** The core group as the asker may see it (everyone for those who run the case): for the message and the button alike. */
export const membersCardFor = async (deps: BotServices, asker: Actor, caseRef: string): Promise<AdaptiveCardJson> =>
  membersCard(membersData(await deps.cases.queries.getCase(asker, caseRef)));

/** "members CP-1042", or "members of Oak" (the asker's cases, to find the alias, then that case). */
export const handleMembers: CommandHandler = async (request, deps) => {
  const named = await oneCaseNamed(request, deps, 'Which case? For example: members CP-1042');
  return 'reply' in named ? named.reply : cardReply(await membersCardFor(deps, request.asker, named.caseRef));
};
