import { confirmationCard, infoCard } from '../../cards/index.js';
import { parseInput, rejectCaseInput } from '../../src/cases/validation.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { formatLongDate } from '../../src/time/localDate.js';
import type { Notifier } from '../notify/tell.js';
import { caseDecision, REJECT_REASON_WORDS } from '../views/caseDecision.js';
import { caseLabel } from '../views/caseSummary.js';
import { staffNames } from '../views/staffNames.js';
import { askTeamManager } from './createCase.js';
import { caseDecideSubmit, caseDecisionSubmit } from './forms.js';
import type { ActionHandler } from './types.js';

/** Each social worker whose request was declined hears so; best effort, as they can ask again. */
async function tellDeclined(notify: Notifier, tenantId: string, caseRef: string, declined: readonly string[]): Promise<void> {
  const data = {
    title: `Your request for ${caseRef} was declined`,
    message: `The team manager of the case that holds ${caseRef} has kept it, so your request to set up ${caseRef} was declined. Nothing was set up for you.`,
    hint: 'If the child you meant needs a case, check its reference with your team manager.',
  };
  await Promise.all(declined.map((aadObjectId) => notify.tell({ tenantId, aadObjectId }, { name: 'notice', data }, { caseRef, kind: 'request-declined' })));
}

const told = (name: string, queued: boolean) => (queued ? `${name} is being told in Teams.` : `I could not tell ${name} in Teams just now: please let them know.`);

/** verb case.decide: the team manager's "Confirm or reject" on a case awaiting them in their lists. */
export const caseDecideAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(caseDecideSubmit, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  if (!view.viewer.allowed.includes('confirm-case')) return infoCard({ title: caseLabel(view), message: `Only the team manager of ${view.caseRef} confirms or rejects it.`, hint: 'Nothing was changed.' });
  if (view.confirmation === 'confirmed') return infoCard({ title: caseLabel(view), message: `${view.caseRef} is confirmed.`, hint: 'Nothing was changed.' });
  return caseDecision(deps, asker.tenantId, view);
};

/** verb case.confirm: the case is the team manager's; any waiting request for its reference is declined. */
export const caseConfirmAction: ActionHandler = async ({ asker, data, notify }, deps) => {
  const { caseRef, requestId } = parseInput(caseDecisionSubmit, data);
  const { view, declined, replayed } = await deps.cases.commands.confirmCase(asker, caseRef, { idempotencyKey: `case.confirm:${requestId}` });
  if (!replayed) await tellDeclined(notify, asker.tenantId, view.caseRef, declined);
  return confirmationCard({
    title: `${caseLabel(view)} is confirmed`,
    message: `It stays in your cases.${declined.length > 0 ? ` The other ${declined.length === 1 ? 'request' : 'requests'} for ${view.caseRef} ${declined.length === 1 ? 'was' : 'were'} declined, and told so.` : ''}`,
    hint: '',
  });
};

/** verb case.reject: withdrawn with the reason chosen; its social worker is told, and the reference is free again. */
export const caseRejectAction: ActionHandler = async ({ asker, data, notify }, deps) => {
  const { caseRef, requestId, reason } = parseInput(caseDecisionSubmit, data);
  const checked = rejectCaseInput.safeParse({ reason });
  if (!checked.success) {
    const reasonError = checked.error.issues[0]?.message ?? '';
    return caseDecision(deps, asker.tenantId, await deps.cases.queries.getCase(asker, caseRef), { reasonError, requestId });
  }
  const rejected = await deps.cases.commands.rejectCase(asker, caseRef, checked.data, { idempotencyKey: `case.reject:${requestId}` });
  const why = REJECT_REASON_WORDS[checked.data.reason];
  const name = await staffNames(deps, asker.tenantId, [rejected.socialWorker]);
  let reached = true;
  if (!rejected.replayed) {
    reached = await notify.tell(
      { tenantId: asker.tenantId, aadObjectId: rejected.socialWorker },
      {
        name: 'notice',
        data: {
          title: `${rejected.caseRef} was rejected by its team manager`,
          message: `The case ${rejected.caseRef} you set up was rejected (${why.toLowerCase()}) and withdrawn: it is no longer in anyone's cases.`,
          hint: `The reference is free: if the case is needed, set it up again with "new case ${rejected.caseRef}" and the right team manager.`,
        },
      },
      { caseRef: rejected.caseRef, kind: 'case-rejected' },
    );
    await tellDeclined(notify, asker.tenantId, rejected.caseRef, rejected.declined);
  }
  return confirmationCard({
    title: `${rejected.caseRef} is withdrawn`,
    message: `You rejected it: ${why.toLowerCase()}. It is out of everyone's cases and its reference is free to be set up again; its audit trail is kept.`,
    hint: told(name(rejected.socialWorker), reached),
  });
};

/** verb case.handOver: the reference goes to another social worker's request; the case that held it is withdrawn. */
export const caseHandOverAction: ActionHandler = async ({ asker, data, notify }, deps) => {
  const { caseRef, requestId, claimId } = parseInput(caseDecisionSubmit, data);
  const handed = await deps.cases.commands.handOver(asker, caseRef, { claimId }, { idempotencyKey: `case.handOver:${requestId}` });
  const { created, claim } = handed;
  const tenantId = asker.tenantId;
  const name = await staffNames(deps, tenantId, [claim.claimant, handed.previousSocialWorker, claim.teamManager]);
  const awaiting = created.confirmation === 'awaiting-team-manager';
  let reached = true;
  if (!handed.replayed) {
    const first = timelineOfCase(created, deps.clock.today(), deps).nextCoreGroup;
    reached = await notify.tell(
      { tenantId, aadObjectId: claim.claimant },
      {
        name: 'confirmation',
        data: {
          title: `${caseLabel(created)} is yours`,
          message: `Its team manager gave you the reference: the case is set up with you as its social worker.${first ? ` First core group due by ${formatLongDate(first.due)}.` : ''}`,
          hint: awaiting ? `${name(claim.teamManager)} is asked to confirm it.` : `Add the core group: type "members ${created.caseRef}".`,
        },
      },
      { caseRef, kind: 'case-given' },
    );
    await notify.tell(
      { tenantId, aadObjectId: handed.previousSocialWorker },
      {
        name: 'notice',
        data: {
          title: `${caseRef} was withdrawn`,
          message: `The case ${caseRef} you set up was withdrawn: its team manager gave the reference to another social worker's request. It is no longer in anyone's cases.`,
          hint: 'Check the reference with your team manager if the child you meant still needs a case.',
        },
      },
      { caseRef, kind: 'case-withdrawn' },
    );
    await tellDeclined(notify, tenantId, caseRef, handed.declined);
    if (awaiting) await askTeamManager(deps, notify, tenantId, claim.teamManager, caseRef);
  }
  return confirmationCard({
    title: `${caseRef} now belongs to ${name(claim.claimant)}`,
    message: `The case set up by ${name(handed.previousSocialWorker)} is withdrawn, and ${name(claim.claimant)}'s request is now the case${awaiting ? `, awaiting its own team manager (${name(claim.teamManager)})` : ', confirmed by you'}.`,
    hint: told(name(claim.claimant), reached),
  });
};
