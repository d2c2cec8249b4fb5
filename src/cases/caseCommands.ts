import { z } from 'zod';
import type { AuditEntry } from '../store/audit.js';
import { withEtagRetry } from '../store/etag.js';
import { fingerprint } from '../store/idempotency.js';
import { caseStoreOf, parseCaseRef, requireCase, translated, type CaseServiceDeps, type CaseStore } from './caseAccess.js';
import { authorize, rolesOf } from './authorization.js';
import {
  applyDecision,
  decideAddMember,
  decideAnswer,
  decideCreateCase,
  decideMeetingHeld,
  decideRecordEvent,
  decideRemoveMember,
  decideScheduleMeeting,
  decideUpdateMember,
  type Decision,
  type DecisionContext,
  type NoIds,
} from './caseChanges.js';
import { caseDigest } from './caseDigest.js';
import { caseEvents } from './caseEvents.js';
import type { CaseWrite, LoadedCase } from './caseRepository.js';
import { viewFor } from './caseView.js';
import { Conflict } from './errors.js';
import type { Actor, CaseRole, CaseState, CaseView } from './model.js';
import {
  actor as actorSchema,
  addMemberInput,
  answerInput,
  businessKey,
  createCaseInput,
  parseInput,
  recordEventInput,
  recordMeetingHeldInput,
  removeMemberInput,
  scheduleMeetingInput,
  updateMemberInput,
  type AddMemberInput,
  type AnswerInput,
  type CreateCaseInput,
  type RecordEventInput,
  type RecordMeetingHeldInput,
  type RemoveMemberInput,
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

/** Everyone with a role on the case, for the "my cases" index. */
function peopleOf(state: CaseState | undefined): Set<string> {
  if (!state) return new Set();
  const people = new Set([state.header.socialWorker, state.header.teamManager, state.header.chair]);
  for (const member of state.members) if (member.status === 'active' && member.aadObjectId) people.add(member.aadObjectId);
  return people;
}

/** What a "my cases" snapshot answers with (MyCase), apart from its holder's own roles. */
function readersSee(state: CaseState): string {
  const { caseRef, alias, policyId, status, nextDue, socialWorker, teamManager, chair } = state.header;
  return JSON.stringify({ caseRef, alias, policyId, status, nextDue, socialWorker, teamManager, chair, events: caseEvents(state) });
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

  async createCase(actor: Actor, input: CreateCaseInput, options: OperationOptions = {}): Promise<CaseResult> {
    const parsed = parseInput(createCaseInput, input);
    return this.change(actor, parsed.caseRef, 'create-case', parsed, options, (loaded, data, context) => {
      if (loaded) throw new Conflict(`Case ${data.caseRef} already exists.`);
      return decideCreateCase(data, context, this.deps.policyIds);
    });
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

  async scheduleMeeting(actor: Actor, caseRef: string, input: ScheduleMeetingInput, options: OperationOptions = {}): Promise<CaseResult<{ meetingId: string }>> {
    return this.change(actor, caseRef, 'schedule-meeting', parseInput(scheduleMeetingInput, input), options, (loaded, data, context) =>
      decideScheduleMeeting(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** Attending, or apologies with a written update; for oneself, or by a case manager for a member outside Teams. */
  async answerInvitation(actor: Actor, caseRef: string, input: AnswerInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'answer-invitation', parseInput(answerInput, input), options, (loaded, data, context) =>
      decideAnswer(requireCase(loaded, caseRef).state, data, context),
    );
  }

  async recordMeetingHeld(actor: Actor, caseRef: string, input: RecordMeetingHeldInput, options: OperationOptions = {}): Promise<CaseResult> {
    return this.change(actor, caseRef, 'record-meeting-held', parseInput(recordMeetingHeldInput, input), options, (loaded, data, context) =>
      decideMeetingHeld(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /** Plan updated / circulated, minutes received, record distributed, review conference held, QA decision, plan ended. */
  async recordEvent(actor: Actor, caseRef: string, input: RecordEventInput, options: OperationOptions = {}): Promise<CaseResult<{ eventId: string }>> {
    return this.change(actor, caseRef, 'record-event', parseInput(recordEventInput, input), options, (loaded, data, context) =>
      decideRecordEvent(requireCase(loaded, caseRef).state, data, context),
    );
  }

  /**
   * Every change goes through here: validate (no I/O), then — retried whole when a concurrent writer wins —
   * load the case and any earlier run of this request, decide, refresh the indexes, and commit one transaction.
   */
  private async change<I, R extends object>(
    actorInput: Actor,
    caseRefInput: string,
    name: string,
    input: I,
    options: OperationOptions,
    decide: Decide<I, R>,
  ): Promise<CaseResult<R>> {
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
          const { state } = requireCase(loaded, caseRef);
          const roles = rolesOf(state.header, state.members, actor);
          authorize(roles, 'view-case', caseRef);
          return { ...(JSON.parse(earlier.resultJson) as R), view: viewFor(state, roles, actor.aadObjectId), replayed: true };
        }
        const now = this.deps.clock.now();
        const roles = loaded ? rolesOf(loaded.state.header, loaded.state.members, actor) : new Set<CaseRole>();
        const decision = decide(loaded, input, { actor, roles, now, today: this.deps.clock.today() });
        const { state, writes } = await this.prepare(loaded, decision);
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
        return { ...decision.result, view: viewFor(state, rolesOf(state.header, state.members, actor), actor.aadObjectId), replayed: false };
      }, this.deps.retry),
    );
  }

  /**
   * Completes a decision: a changed case row gets the next version and the next due date the timeline engine
   * computes from the resulting events; index rows the new state needs are written first (see caseIndexes.ts).
   */
  private async prepare<R extends object>(loaded: LoadedCase | null, decision: Decision<R>): Promise<{ state: CaseState; writes: CaseWrite[] }> {
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
    const nextDue = draft.header.status === 'ended' ? null : this.deps.nextDueOf(caseEvents(draft), draft.header.policyId);
    const header = { ...decision.header, version: (previous?.header.version ?? 0) + 1, nextDue };
    const state: CaseState = { ...draft, header };
    await this.store.indexes.claimUsers(header.tenantId, header.caseRef, peopleToClaim(previous, state), header.version);
    if (nextDue !== null && nextDue !== previous?.header.nextDue) {
      await this.store.indexes.recordDue(header.tenantId, header.caseRef, nextDue, header.version);
    }
    return { state, writes: [{ kind: 'header', value: header, digest: caseDigest(state) }, ...decision.writes] };
  }
}
