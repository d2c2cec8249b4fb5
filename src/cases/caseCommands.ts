import { z } from 'zod';
import type { AuditEntry } from '../store/audit.js';
import { withEtagRetry } from '../store/etag.js';
import { fingerprint } from '../store/idempotency.js';
import { minDate, type LocalDate } from '../time/localDate.js';
import { caseStoreOf, liveCase, parseCaseRef, requireCase, translated, type CaseServiceDeps, type CaseStore } from './caseAccess.js';
import { decideClaim, decideConfirm, decideHandOver, decideReject, type Declined } from './caseConfirmation.js';
import { authorize, rolesOf } from './authorization.js';
import {
  applyDecision,
  checkProposal,
  decideAddMember,
  decideAnswer,
  decideConfirmVerbalUpdate,
  decideCancelMeeting,
  decideCreateCase,
  decideCorrectMeetingHeld,
  decideMeetingHeld,
  decideRecordEvent,
  decideRemoveMember,
  decideRescheduleMeeting,
  decideScheduleMeeting,
  decideUpdateMember,
  type Corrected,
  type Decision,
  type DecisionContext,
  type NoIds,
  type Rescheduled,
} from './caseChanges.js';
import { caseDigest, nextScheduled } from './caseDigest.js';
import { caseEvents } from './caseEvents.js';
import { decideReassignRole, reassignRoleInput, type ReassignRoleInput, type Reassigned } from './caseRoles.js';
import type { CaseWrite, LoadedCase } from './caseRepository.js';
import { viewFor } from './caseView.js';
import { CaseNotFound, Conflict, ReferenceInUse } from './errors.js';
import type { Actor, CaseRole, CaseState, CaseView, Claim } from './model.js';
import type { ListedStaff } from './staffing.js';
import {
  actor as actorSchema,
  addMemberInput,
  answerInput,
  businessKey,
  confirmVerbalUpdateInput,
  correctMeetingHeldInput,
  cancelMeetingInput,
  createCaseInput,
  handOverInput,
  parseInput,
  rejectCaseInput,
  recordEventInput,
  recordMeetingHeldInput,
  removeMemberInput,
  rescheduleMeetingInput,
  scheduleMeetingInput,
  updateMemberInput,
  type AddMemberInput,
  type AnswerInput,
  type ConfirmVerbalUpdateInput,
  type CorrectMeetingHeldInput,
  type CancelMeetingInput,
  type CreateCaseInput,
  type HandOverInput,
  type RecordEventInput,
  type RejectCaseInput,
  type RecordMeetingHeldInput,
  type RemoveMemberInput,
  type RescheduleMeetingInput,
  type ScheduleMeetingInput,
  type UpdateMemberInput,
} from './validation.js';

export interface OperationOptions {
  /** A business key for operations that can arrive twice (card submits, retries): applied once. */
  readonly idempotencyKey?: string;
}

export type CaseResult<R extends object = NoIds> = R & {
  readonly view: CaseView;
  /** True when this was a repeat of an operation already applied: nothing was changed this time. */
  readonly replayed: boolean;
};

type Decide<I, R extends object> = (loaded: LoadedCase | null, input: I, context: DecisionContext) => Decision<R>;

/** A change as applied: what the decision returned, and the case after it (null when it is no longer a case). */
interface Applied<R> {
  readonly actor: Actor;
  readonly caseRef: string;
  readonly result: R;
  readonly state: CaseState | null;
  readonly replayed: boolean;
}

/**
 * What creating a case led to: the case, or (its reference taken by a case awaiting confirmation) a request kept
 * for that case's team manager to decide, whom the bot tells. Nothing of the other case is returned.
 */
export type CreateOutcome =
  | { readonly outcome: 'created'; readonly view: CaseView; readonly replayed: boolean }
  | { readonly outcome: 'claimed'; readonly caseRef: string; readonly claimId: string; readonly teamManager: string; readonly replayed: boolean };

/** A case withdrawn by its team manager: who to tell (its social worker, and anyone whose request was waiting). */
export interface Rejected extends Declined {
  readonly caseRef: string;
  readonly socialWorker: string;
  readonly replayed: boolean;
}

/** A reference handed to a waiting request: the withdrawn case's social worker, the new case, and who to tell. */
export interface HandedOver extends Declined {
  readonly caseRef: string;
  /** The social worker of the case withdrawn. */
  readonly previousSocialWorker: string;
  readonly claim: Claim;
  /** The case made from the request, as its social worker sees it. */
  readonly created: CaseView;
  readonly replayed: boolean;
}

