import { caseDecisionCard, type AdaptiveCardJson, type CaseDecisionData } from '../../cards/index.js';
import { REJECT_REASONS, type CaseView, type RejectReason } from '../../src/cases/model.js';
import { formatLongDate } from '../../src/time/localDate.js';
import type { BotServices } from '../services.js';
import { caseLabel } from './caseSummary.js';
import { staffNames } from './staffNames.js';

export const REJECT_REASON_WORDS: { readonly [reason in RejectReason]: string } = {
  'not-my-team': 'It is not a case in my team',
  'reference-in-use': 'The reference is already in use for another child',
  'created-in-error': 'It was created in error',
};

export interface DecisionRefusal {
  readonly error?: string;
  readonly reason?: string;
  readonly reasonError?: string;
  readonly requestId?: string;
}

/**
 * The card a team manager decides a case with (sent to them when it is created under them, and opened from their
 * lists): what was set up and by whom, Confirm or Reject with a reason, and a button for each other social
 * worker's waiting request for the reference. `view` is the case as that team manager sees it.
 */
export async function caseDecisionData(deps: BotServices, tenantId: string, view: CaseView, refusal: DecisionRefusal = {}): Promise<CaseDecisionData> {
  const ids = [view.socialWorker, view.chair, ...view.claims.flatMap((claim) => [claim.claimant, claim.teamManager, claim.chair])];
  const name = await staffNames(deps, tenantId, ids);
  const procedure = (policyId: string) => (deps.policies.ids().includes(policyId) ? deps.policies.require(policyId).name : policyId);
  const claims = view.claims;
  const waiting = claims.length === 1 ? `${name(claims[0]!.claimant)} has also asked for ${view.caseRef}` : `${claims.length} other social workers have also asked for ${view.caseRef}`;
  return {
    title: claims.length > 0 ? `Who keeps ${view.caseRef}?` : `Confirm ${caseLabel(view)}?`,
    message:
      claims.length > 0
        ? `${name(view.socialWorker)} set up ${caseLabel(view)} with you as team manager, and it awaits your confirmation. ${waiting}. ` +
          'Keep this case (it is then confirmed and the other requests declined), or give the reference to a request (this case is then withdrawn).'
        : `${name(view.socialWorker)} set up this case with you as its team manager. Confirm it is in your team, or reject it. Work on it goes on meanwhile.`,
    facts: [
      { title: 'Case', value: caseLabel(view) },
      { title: 'Procedure', value: procedure(view.policyId) },
      { title: 'Initial conference', value: formatLongDate(view.initialConferenceDate) },
      { title: 'Social worker', value: name(view.socialWorker) },
      { title: 'Chair', value: name(view.chair) },
      ...claims.map((claim) => ({
        title: `Request from ${name(claim.claimant)}`,
        value: `team manager ${name(claim.teamManager)}, chair ${name(claim.chair)}, ${procedure(claim.policyId)}, initial conference ${formatLongDate(claim.initialConferenceDate)}`,
      })),
    ],
    error: refusal.error ?? '',
    caseRef: view.caseRef,
    confirmTitle: claims.length > 0 ? 'Keep this case' : 'Confirm',
    canReject: true,
    reasons: REJECT_REASONS.map((reason) => ({ title: REJECT_REASON_WORDS[reason], value: reason })),
    reason: refusal.reason ?? '',
    reasonError: refusal.reasonError ?? '',
    handOvers: claims.map((claim) => ({ claimId: claim.claimId, title: `Give ${view.caseRef} to ${name(claim.claimant)}` })),
    requestId: refusal.requestId ?? deps.newRequestId(),
  };
}

export const caseDecision = async (...args: Parameters<typeof caseDecisionData>): Promise<AdaptiveCardJson> => caseDecisionCard(await caseDecisionData(...args));
