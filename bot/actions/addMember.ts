import { membersCard } from '../../cards/index.js';
import type { AddMemberInput } from '../../src/cases/validation.js';
import { membersData } from '../views/members.js';
import { addMemberForm } from './addMemberForm.js';
import { addMemberSubmit, firstProblem } from './forms.js';
import { fixableOnForm } from './formErrors.js';
import type { ActionHandler } from './types.js';

/**
 * verb member.add: a colleague picked in Teams, or someone outside the tenant by name and email (family, other
 * agencies), who the bot cannot message and whose replies the social worker records.
 */
export const addMemberAction: ActionHandler = async ({ asker, data }, deps) => {
  const parsed = addMemberSubmit.safeParse(data);
  if (!parsed.success) {
    const view = await deps.cases.getCase(asker, addMemberSubmit.pick({ caseRef: true }).parse(data).caseRef);
    const values = addMemberSubmit.omit({ requestId: true, caseRef: true, role: true }).safeParse(data);
    return addMemberForm(deps, view, values.success ? values.data : {}, firstProblem(parsed.error));
  }
  const { requestId, caseRef, aadObjectId, email, ...details } = parsed.data;
  const input: AddMemberInput =
    aadObjectId !== ''
      ? { kind: 'teams', aadObjectId, ...(email !== '' && { email }), ...details }
      : { kind: 'external', email, ...details };
  try {
    const { view } = await deps.cases.addMember(asker, caseRef, input, { idempotencyKey: `member.add:${requestId}` });
    return membersCard(membersData(view));
  } catch (error) {
    const refusal = fixableOnForm(error);
    if (refusal === undefined) throw error;
    return addMemberForm(deps, await deps.cases.getCase(asker, caseRef), { aadObjectId, email, ...details }, refusal);
  }
};
