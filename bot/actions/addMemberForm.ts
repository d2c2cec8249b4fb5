import { addMemberFormCard, EMPTY_MEMBER, type AddMemberValues, type AdaptiveCardJson } from '../../cards/index.js';
import type { CaseView } from '../../src/cases/model.js';
import { NotAllowed } from '../../src/cases/errors.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { addMemberFormRequest } from './forms.js';
import type { ActionHandler } from './types.js';

export function addMemberForm(deps: BotServices, view: Pick<CaseView, 'caseRef' | 'alias'>, values: Partial<AddMemberValues> = {}, error = ''): AdaptiveCardJson {
  return addMemberFormCard({ caseRef: view.caseRef, caseLabel: caseLabel(view), error, values: { ...EMPTY_MEMBER, ...values }, requestId: deps.newRequestId() });
}

/** verb member.addForm: the "Add a member" button on the members card; only for those who run the case. */
export const addMemberFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = addMemberFormRequest.parse(data);
  const view = await deps.cases.getCase(asker, caseRef);
  if (!view.viewer.roles.some((role) => role === 'social-worker' || role === 'team-manager')) {
    throw new NotAllowed(`Only the social worker or team manager can add members to ${view.caseRef}.`);
  }
  return addMemberForm(deps, view);
};
