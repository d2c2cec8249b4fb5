import { answerCard } from '../../cards/index.js';
import { MemberNotFound } from '../../src/cases/errors.js';
import { parseInput } from '../../src/cases/validation.js';
import { answerParts, receivedAnswerData } from '../views/apologies.js';
import { answerRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/**
 * verb meeting.confirmVerbal: on the card that told them, the social worker confirms the verbal update a member
 * gave them instead of a written one (seed 003). Keyed on the card, verb and person, so a re-sent press is one confirmation.
 */
export const confirmVerbalAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId, memberId } = parseInput(answerRequest, data);
  if (memberId === undefined) throw new MemberNotFound(caseRef, '');
  const key = `meeting.confirmVerbal:${meetingId}|${memberId}|${asker.aadObjectId}`;
  const { view } = await deps.cases.commands.confirmVerbalUpdate(asker, caseRef, { meetingId, memberId }, { idempotencyKey: key });
  const meeting = view.meetings.find((candidate) => candidate.meetingId === meetingId);
  const member = view.members.find((candidate) => candidate.memberId === memberId);
  const answer = meeting?.answers.find((candidate) => candidate.memberId === memberId);
  if (!meeting || !member || !answer) throw new Error(`the confirmed answer of ${memberId} to ${meetingId} is not in the case`);
  // In place of the card pressed: the answer's first card if it takes several.
  return answerCard(answerParts(receivedAnswerData(view, meeting, member, answer, true))[0]);
};
