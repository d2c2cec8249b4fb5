import { scheduleFormFor } from '../actions/scheduleMeetingForm.js';
import { cardReply } from '../views/reply.js';
import { oneCaseNamed } from './caseNames.js';
import type { CommandHandler } from './types.js';

/** "schedule CP-1042", "arrange the next core group for Oak": the scheduling form, with the timeline's proposal. */
export const handleSchedule: CommandHandler = async (request, deps) => {
  const named = await oneCaseNamed(request, deps, 'Which case? For example: schedule CP-1042');
  return 'reply' in named ? named.reply : cardReply(await scheduleFormFor(deps, request.asker, named.caseRef));
};