/** The earlier of two dates, either of which may be missing. */
function earliest(a: LocalDate | null, b: LocalDate | null): LocalDate | null {
  return a === null ? b : b === null ? a : minDate(a, b);
}

/** Everyone with a role on the case, for the "my cases" index. */
function peopleOf(state: CaseState | undefined): Set<string> {
  if (!state) return new Set();
  const people = new Set([state.header.socialWorker, state.header.teamManager, state.header.chair]);
  for (const member of state.members) if (member.status === 'active' && member.aadObjectId) people.add(member.aadObjectId);
  return people;
}

/** What a "my cases" snapshot answers with (MyCase), apart from its holder's own roles. */
function readersSee(state: CaseState): string {
  const { caseRef, alias, policyId, status, confirmation, pendingClaims, nextDue, socialWorker, teamManager, chair, serviceDeliveryManager } = state.header;
  const seen = { caseRef, alias, policyId, status, confirmation, pendingClaims, nextDue, socialWorker, teamManager, chair, serviceDeliveryManager, events: caseEvents(state), nextMeeting: nextScheduled(state.meetings) };
  return JSON.stringify(seen);
}

/**
 * Whose snapshot a change must stop trusting. When what a snapshot answers with is unchanged (a member added,
 * updated or removed), only those who joined or left: everyone else's snapshot still answers for them (their role
 * is unchanged, and a stale list of others' ids is never read for anyone but its holder), so adding a member costs
 * the same however many members the case has. Any other change: everyone with a role before or after.
 */
function peopleToClaim(previous: CaseState | undefined, state: CaseState): string[] {
  const before = peopleOf(previous);
  const after = peopleOf(state);
  if (previous === undefined || readersSee(previous) !== readersSee(state)) return [...new Set([...before, ...after])];
  return [...[...before].filter((id) => !after.has(id)), ...[...after].filter((id) => !before.has(id))];
}

/**
 * Every change to a case: validated, decided (caseChanges.ts, pure), audited and committed as one transaction,
 * applied once per idempotency key, and retried whole when a concurrent writer wins.
 */
export class CaseCommands {
  private readonly store: CaseStore;

  constructor(private readonly deps: CaseServiceDeps) {
    this.store = caseStoreOf(deps);
  }

  /**
   * A new case, its people checked against the staff directory. A reference in use is no longer first-come: over a
   * withdrawn case it starts afresh; taken by someone else's case still awaiting its team manager, the request is
   * kept for that team manager to decide; taken by a confirmed case, it is refused and the bot tells its team manager.
   * `decidedBy`: the team manager who handed this request the reference (so it needs no further confirmation by them).
   */
  async createCase(actorInput: Actor, input: CreateCaseInput, options: OperationOptions = {}, decidedBy?: string): Promise<CreateOutcome> {
    const actor = parseInput(actorSchema, actorInput);
    const parsed = parseInput(createCaseInput, input);
    const listed = await translated(parsed.caseRef, () => this.deps.staff.findMany(actor.tenantId, [parsed.socialWorker.aadObjectId, parsed.teamManager, parsed.chair]));
    await this.clearWithdrawn(actor, parsed, listed, options);
    const applied = await this.apply(actor, parsed.caseRef, 'create-case', parsed, options, (loaded, data, context): Decision<NoIds | { claimId: string }> => {
      const existing = liveCase(loaded)?.state;
      if (!existing) return decideCreateCase(data, context, this.deps.policyIds, listed, decidedBy);
      if (existing.header.socialWorker === data.socialWorker.aadObjectId) throw new Conflict(`Case ${data.caseRef} already exists.`);
      if (existing.header.confirmation === 'confirmed') throw new ReferenceInUse(data.caseRef, existing.header.teamManager);
      return decideClaim(existing, data, context, this.deps.policyIds, listed);
    });
    if ('claimId' in applied.result) {
      const teamManager = applied.state?.header.teamManager ?? '';
      return { outcome: 'claimed', caseRef: parsed.caseRef, claimId: applied.result.claimId, teamManager, replayed: applied.replayed };
    }
    return { outcome: 'created', view: this.viewOf({ ...applied, result: {} }), replayed: applied.replayed };
  }

