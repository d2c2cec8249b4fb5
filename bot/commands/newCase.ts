import { EMPTY_NEW_CASE, newCaseFormCard, type AdaptiveCardJson, type NewCaseValues } from '../../cards/index.js';
import type { BotServices } from '../services.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** The new case form; also re-shown, with what was typed and why it was refused, after a bad submit. */
export function newCaseForm(deps: BotServices, values: Partial<NewCaseValues> = {}, error = ''): AdaptiveCardJson {
  const policies = deps.policies.ids().map((id) => ({ id, title: deps.policies.require(id).name }));
  return newCaseFormCard({ error, policies, values: { ...EMPTY_NEW_CASE, ...values }, requestId: deps.newRequestId() });
}

export const handleNewCase: CommandHandler = async ({ intent }, deps) => cardReply(newCaseForm(deps, { caseRef: intent.caseRef ?? '' }));
