import { EMPTY_MEMBER, membersCard } from '../../cards/index.js';
import { isFamilyRole } from '../../src/cases/membership.js';
import { addMemberInput, parseInput } from '../../src/cases/validation.js';
import { TryAgain } from '../../src/cases/errors.js';
import { membersData } from '../views/members.js';
import { addMemberForm } from './addMemberForm.js';
import { inviteNewMember } from './invitation.js';
import { addMemberValues, caseRequest, formRequest, memberRole } from './forms.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import type { ActionHandler } from './types.js';

/**
 * verb member.add: a colleague picked in Teams, a professional outside the tenant by name and agency, or a
 * family member by the neutral label the social worker gives; the bot cannot message anyone outside Teams, and
 * the social worker records their replies.
 */
export const addMemberAction: ActionHandler = async ({ asker, data, log }, deps) => {
  const { caseRef } = parseInput(caseRequest, data);
  const request = formRequest.safeParse(data);
  const typed = addMemberValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_MEMBER;
  // Boxes left empty are not given; the role says which kind of member this is, and so which boxes belong.
  const { role, aadObjectId, ...details } = form;
  const given = Object.fromEntries(Object.entries(details).filter(([, value]) => value !== ''));
  const kind = isFamilyRole(role) ? 'family' : aadObjectId !== '' ? 'teams' : 'external';
  const checked = addMemberInput.safeParse({ kind, role, ...given, ...(aadObjectId !== '' && { aadObjectId: deps.people.idOf(aadObjectId) }) });
  // The role first, in the form's own words; then every one of the domain's rules at once.
  const problems = [request, typed, memberRole.safeParse(form), checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
  if (!request.success || !checked.success || problems.length > 0) return addMemberForm(deps, await deps.cases.queries.getCase(asker, caseRef), form, refusalOf(EMPTY_MEMBER, problems));
  try {
    const { view, replayed, memberId } = await deps.cases.commands.addMember(asker, caseRef, checked.data, { idempotencyKey: `member.add:${request.data.requestId}` });
    return membersCard(membersData(view, replayed ? '' : await inviteNewMember(deps, log, asker, view, memberId)));
  } catch (error) {
    const problems = fixableOnForm(error);
    if (problems === undefined) throw error;
    // Storage that just failed is not asked again for the label; the same request id makes "try again" safe.
    const view = error instanceof TryAgain ? { caseRef } : await deps.cases.queries.getCase(asker, caseRef);
    return addMemberForm(deps, view, form, refusalOf(EMPTY_MEMBER, problems), request.data.requestId);
  }
};