  /**
   * Before a case is created over a withdrawn one, the withdrawn case's rows go (purgeWithdrawn), but only for a
   * request that would be accepted: not a replay, and not one its own checks refuse, which must write nothing.
   */
  private async clearWithdrawn(actor: Actor, input: z.output<typeof createCaseInput>, listed: ListedStaff, options: OperationOptions): Promise<void> {
    await translated(input.caseRef, async () => {
      const loaded = await this.store.repository.load(actor.tenantId, input.caseRef);
      if (loaded?.state.header.status !== 'withdrawn') return;
      if (options.idempotencyKey !== undefined && (await this.store.repository.readOperation(actor.tenantId, input.caseRef, options.idempotencyKey))) return;
      checkProposal(input, { actor, roles: new Set(), now: this.deps.clock.now(), today: this.deps.clock.today() }, this.deps.policyIds, listed);
      await this.store.repository.purgeWithdrawn(actor.tenantId, input.caseRef, loaded);
    });
  }

  /** The team manager confirms a case created under them; requests for its reference still waiting are declined. */
  async confirmCase(actor: Actor, caseRef: string, options: OperationOptions = {}): Promise<CaseResult<Declined>> {
    return this.change(actor, caseRef, 'confirm-case', {}, options, (loaded, _data, context) => decideConfirm(requireCase(loaded, caseRef).state, context));
  }

  /** The team manager rejects a case created under them: withdrawn, out of everyone's lists, its reference free. */
  async rejectCase(actor: Actor, caseRef: string, input: RejectCaseInput, options: OperationOptions = {}): Promise<Rejected> {
    const { reason } = parseInput(rejectCaseInput, input);
    const applied = await this.apply(actor, caseRef, 'reject-case', { reason }, options, (loaded, _data, context) => decideReject(requireCase(loaded, caseRef).state, reason, context));
    return { caseRef: parseCaseRef(caseRef), ...applied.result, replayed: applied.replayed };
  }

  /**
   * The team manager hands the reference to a waiting request: the case is withdrawn, then the request becomes the
   * case (confirmed if it names this team manager, else awaiting its own). Both steps are keyed, so pressing again
   * after a failure between them finishes the job.
   */
  async handOver(actor: Actor, caseRefInput: string, input: HandOverInput, options: OperationOptions = {}): Promise<HandedOver> {
    const { claimId } = parseInput(handOverInput, input);
    const caseRef = parseCaseRef(caseRefInput);
    const withdrawnCase = await this.apply(actor, caseRef, 'hand-over', { claimId }, options, (loaded, _data, context) => decideHandOver(requireCase(loaded, caseRef).state, claimId, context));
    const { handedTo: claim, declined, socialWorker } = withdrawnCase.result;
    const claimant = { tenantId: withdrawnCase.actor.tenantId, aadObjectId: claim.claimant };
    const request: CreateCaseInput = {
      caseRef,
      ...(claim.alias !== undefined && { alias: claim.alias }),
      policyId: claim.policyId,
      initialConferenceDate: claim.initialConferenceDate,
      socialWorker: { aadObjectId: claim.claimant, ...claim.socialWorker },
      teamManager: claim.teamManager,
      chair: claim.chair,
    };
    const key = options.idempotencyKey === undefined ? {} : { idempotencyKey: `${options.idempotencyKey}|created` };
    const created = await this.createCase(claimant, request, key, withdrawnCase.actor.aadObjectId);
    if (created.outcome !== 'created') throw new Error(`${caseRef} was taken again while it was being handed over`);
    return { caseRef, previousSocialWorker: socialWorker, claim, created: created.view, declined, replayed: withdrawnCase.replayed };
  }

  async addMember(actor: Actor, caseRef: string, input: AddMemberInput, options: OperationOptions = {}): Promise<CaseResult<{ memberId: string }>> {
    return this.change(actor, caseRef, 'add-member', parseInput(addMemberInput, input), options, (loaded, data, context) =>
      decideAddMember(requireCase(loaded, caseRef).state, data, context),
    );
  }

