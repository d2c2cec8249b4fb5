import { addMemberFormCard, EMPTY_MEMBER, noErrors, type AddMemberValues, type AdaptiveCardJson } from '../../cards/index.js';
import type { CaseView } from '../../src/cases/model.js';
import { authorize } from '../../src/cases/authorization.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import type { Refusal } from './formErrors.js';
import { parseInput } from '../../src/cases/validation.js';
import { addMemberFormRequest } from './forms.js';
import { choicesFor } from './people.js';
import type { ActionHandler } from './types.js';

/** What a card in the chat history must not keep of someone outside Teams: who they are and how to reach them. */
const PERSONAL: ReadonlyArray<keyof AddMemberValues> = ['displayName', 'email', 'contactRoute'];

/**
 * The add-member form. A refused form comes back as typed, except that for someone outside Teams (family above
 * all) the personal details are left out and the form says so: Teams keeps every card in the chat's history,
 * and those details belong only in the case's own storage.
 */
export function addMemberForm(
  deps: BotServices,
  view: Pick<CaseView, 'caseRef' | 'alias'>,
  typed: Partial<AddMemberValues> = {},
  refusal?: Refusal<AddMemberValues>,
  requestId = deps.newRequestId(),
): AdaptiveCardJson {
  const values = { ...EMPTY_MEMBER, ...typed };
  const clear = refusal !== undefined && values.aadObjectId === '' && PERSONAL.some((field) => values[field] !== '');
  const shown = clear ? { ...values, ...Object.fromEntries(PERSONAL.map((field) => [field, ''])) } : values;
  return addMemberFormCard({
    caseRef: view.caseRef,
    caseLabel: caseLabel(view),
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? noErrors(EMPTY_MEMBER),
    personalCleared: clear,
    pickers: { aadObjectId: choicesFor(deps.people, values.aadObjectId) },
    values: shown,
    requestId,
  });
}

/** verb member.addForm: the "Add a member" button on the members card; only for those who run the case. */
export const addMemberFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(addMemberFormRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'add-member', view.caseRef);
  return addMemberForm(deps, view);
};
