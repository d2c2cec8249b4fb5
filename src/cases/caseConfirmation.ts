import type { z } from 'zod';
import { authorize } from './authorization.js';
import { assertOpen, checkProposal, type Decision, type DecisionContext } from './caseChanges.js';
import type { CaseWrite } from './caseRepository.js';
import { Conflict, InvalidInput } from './errors.js';
import type { CaseHeader, CaseState, Claim, RejectReason } from './model.js';
import type { ListedStaff } from './staffing.js';
import type { createCaseInput } from './validation.js';

/**
 * Who holds a case, as pure decisions: the team manager named confirms a case created under them or rejects it
 * (the case is withdrawn), and decides between the case and another social worker's request for its reference.
 * Nobody is first-come: a reference taken by a case still awaiting confirmation can be asked for, and the team
 * manager decides.
 */

/** Enough waiting requests for one reference: more is somebody pressing a button again and again. */
export const MAX_PENDING_CLAIMS = 5;

/** The social workers whose requests were waiting: each is told the outcome. */
export interface Declined {
  readonly declined: readonly string[];
}

const pendingOf = (state: CaseState): Claim[] => state.claims.filter((claim) => claim.status === 'pending');

/** Every waiting request marked with its outcome: the writes, the claimants declined, and the audit's words for it. */
function settleClaims(state: CaseState, accepted?: string): { writes: CaseWrite[]; declined: string[]; audit: string } {
  const pending = pendingOf(state);
  const writes = pending.map((claim): CaseWrite => ({ kind: 'claim', value: { ...claim, status: claim.claimId === accepted ? 'accepted' : 'declined' } }));
  const declined = pending.filter((claim) => claim.claimId !== accepted);
  const audit = declined.length > 0 ? `; requests declined: ${declined.map((claim) => claim.claimId).join(',')}` : '';
  return { writes, declined: declined.map((claim) => claim.claimant), audit };
}

/** What every decision of the team manager's starts with: theirs to make, on an open case still awaiting them. */
function deciding(state: CaseState, context: DecisionContext, operation: 'confirm-case' | 'reject-case' | 'decide-claim', doing: string): void {
  authorize(context.roles, operation, state.header.caseRef);
  assertOpen(state.header);
  if (state.header.confirmation === 'confirmed') throw new Conflict(`Case ${state.header.caseRef} is already confirmed, so it cannot be ${doing}.`);
}

/**
 * Another social worker asks for a reference taken by a case still awaiting its team manager: their request is
 * kept beside the case, holding only what the new-case form holds, for that team manager to decide.
 */
export function decideClaim(
  state: CaseState,
  input: z.output<typeof createCaseInput>,
  context: DecisionContext,
  policyIds: ReadonlySet<string>,
  listed: ListedStaff,
): Decision<{ claimId: string }> {
  checkProposal(input, context, policyIds, listed);
  const { header } = state;
  const claimant = input.socialWorker.aadObjectId;
  if (pendingOf(state).some((claim) => claim.claimant === claimant)) {
    throw new InvalidInput('caseRef', `You have already asked for ${header.caseRef}. Its team manager has been told and will decide.`);
  }
  if (header.pendingClaims >= MAX_PENDING_CLAIMS) {
    throw new InvalidInput('caseRef', `Too many requests for ${header.caseRef} are waiting for its team manager. Ask your team manager about it.`);
  }
  const { aadObjectId: _claimant, ...socialWorker } = input.socialWorker;
  const claim: Claim = {
    claimId: `C${header.nextClaimNo}`,
    claimant,
    socialWorker,
    ...(input.alias !== undefined ? { alias: input.alias } : {}),
    policyId: input.policyId,
    initialConferenceDate: input.initialConferenceDate,
    teamManager: input.teamManager,
    chair: input.chair,
    status: 'pending',
    claimedAt: context.now.toISOString(),
  };
  return {
    operation: 'claim-reference',
    header: { ...header, pendingClaims: header.pendingClaims + 1, nextClaimNo: header.nextClaimNo + 1 },
    writes: [{ kind: 'claim', value: claim }],
    before: `${header.pendingClaims} requests waiting`,
    after: `${claim.claimId} pending: social worker ${claimant}; team manager ${claim.teamManager}; chair ${claim.chair}; policy ${claim.policyId}`,
    result: { claimId: claim.claimId },
  };
}

/** The team manager confirms the case is theirs; any request for its reference still waiting is declined. */
export function decideConfirm(state: CaseState, context: DecisionContext): Decision<Declined> {
  deciding(state, context, 'confirm-case', 'confirmed again');
  const { writes, declined, audit } = settleClaims(state);
  return {
    operation: 'confirm-case',
    header: { ...state.header, confirmation: 'confirmed', pendingClaims: 0 },
    writes,
    before: 'awaiting the team manager',
    after: `confirmed${audit}`,
    result: { declined },
  };
}

/** The team manager rejects a case created under them: it is withdrawn (kept, audited, seen by nobody), and its reference is free. */
export function decideReject(state: CaseState, reason: RejectReason, context: DecisionContext): Decision<Declined & { readonly socialWorker: string }> {
  deciding(state, context, 'reject-case', 'rejected; its team manager can end the plan when a review conference decides it');
  const { writes, declined, audit } = settleClaims(state);
  return {
    operation: 'reject-case',
    header: withdrawn(state.header, reason, context),
    writes,
    before: 'open, awaiting the team manager',
    after: `withdrawn: ${reason}${audit}`,
    result: { declined, socialWorker: state.header.socialWorker },
  };
}

/**
 * The team manager hands the reference to a waiting request: the case is withdrawn, and the request (carried in
 * the result, so the new case can be made from it even once the withdrawn case's rows are gone) becomes the case.
 */
export function decideHandOver(state: CaseState, claimId: string, context: DecisionContext): Decision<Declined & { readonly handedTo: Claim; readonly socialWorker: string }> {
  deciding(state, context, 'decide-claim', 'handed over');
  const claim = pendingOf(state).find((candidate) => candidate.claimId === claimId);
  if (!claim) throw new Conflict(`That request for ${state.header.caseRef} has already been decided.`);
  const { writes, declined, audit } = settleClaims(state, claimId);
  return {
    operation: 'decide-claim',
    header: withdrawn(state.header, 'reference-handed-over', context),
    writes,
    before: `open, awaiting the team manager; ${claimId} pending`,
    after: `withdrawn: reference handed over to ${claimId} (social worker ${claim.claimant})${audit}`,
    result: { declined, handedTo: { ...claim, status: 'accepted' }, socialWorker: state.header.socialWorker },
  };
}

function withdrawn(header: CaseHeader, reason: NonNullable<CaseHeader['withdrawal']>['reason'], context: DecisionContext): CaseHeader {
  return { ...header, status: 'withdrawn', pendingClaims: 0, withdrawal: { reason, by: context.actor.aadObjectId, at: context.now.toISOString() } };
}
