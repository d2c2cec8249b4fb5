import { EMPTY_REMOVAL, noErrors, removeMemberFormCard, type AdaptiveCardJson, type RemoveMemberValues } from '../../cards/index.js';
import { authorize } from '../../src/cases/authorization.js';
import { assertRemovable } from '../../src/cases/caseChanges.js';
import { MemberNotFound } from '../../src/cases/errors.js';
import type { CaseView, Member } from '../../src/cases/model.js';
import { parseInput } from '../../src/cases/validation.js';
import type { BotServices } from '../services.js';
import { REASON_CHOICES, removalQuestion } from '../views/members.js';
import type { Refusal } from './formErrors.js';
import { memberRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** The active member a Remove button names, as the asker may see them, if they may leave the group at all. */
export function memberToRemove(view: CaseView, memberId: string): Member {
  const member = view.members.find((candidate) => candidate.memberId === memberId && candidate.status === 'active');
  if (!member) throw new MemberNotFound(view.caseRef, memberId);
  assertRemovable(view, member);
  return member;
}

/** The confirmation: who leaves which core group, and why (a reason is required). */
export function removeMemberForm(
  deps: BotServices,
  view: CaseView,
  member: Member,
  typed: RemoveMemberValues = EMPTY_REMOVAL,
  refusal?: Refusal<RemoveMemberValues>,
  requestId = deps.newRequestId(),
): AdaptiveCardJson {
  return removeMemberFormCard({
    caseRef: view.caseRef,
    memberId: member.memberId,
    question: removalQuestion(view, member),
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? noErrors(EMPTY_REMOVAL),
    reasons: REASON_CHOICES,
    values: typed,
    requestId,
  });
}

/** verb member.removeForm: a Remove button on the members card asks to confirm, and why, before anything changes. */
export const removeMemberFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, memberId } = parseInput(memberRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'remove-member', view.caseRef);
  return removeMemberForm(deps, view, memberToRemove(view, memberId));
};
