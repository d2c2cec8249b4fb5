import { EMPTY_NEW_CASE, newCaseFormCard, noErrors, type AdaptiveCardJson, type NewCaseValues } from '../../cards/index.js';
import type { Refusal } from '../actions/formErrors.js';
import { choicesFor } from '../actions/people.js';
import type { BotServices } from '../services.js';
import { cardReply } from '../views/reply.js';
import type { CommandHandler } from './types.js';

/** The new case form; also re-shown, exactly as typed and with every problem beside its field, after a bad submit. */
export function newCaseForm(deps: BotServices, typed: Partial<NewCaseValues> = {}, refusal?: Refusal<NewCaseValues>, requestId = deps.newRequestId()): AdaptiveCardJson {
  const policies = deps.policies.ids().map((id) => ({ id, title: deps.policies.require(id).name }));
  const values = { ...EMPTY_NEW_CASE, ...typed };
  return newCaseFormCard({
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? noErrors(EMPTY_NEW_CASE),
    pickers: { teamManager: choicesFor(deps.people, values.teamManager), chair: choicesFor(deps.people, values.chair) },
    policies,
    values,
    requestId,
  });
}

export const handleNewCase: CommandHandler = async ({ intent }, deps) => cardReply(newCaseForm(deps, { caseRef: intent.caseRef ?? '' }));
