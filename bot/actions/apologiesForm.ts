import { apologiesFormCard, EMPTY_ANSWER, noErrors, type AdaptiveCardJson, type AnswerBox, type AnswerValues } from '../../cards/index.js';
import { asksForContribution, CONTRIBUTION_LABELS, UPDATE_PART_LABELS } from '../../src/cases/apologies.js';
import { authorize } from '../../src/cases/authorization.js';
import { assertAnswersOnBehalf, assertTakesAnswers } from '../../src/cases/caseChanges.js';
import { MemberNotFound } from '../../src/cases/errors.js';
import { CONTRIBUTION_HEADINGS, WRITTEN_UPDATE_PARTS, type Answer, type CaseView, type MeetingView, type Member } from '../../src/cases/model.js';
import { LIMITS, parseInput } from '../../src/cases/validation.js';
import { citeRule } from '../../src/timeline/context.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { meetingLine } from '../views/apologies.js';
import { meetingIn } from '../views/meetings.js';
import { memberWithRole } from '../views/members.js';
import type { Refusal } from './formErrors.js';
import { answerRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** Whose answer to which meeting a form or submit is about, once the asker may give it. */
export interface AnswerTarget {
  readonly view: CaseView;
  readonly meeting: MeetingView;
  readonly member: Member;
  /** The social worker (or team manager) recording for a member outside Teams. */
  readonly onBehalf: boolean;
}

/**
 * The member's own answer, or (a member named) one recorded on behalf of a member outside Teams by those the role
 * matrix lets; for a meeting that still takes answers. The service checks all of it again on submit.
 */
export function answerTarget(view: CaseView, meetingId: string, memberId: string | undefined): AnswerTarget {
  const onBehalf = memberId !== undefined && memberId !== view.viewer.memberId;
  authorize(new Set(view.viewer.roles), onBehalf ? 'answer-on-behalf' : 'answer-own', view.caseRef);
  const wanted = memberId ?? view.viewer.memberId;
  const member = view.members.find((candidate) => candidate.memberId === wanted && candidate.status === 'active');
  if (!member) throw new MemberNotFound(view.caseRef, wanted ?? '');
  if (onBehalf) assertAnswersOnBehalf(member);
  const meeting = meetingIn(view, meetingId);
  assertTakesAnswers(meeting);
  return { view, meeting, member, onBehalf };
}

/** What the member sent last time, so changing an answer starts from it. */
function previousValues(answer: Answer | undefined): AnswerValues {
  return { ...EMPTY_ANSWER, ...answer?.update, ...answer?.contribution, verbalUpdate: answer?.verbalUpdate ? 'true' : 'false' };
}

/**
 * The apologies form: the written update's four parts in seed 002's words, each saying whether this procedure
 * requires it; the verbal-update option where the procedure takes one (seed 003); the joint-report contribution
 * before the last core group before a review (seed 002). A refused submit comes back as typed, each problem beside
 * its box. Nothing here can identify a family: the boxes hold what the member wrote, shown back only to them.
 */
export function apologiesForm(deps: BotServices, target: AnswerTarget, typed?: AnswerValues, refusal?: Refusal<AnswerValues>, requestId = deps.newRequestId()): AdaptiveCardJson {
  const { view, meeting, member, onBehalf } = target;
  const rules = deps.policies.require(view.policyId).apologies;
  const values = typed ?? previousValues(meeting.answers.find((answer) => answer.memberId === member.memberId));
  const errors = refusal?.errors ?? noErrors(EMPTY_ANSWER);
  const required = new Set<string>(rules.requiredParts.parts);
  const box = (id: keyof AnswerValues, label: string, hint = ''): AnswerBox => ({ id, label, hint, value: values[id], error: errors[id], maxLength: LIMITS.writtenUpdatePart });
  const contribution = asksForContribution(rules, meeting.type) ? (rules.jointReportContribution?.headings ?? []) : [];
  const verbalAllowed = rules.update === 'verbal-or-written';
  return apologiesFormCard({
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    memberId: onBehalf ? member.memberId : '',
    title: onBehalf ? `Record apologies for ${memberWithRole(member)}` : 'Apologies and your written update',
    caseLabel: caseLabel(view),
    meeting: meetingLine(meeting),
    onBehalf: onBehalf ? 'From what they sent you by secure email or another route: it is kept as recorded on their behalf by you.' : '',
    intro: `With apologies comes a written update ${citeRule(view.policyId, rules.citation)}${verbalAllowed ? ', or a verbal one given to the social worker' : ''}.`,
    error: refusal?.error ?? '',
    verbal: {
      allowed: verbalAllowed,
      title: onBehalf ? 'They gave you a verbal update instead of a written one' : 'I gave the social worker a verbal update instead of a written one (they will confirm it)',
      value: values.verbalUpdate === 'true' ? 'true' : 'false',
      error: errors.verbalUpdate,
    },
    parts: WRITTEN_UPDATE_PARTS.map((part) => box(part, `${UPDATE_PART_LABELS[part]} (${required.has(part) ? 'required' : 'optional'})`)),
    contribution: {
      intro: `Asked of every member before this meeting, attending or not, all headings required${rules.jointReportContribution ? ` ${citeRule(view.policyId, rules.jointReportContribution.citation)}` : ''}.`,
      headings: CONTRIBUTION_HEADINGS.filter((heading) => contribution.includes(heading)).map((heading) => box(heading, CONTRIBUTION_LABELS[heading].label, CONTRIBUTION_LABELS[heading].hint)),
    },
    attendingTitle: `${onBehalf ? 'They will attend' : 'I will attend'}${contribution.length > 0 ? ': send the contribution' : ''}`,
    requestId,
  });
}

/** verb meeting.apologiesForm: an invitation's "Send apologies", an answer card's "Change my answer", or the social worker recording one received outside Teams. */
export const apologiesFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId, memberId } = parseInput(answerRequest, data);
  return apologiesForm(deps, answerTarget(await deps.cases.queries.getCase(asker, caseRef), meetingId, memberId));
};
