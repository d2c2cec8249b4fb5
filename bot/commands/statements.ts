import { formatLongDate } from '../../src/time/localDate.js';
import { lastHeldMeeting, meetingToAnswer, meetingToRecord } from '../../src/due/meetingFollowUps.js';
import { answerTarget, apologiesForm } from '../actions/apologiesForm.js';
import { followUpsCardFor, recordFormFor } from '../actions/recordMeeting.js';
import type { BotServices } from '../services.js';
import { cardReply } from '../views/reply.js';
import { askedCases } from './caseNames.js';
import type { IntentName } from './intents.js';
import type { CommandHandler, CommandRequest, Reply } from './types.js';

/**
 * What the person says they did or will not do ("I held the core group for CP-1042 today", "plan circulated",
 * "send my apologies"): answered with the card that records it, for the case named (or their only case); never a
 * due date.
 */
export const handleStatement: CommandHandler = async (request, deps) => {
  const named = await namedCase(request, deps);
  if ('reply' in named) return named.reply;
  switch (request.intent.intent) {
    case 'record-held':
      return held(request, deps, named.caseRef);
    case 'apologies':
      return apologies(request, deps, named.caseRef);
    default:
      return paperwork(request, deps, named.caseRef);
  }
};

/** How to name the case, for each statement, when the bot has to ask which. */
const EXAMPLE: Partial<Record<IntentName, string>> = { 'record-held': 'held CP-1042 today', apologies: 'send my apologies for CP-1042' };

/** The case a statement is about: by reference, by alias, or the asker's only case; otherwise which one. */
async function namedCase(request: CommandRequest, deps: BotServices): Promise<{ readonly caseRef: string } | { readonly reply: Reply }> {
  const asked = await askedCases(request, deps);
  if ('reply' in asked) return asked;
  const [only, ...others] = asked.cases;
  if (asked.caseRef !== undefined) return { caseRef: asked.caseRef };
  if (only !== undefined && others.length === 0) return { caseRef: only.caseRef };
  const example = EXAMPLE[request.intent.intent] ?? 'plan circulated for CP-1042';
  return { reply: `Which case? For example: ${example}` };
}

/** "I held the core group": the record form for the meeting waiting to be recorded (on the day said, if one was). */
async function held({ asker, intent, today }: CommandRequest, deps: BotServices, caseRef: string): Promise<Reply> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  const meeting = meetingToRecord(view, today, intent.date);
  if (!meeting) return `No core group for ${caseRef} is waiting to be recorded: none is scheduled on or before today. Schedule it, then record it; nothing was saved.`;
  return cardReply(await recordFormFor(deps, asker, caseRef, meeting.meetingId));
}

/** "Plan circulated": what follows the latest core group recorded, each with a date and Record. */
async function paperwork({ asker }: CommandRequest, deps: BotServices, caseRef: string): Promise<Reply> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  const meeting = lastHeldMeeting(view);
  if (!meeting) return `No core group for ${caseRef} has been recorded as held yet, so nothing follows one: record the meeting first ("held ${caseRef} today"). Nothing was saved.`;
  return cardReply(await followUpsCardFor(deps, asker, caseRef, meeting.meetingId));
}

/** "Send my apologies": the apologies form for the next meeting of the case (or the one on the day said). */
async function apologies({ asker, intent, today }: CommandRequest, deps: BotServices, caseRef: string): Promise<Reply> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  const meeting = meetingToAnswer(view, today, intent.date);
  if (!meeting) return `No core group for ${caseRef} is arranged${intent.date ? ` on ${formatLongDate(intent.date)}` : ''} that you could send apologies for: nothing was sent or saved.`;
  return cardReply(apologiesForm(deps, answerTarget(view, meeting.meetingId, undefined)));
}