  async updateMember(actor: Actor, caseRef: string, input: UpdateMemberInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'update-member', parseInput(updateMemberInput, input), options, (loaded, data, context) =>
      decideUpdateMember(requireCase(loaded, caseRef).state, data, context),
    );
  }

  async removeMember(actor: Actor, caseRef: string, input: RemoveMemberInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'remove-member', parseInput(removeMemberInput, input), options, (loaded, data, context) =>
      decideRemoveMember(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** The team manager hands the social worker's, team manager's or chair's role on, or records the service delivery manager. */
  async reassignRole(actorInput: Actor, caseRef: string, input: ReassignRoleInput, options: OperationOptions = {}): Promise<CaseResult<Reassigned>> {
    const actor = parseInput(actorSchema, actorInput);
    const parsed = parseInput(reassignRoleInput, input);
    const listed = await translated(caseRef, () => this.deps.staff.findMany(actor.tenantId, [parsed.to]));
    return this.change(actor, caseRef, 'reassign-role', parsed, options, (loaded, data, context) => decideReassignRole(requireCase(loaded, caseRef).state, data, context, listed));
  }

  async scheduleMeeting(actor: Actor, caseRef: string, input: ScheduleMeetingInput, options: OperationOptions = {}): Promise<CaseResult<{ meetingId: string }>> {
    return this.change(actor, caseRef, 'schedule-meeting', parseInput(scheduleMeetingInput, input), options, (loaded, data, context) =>
      decideScheduleMeeting(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /**
   * New arrangements for a meeting not yet held, every one as on the form. The result says which changed, so the
   * invitees can be told (the invitations' job); their answers stand.
   */
  async rescheduleMeeting(actor: Actor, caseRef: string, input: RescheduleMeetingInput, options: OperationOptions = {}): Promise<CaseResult<Rescheduled>> {
    return this.change(actor, caseRef, 'reschedule-meeting', parseInput(rescheduleMeetingInput, input), options, (loaded, data, context) =>
      decideRescheduleMeeting(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** Calls off a meeting not yet held; it stays on the case, with its answers, marked cancelled. */
  async cancelMeeting(actor: Actor, caseRef: string, input: CancelMeetingInput, options: OperationOptions = {}): Promise<CaseResult<{ meetingId: string }>> {
    return this.change(actor, caseRef, 'cancel-meeting', parseInput(cancelMeetingInput, input), options, (loaded, data, context) =>
      decideCancelMeeting(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** Attending, or apologies with a written update; for oneself, or by a case manager for a member outside Teams. */
  async answerInvitation(actor: Actor, caseRef: string, input: AnswerInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'answer-invitation', parseInput(answerInput, input), options, (loaded, data, context) =>
      decideAnswer(requireCase(loaded, caseRef).state, data, context, this.deps.apologiesOf),
    );
  }

  /** The social worker confirms a verbal update a member gave them instead of a written one (warwickshire). */
  async confirmVerbalUpdate(actor: Actor, caseRef: string, input: ConfirmVerbalUpdateInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'confirm-verbal-update', parseInput(confirmVerbalUpdateInput, input), options, (loaded, data, context) =>
      decideConfirmVerbalUpdate(requireCase(loaded, caseRef).state, data, context),
    );
  }

  async recordMeetingHeld(actor: Actor, caseRef: string, input: RecordMeetingHeldInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'record-meeting-held', parseInput(recordMeetingHeldInput, input), options, (loaded, data, context) =>
      decideMeetingHeld(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** Puts a held core group's record right, with why; its paperwork's dates follow the corrected date. */
  async correctMeetingHeld(actor: Actor, caseRef: string, input: CorrectMeetingHeldInput, options: OperationOptions = {}): Promise<CaseResult<Corrected>> {
    return this.change(actor, caseRef, 'correct-meeting-held', parseInput(correctMeetingHeldInput, input), options, (loaded, data, context) =>
      decideCorrectMeetingHeld(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** Plan updated / circulated, minutes received, record distributed, review conference held, QA decision, plan ended. */
  async recordEvent(actor: Actor, caseRef: string, input: RecordEventInput, options: OperationOptions = {}): Promise<CaseResult<{ eventId: string }>> {
    return this.change(actor, caseRef, 'record-event', parseInput(recordEventInput, input), options, (loaded, data, context) =>
      decideRecordEvent(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** A change whose answer is the case as the actor may now see it. */
  private async change<I, R extends object>(
    actor: Actor,
    caseRef: string,
    name: string,
    input: I,
    options: OperationOptions,
    decide: Decide<I, R>,
  ): Promise<CaseResult<R>> {
    const applied = await this.apply(actor, caseRef, name, input, options, decide);
    return { ...applied.result, view: this.viewOf(applied), replayed: applied.replayed };
  }

  /** The case after a change, as the actor may see it; a replay is checked again, as its actor's roles may have changed since. */
  private viewOf({ actor, caseRef, state, replayed }: Applied<object>): CaseView {
    // Only a replay can find no case: the change it repeats was since undone (the case withdrawn).
    if (!state) throw new CaseNotFound(caseRef);
    const roles = rolesOf(state.header, state.members, actor);
    if (replayed) authorize(roles, 'view-case', state.header.caseRef);
    return viewFor(state, roles, actor.aadObjectId);
  }

  /**
   * Every change goes through here: validate (no I/O), then — retried whole when a concurrent writer wins —
   * load the case and any earlier run of this request, decide, refresh the indexes, and commit one transaction.
   * A request already applied returns what it returned the first time, with the case as it now is.
   */
  private async apply<I, R extends object>(
    actorInput: Actor,
    caseRefInput: string,
    name: string,
    input: I,
    options: OperationOptions,
    decide: Decide<I, R>,
  ): Promise<Applied<R>> {
    const actor = parseInput(actorSchema, actorInput);
    const caseRef = parseCaseRef(caseRefInput);
    const key = options.idempotencyKey === undefined ? undefined : parseInput(z.object({ idempotencyKey: businessKey }), options).idempotencyKey;
    const requestPrint = fingerprint({ name, actor, caseRef, input });
    return translated(caseRef, () =>
      withEtagRetry(async () => {
        const [loaded, earlier] = await Promise.all([
          this.store.repository.load(actor.tenantId, caseRef),
          key === undefined ? null : this.store.repository.readOperation(actor.tenantId, caseRef, key),
        ]);
        if (earlier) {
          if (earlier.fingerprint !== requestPrint) {
            throw new Conflict('This request id was already used for a different change. Nothing was saved.');
          }
          return { actor, caseRef, result: JSON.parse(earlier.resultJson) as R, state: liveCase(loaded)?.state ?? null, replayed: true };
        }
        const now = this.deps.clock.now();
        const roles = loaded ? rolesOf(loaded.state.header, loaded.state.members, actor) : new Set<CaseRole>();
        const today = this.deps.clock.today();
        const decision = decide(loaded, input, { actor, roles, now, today });
        const { state, writes } = await this.prepare(loaded, decision, today);
        const audit: AuditEntry = {
          at: now.toISOString(),
          actor: actor.aadObjectId,
          operation: decision.operation,
          subject: caseRef,
          before: decision.before,
          after: decision.after,
        };
        const record = { operation: name, fingerprint: requestPrint, resultJson: JSON.stringify(decision.result), actor: actor.aadObjectId, at: audit.at };
        await this.store.repository.commit(actor.tenantId, caseRef, loaded, writes, audit, key === undefined ? undefined : { businessKey: key, record });
        return { actor, caseRef, result: decision.result, state: liveCase({ state, etags: new Map() })?.state ?? null, replayed: false };
      }, this.deps.retry),
    );
  }

  /**
   * Completes a decision: a changed case row gets the next version, the next due date the timeline engine computes
   * from the resulting events, and its attention date; index rows the new state needs are written first (see
   * caseIndexes.ts).
   */
  private async prepare<R extends object>(loaded: LoadedCase | null, decision: Decision<R>, today: LocalDate): Promise<{ state: CaseState; writes: CaseWrite[] }> {
    const previous = loaded?.state;
    if (!decision.header) {
      if (!previous) throw new Error('A change that leaves the case row alone needs an existing case');
      // The case row's digest (members, events) is rewritten only with the case row: nothing else may change them.
      if (decision.writes.some((write) => write.kind !== 'answer' && write.kind !== 'member-unchanged')) {
        throw new Error(`${decision.operation} changes members, meetings or events, so it must rewrite the case row`);
      }
      return { state: applyDecision(previous, previous.header, decision.writes), writes: [...decision.writes] };
    }
    const draft = applyDecision(previous ?? null, decision.header, decision.writes);
    const open = draft.header.status === 'open';
    const nextDue = open ? this.deps.nextDueOf(caseEvents(draft), draft.header.policyId) : null;
    const attentionDate = open ? earliest(nextDue, nextScheduled(draft.meetings)?.date ?? null) : null;
    const header = { ...decision.header, version: (previous?.header.version ?? 0) + 1, nextDue, attentionDate };
    const state: CaseState = { ...draft, header };
    await this.store.indexes.claimUsers(header.tenantId, header.caseRef, peopleToClaim(previous, state), header.version);
    if (attentionDate !== null && attentionDate !== previous?.header.attentionDate) {
      await this.store.indexes.recordDue(header.tenantId, header.caseRef, attentionDate, header.version, today);
    }
    return { state, writes: [{ kind: 'header', value: header, digest: caseDigest(state) }, ...decision.writes] };
  }
}
