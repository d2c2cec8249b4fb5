import { reportsPackFor } from '../actions/reports.js';
import { cardReply } from '../views/reply.js';
import { oneCaseNamed } from './caseNames.js';
import type { CommandHandler } from './types.js';

/** "reports CP-1042", "reports for Oak": the reports pack for the next core group, each part a message in order. */
export const handleReports: CommandHandler = async (request, deps) => {
  const named = await oneCaseNamed(request, deps, 'Which case? For example: reports CP-1042');
  if ('reply' in named) return named.reply;
  const pack = await reportsPackFor(deps, request.asker, named.caseRef);
  return typeof pack === 'string' ? pack : pack.map(cardReply);
};
