import { EMPTY_ANSWER, type AdaptiveCardJson, type AnswerValues } from '../../cards/index.js';
import type { Actor, Answer, CaseView, Meeting } from '../../src/cases/model.js';
import { londonDateOf } from '../../src/time/clock.js';
import { answerInput, parseInput, type AnswerInput } from '../../src/cases/validation.js';
import { describeError, type Logger } from '../log.js';
import type { BotServices } from '../services.js';
import { answerParts, ownAnswerCard, ownAnswerData, receivedAnswerData } from '../views/apologies.js';
import { answerTarget, apologiesForm, type AnswerTarget } from './apologiesForm.js';
import { fixableOnForm, refusalOf, type Problem } from './formErrors.js';
import { answerValues, formRequest, answerRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** The domain names a box by its place in the answer ("update.progressOnActions"); the form by the box alone. */
const onForm = (problems: readonly Problem[]): Problem[] => problems.map(({ field, message }) => ({ field: field.split('.').pop() ?? '', message }));

/** The form's boxes as the answer the service takes. */
function submission(response: Answer['response'], meetingId: string, memberId: string | undefined, form: AnswerValues): AnswerInput {
  const { progressOnActions, whatIsWorking, whatIsNotWorking, changesToPlan, verbalUpdate, ...contribution } = form;
  const common = { meetingId, ...(memberId !== undefined && { memberId }), contribution };
  return response === 'attending'
    ? { ...common, response }
    : { ...common, response, update: { progressOnActions, whatIsWorking, whatIsNotWorking, changesToPlan }, verbalUpdate: verbalUpdate === 'true' };
}

/**
 * The outbox key of one card of an answer for one recipient. The answer's form request is in it, so each answer
 * (a change of mind is a new form) is a new message, and the same submit queued again (a retried turn) the same one.
 */
const answerKey = (tenantId: string, caseRef: string, meeting: Meeting, answer: Answer, requestId: string, recipientId: string, part: number) => ({
  tenantId,
  caseRef,
  kind: 'answer',
  subject: `${meeting.meetingId}-${answer.memberId}-${requestId.slice(0, 8)}-${part + 1}`,
  recipientId,
  date: londonDateOf(new Date(answer.answeredAt)),
});

/**
 * Queues for the social worker and the note taker (if the meeting has one, and neither is the person acting) what
 * the member wrote (a plain "attending" has nothing to tell), on cards built from the case as the social worker
 * sees it; the dispatcher sends them, so nobody answering waits on another person's chat. Says who it goes to.
 */
async function queueForWhoNeedsIt(deps: BotServices, log: Pick<Logger, 'warn'>, asker: Actor, target: AnswerTarget, requestId: string): Promise<string[]> {
  const { view, meeting, member } = target;
  const socialWorker = { tenantId: asker.tenantId, aadObjectId: view.socialWorker };
  const full = await deps.cases.queries.getCase(socialWorker, view.caseRef);
  const sent = full.meetings.find((candidate) => candidate.meetingId === meeting.meetingId);
  const answer = sent?.answers.find((candidate) => candidate.memberId === member.memberId);
  if (!sent || !answer || (answer.response === 'attending' && !answer.contribution)) return [];
  const noteTaker = full.members.find((candidate) => candidate.memberId === sent.noteTaker && candidate.status === 'active')?.aadObjectId;
  const recipients = [
    { who: 'the social worker', aadObjectId: full.socialWorker, forSocialWorker: true },
    ...(noteTaker !== undefined && noteTaker !== full.socialWorker ? [{ who: 'the note taker', aadObjectId: noteTaker, forSocialWorker: false }] : []),
  ].filter((recipient) => recipient.aadObjectId !== asker.aadObjectId && recipient.aadObjectId !== member.aadObjectId);
  if (recipients.length === 0) return [];
  const whom = recipients.map((recipient) => recipient.who).join(' and ');
  try {
    for (const recipient of recipients) {
      const parts = answerParts(receivedAnswerData(full, sent, member, answer, recipient.forSocialWorker));
      for (const [part, data] of parts.entries()) {
        await deps.enqueue({ key: answerKey(asker.tenantId, full.caseRef, sent, answer, requestId, recipient.aadObjectId, part), card: { name: 'answer', data: { ...data } }, tellId: full.socialWorker });
      }
    }
  } catch (error) {
    log.warn('answer.not-queued', { caseRef: full.caseRef, meetingId: sent.meetingId, ...describeError(error) });
    return [`Saved, but I could not send it to ${whom} just now: please let them know.`];
  }
  return [`On its way to ${whom}.`];
}

/** The member's answer card after a change, from the case as it now is. */
function answered(deps: BotServices, target: AnswerTarget, view: CaseView, told: readonly string[]): AdaptiveCardJson {
  const meeting = view.meetings.find((candidate) => candidate.meetingId === target.meeting.meetingId) ?? target.meeting;
  const answer = meeting.answers.find((candidate) => candidate.memberId === target.member.memberId);
  if (!answer) throw new Error(`the answer for ${target.member.memberId} to ${meeting.meetingId} was saved but is not in the case`);
  return ownAnswerCard(ownAnswerData(view, meeting, target.member, answer, deps.clock.now(), told));
}

/**
 * verbs meeting.apologies and meeting.attending: the answer, checked against the procedure (the written update's
 * required parts, the joint-report contribution before a review). Refused, the same form comes back as typed with
 * each problem beside its box and nothing saved; accepted, the member's own answer card, and what they wrote is queued
 * for the social worker and the note taker. A re-sent submit (the same request id) saves and tells nothing twice.
 */
const answerAction =
  (response: Answer['response'], verb: string): ActionHandler =>
  async ({ asker, data, log }, deps) => {
    const { caseRef, meetingId, memberId } = parseInput(answerRequest, data);
    const request = formRequest.safeParse(data);
    const typed = answerValues.safeParse(data);
    const form = typed.success ? typed.data : EMPTY_ANSWER;
    const checked = answerInput.safeParse(submission(response, meetingId, memberId, form));
    const problems = [request, typed, checked].flatMap((result) =>
      result.success ? [] : result.error.issues.map((issue) => ({ field: String(issue.path[issue.path.length - 1] ?? ''), message: issue.message })),
    );
    const target = answerTarget(await deps.cases.queries.getCase(asker, caseRef), meetingId, memberId);
    if (!request.success || !checked.success || problems.length > 0) return apologiesForm(deps, target, form, refusalOf(EMPTY_ANSWER, problems));
    try {
      const { view, replayed } = await deps.cases.commands.answerInvitation(asker, caseRef, checked.data, { idempotencyKey: `${verb}:${request.data.requestId}` });
      const told = replayed ? [] : await queueForWhoNeedsIt(deps, log, asker, target, request.data.requestId);
      return answered(deps, target, view, told);
    } catch (error) {
      const refused = fixableOnForm(error);
      if (refused === undefined) throw error;
      // The same request id, so "try again" after a lost reply saves nothing twice.
      return apologiesForm(deps, target, form, refusalOf(EMPTY_ANSWER, onForm(refused)), request.data.requestId);
    }
  };

export const apologiesAction = answerAction('apologies', 'meeting.apologies');
export const attendingAction = answerAction('attending', 'meeting.attending');
