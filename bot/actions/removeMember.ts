import { EMPTY_REMOVAL, membersCard } from '../../cards/index.js';
import { TryAgain } from '../../src/cases/errors.js';
import { parseInput, removeMemberInput } from '../../src/cases/validation.js';
import { membersData, removalNotice } from '../views/members.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import { formRequest, memberRequest, removeMemberValues } from './forms.js';
import { withdrawInvitations } from './invitation.js';
import { memberToRemove, removeMemberForm } from './removeMemberForm.js';
import type { ActionHandler } from './types.js';

/**
 * verb member.remove: the confirmation's Remove. The member is kept on the case as removed, with why, so their
 * past answers and attendance stay on record; the answer says what happened over the members card.
 */
export const removeMemberAction: ActionHandler = async ({ asker, data, log }, deps) => {
  const { caseRef, memberId } = parseInput(memberRequest, data);
  const request = formRequest.safeParse(data);
  const typed = removeMemberValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_REMOVAL;
  const checked = removeMemberInput.safeParse({ memberId, reason: form.reason });
  const problems = [request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
  if (!request.success || !checked.success || problems.length > 0) {
    const view = await deps.cases.queries.getCase(asker, caseRef);
    return removeMemberForm(deps, view, memberToRemove(view, memberId), form, refusalOf(EMPTY_REMOVAL, problems));
  }
  try {
    // A re-sent Remove (the same request id) is recognised, and answered in the same words from the stored row.
    const { view, replayed } = await deps.cases.commands.removeMember(asker, caseRef, checked.data, { idempotencyKey: `member.remove:${request.data.requestId}` });
    const removed = view.members.find((member) => member.memberId === memberId);
    const withdrawn = removed && !replayed ? await withdrawInvitations(deps, log, asker, view, removed) : '';
    return membersCard(membersData(view, removed ? `${removalNotice(view, removed)}${withdrawn}` : ''));
  } catch (error) {
    const problems = fixableOnForm(error);
    // Storage that just failed cannot redraw the question: the error card says nothing was saved, to try again.
    if (problems === undefined || error instanceof TryAgain) throw error;
    const view = await deps.cases.queries.getCase(asker, caseRef);
    return removeMemberForm(deps, view, memberToRemove(view, memberId), form, refusalOf(EMPTY_REMOVAL, problems), request.data.requestId);
  }
};
