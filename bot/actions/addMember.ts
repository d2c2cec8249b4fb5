import { EMPTY_MEMBER, membersCard } from '../../cards/index.js';
import { addMemberInput, parseInput } from '../../src/cases/validation.js';
import { TryAgain } from '../../src/cases/errors.js';
import { membersData } from '../views/members.js';
import { addMemberForm } from './addMemberForm.js';
import { addMemberFormRequest, addMemberValues, formRequest, memberRole } from './forms.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import type { ActionHandler } from './types.js';

/**
 * verb member.add: a colleague picked in Teams, or someone outside the tenant by name and email (family, other
 * agencies), who the bot cannot message and whose replies the social worker records.
 */
export const addMemberAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(addMemberFormRequest, data);
  const request = formRequest.safeParse(data);
  const typed = addMemberValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_MEMBER;
  const { aadObjectId, email, ...details } = form;
  const checked = addMemberInput.safeParse(
    aadObjectId !== ''
      ? { kind: 'teams', aadObjectId: deps.people.idOf(aadObjectId), ...(email !== '' && { email }), ...details }
      : { kind: 'external', email, ...details },
  );
  // The role first, in the form's own words; then every one of the domain's rules at once.
  const problems = [request, typed, memberRole.safeParse(form), checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
  if (!request.success || !checked.success || problems.length > 0) return addMemberForm(deps, await deps.cases.queries.getCase(asker, caseRef), form, refusalOf(EMPTY_MEMBER, problems));
  try {
    const { view } = await deps.cases.commands.addMember(asker, caseRef, checked.data, { idempotencyKey: `member.add:${request.data.requestId}` });
    return membersCard(membersData(view));
  } catch (error) {
    const problem = fixableOnForm(error);
    if (problem === undefined) throw error;
    // Storage that just failed is not asked again for the label; the same request id makes "try again" safe.
    const view = error instanceof TryAgain ? { caseRef } : await deps.cases.queries.getCase(asker, caseRef);
    return addMemberForm(deps, view, form, refusalOf(EMPTY_MEMBER, [problem]), request.data.requestId);
  }
};
