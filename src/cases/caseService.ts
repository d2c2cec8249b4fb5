import { z } from 'zod';
import type { AuditEntry } from '../store/audit.js';
import type { StoreTables } from '../store/connect.js';
import { StorageConflict, StorageUnavailable } from '../store/errors.js';
import { withEtagRetry, type RetryOptions } from '../store/etag.js';
import { fingerprint } from '../store/idempotency.js';
import type { Page, PageRequest } from '../store/paging.js';
import type { Clock } from '../time/clock.js';
import type { LocalDate } from '../time/localDate.js';
import type { CaseEvent } from '../timeline/events.js';
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
import { caseDigest, digestMembers } from './caseDigest.js';
import { caseEvents } from './caseEvents.js';
import { CaseIndexes, type UserCaseRow } from './caseIndexes.js';
import { CaseRepository, decodeSummary, encodeSummary, type CaseSummary, type CaseWrite, type LoadedCase } from './caseRepository.js';
import { viewFor } from './caseView.js';
import { CaseNotFound, Conflict, TryAgain } from './errors.js';
import type { Actor, CaseRole, CaseState, CaseStatus, CaseView } from './model.js';
import {
  actor as actorSchema,
  addMemberInput,
  answerInput,
  businessKey,
  caseRef as caseRefSchema,
  createCaseInput,
  localDate,
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

/** Supplied by the timeline engine: the next date something falls due on a case, or null. */
export type NextDueOf = (events: readonly CaseEvent[], policyId: string) => LocalDate | null;

export interface CaseServiceDeps {
  readonly tables: Pick<StoreTables, 'cases' | 'userCases' | 'caseDue'>;
  readonly clock: Clock;
  readonly policyIds: ReadonlySet<string>;
  readonly nextDueOf: NextDueOf;
  readonly retry?: RetryOptions;
  /** Told of index upkeep on the read path that failed (a settle or prune): the answer stands, the next reader retries. */
  readonly onUpkeepFailed?: (upkeep: 'settle' | 'prune-user' | 'prune-due', error: unknown) => void;
}

export interface OperationOptions {
  /** A business key for operations that can arrive twice (card submits, retries): applied once. */
  readonly idempotencyKey?: string;
}

export type CaseResult<R extends object = NoIds> = R & {
  readonly view: CaseView;
  /** True when this was a repeat of an operation already applied: nothing was changed this time. */
  readonly replayed: boolean;
};

/** One of a person's cases as its case row (or the index's snapshot of it) tells it: enough to list it and compute its timeline. */
export interface MyCase {
  readonly caseRef: string;
  readonly alias?: string;
  readonly policyId: string;
  readonly status: CaseStatus;
  readonly nextDue: LocalDate | null;
  readonly roles: readonly CaseRole[];
  /** What the timeline engine needs (the same as CaseView.events). */
  readonly events: readonly CaseEvent[];
}

/** A case found through the "my cases" index, with what the reader needs to check the index row against it. */
interface Found<T> {
  readonly value: T;
  readonly version: number;
  readonly roles: ReadonlySet<CaseRole>;
}

export interface DueCase {
  readonly tenantId: string;
  readonly caseRef: string;
  readonly policyId: string;
  readonly nextDue: LocalDate;
}

type Decide<I, R extends object> = (loaded: LoadedCase | null, input: I, context: DecisionContext) => Decision<R>;

/** Turns store failures into what a person can act on; domain errors pass through untouched. */
async function translated<T>(caseRef: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StorageUnavailable) throw new TryAgain({ cause: error });
    if (error instanceof StorageConflict) {
      throw new Conflict(`Several changes to case ${caseRef} arrived at the same moment and yours could not be saved. Nothing of yours was saved; please try again.`);
    }
    throw error;
  }
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

function requireCase(loaded: LoadedCase | null, caseRef: string): LoadedCase {
  if (!loaded) throw new CaseNotFound(caseRef);
  return loaded;
}

export class CaseService {
  private readonly repository: CaseRepository;
  private readonly indexes: CaseIndexes;

  constructor(private readonly deps: CaseServiceDeps) {
    this.repository = new CaseRepository(deps.tables);
    this.indexes = new CaseIndexes(deps.tables);
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

  async getCase(actorInput: Actor, caseRefInput: string): Promise<CaseView> {
    const actor = parseInput(actorSchema, actorInput);
    const caseRef = this.parseCaseRef(caseRefInput);
    return translated(caseRef, async () => {
      const { state } = requireCase(await this.repository.load(actor.tenantId, caseRef), caseRef);
      const roles = rolesOf(state.header, state.members, actor);
      authorize(roles, 'view-case', caseRef);
      return viewFor(state, roles, actor.aadObjectId);
    });
  }

  /** The case's audit trail, newest first, a page at a time. */
  async auditTrail(actorInput: Actor, caseRefInput: string, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    const actor = parseInput(actorSchema, actorInput);
    const caseRef = this.parseCaseRef(caseRefInput);
    return translated(caseRef, async () => {
      const header = await this.repository.loadHeader(actor.tenantId, caseRef);
      if (!header) throw new CaseNotFound(caseRef);
      // The audit needs no member roles: only the social worker, team manager and chair may read it.
      authorize(rolesOf(header, [], actor), 'view-audit', caseRef);
      return this.repository.auditPage(actor.tenantId, caseRef, page);
    });
  }

  /**
   * The cases this person has a role on, with their timeline events, pruning index rows that no longer hold.
   * One partition query: each index row's snapshot answers for its case unless a change has claimed a newer
   * version, and only then is that case's row read (a point read) and the index row settled (caseIndexes.ts).
   */
  async myCases(actorInput: Actor): Promise<MyCase[]> {
    const actor = parseInput(actorSchema, actorInput);
    const cases = await this.visibleCases(actor);
    return cases.map(({ value: { header, digest }, roles }) => ({
      caseRef: header.caseRef,
      ...(header.alias !== undefined ? { alias: header.alias } : {}),
      policyId: header.policyId,
      status: header.status,
      nextDue: header.nextDue,
      roles: [...roles],
      events: digest.events,
    }));
  }

  /** The case as the index row's snapshot tells it when no newer version is claimed, else from its case row. */
  private async summaryFor(actor: Actor, row: UserCaseRow): Promise<Found<CaseSummary> | null> {
    const trusted = row.snapshot !== undefined && row.snapshot.version >= row.claimed;
    const summary = trusted ? decodeSummary(row.snapshot.json) : await this.repository.loadSummary(actor.tenantId, row.caseRef);
    if (!summary) return null;
    const found = { value: summary, version: summary.header.version, roles: rolesOf(summary.header, digestMembers(summary.digest), actor) };
    // Settled for someone still on the case (others' rows are pruned), once the claimed change has committed.
    if (!trusted && found.version >= row.claimed && found.roles.size > 0) {
      await this.bestEffort('settle', () => this.indexes.settleUser(actor.tenantId, actor.aadObjectId, row, { version: found.version, json: encodeSummary(summary) }));
    }
    return found;
  }

  /**
   * The "my cases" index checked against each case: a row is kept while the person has a role, pruned once the
   * case has reached the row's claimed version without them, and left alone while the case is missing.
   */
  private visibleCases(actor: Actor): Promise<Array<Found<CaseSummary>>> {
    return translated('', async () => {
      const rows = await this.indexes.casesOf(actor.tenantId, actor.aadObjectId);
      const cases = await Promise.all(
        rows.map(async (row) => {
          const found = await this.summaryFor(actor, row);
          if (!found) return null; // a creation still in flight, or one that failed: left alone
          if (found.roles.size > 0) return found;
          if (found.version >= row.claimed) await this.bestEffort('prune-user', () => this.indexes.pruneUser(actor.tenantId, actor.aadObjectId, row));
          return null;
        }),
      );
      return cases.filter((found) => found !== null);
    });
  }

  /** For sweeps: open cases whose next due date is on or before the horizon (overdue included), across tenants. */
  async dueCases(horizonInput: LocalDate): Promise<DueCase[]> {
    const horizon = parseInput(z.object({ horizon: localDate('Horizon') }), { horizon: horizonInput }).horizon;
    return translated('', async () => {
      const rows = await this.indexes.dueUpTo(horizon);
      const due = await Promise.all(
        rows.map(async (row): Promise<DueCase | null> => {
          const header = await this.repository.loadHeader(row.tenantId, row.caseRef);
          if (header?.status === 'open' && header.nextDue === row.due) {
            return { tenantId: row.tenantId, caseRef: row.caseRef, policyId: header.policyId, nextDue: row.due };
          }
          if (header && header.version >= row.caseVersion) await this.bestEffort('prune-due', () => this.indexes.pruneDue(row));
          return null;
        }),
      );
      return due.filter((found): found is DueCase => found !== null);
    });
  }

  /** Index upkeep a reader does on the way: it never turns an answer into "try again" (caseIndexes.ts keeps indexes a superset). */
  private async bestEffort(upkeep: 'settle' | 'prune-user' | 'prune-due', work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.onUpkeepFailed?.(upkeep, error);
    }
  }

  private parseCaseRef(caseRef: string): string {
    return parseInput(z.object({ caseRef: caseRefSchema }), { caseRef }).caseRef;
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
    const caseRef = this.parseCaseRef(caseRefInput);
    const key = options.idempotencyKey === undefined ? undefined : parseInput(z.object({ idempotencyKey: businessKey }), options).idempotencyKey;
    const requestPrint = fingerprint({ name, actor, caseRef, input });
    return translated(caseRef, () =>
      withEtagRetry(async () => {
        const [loaded, earlier] = await Promise.all([
          this.repository.load(actor.tenantId, caseRef),
          key === undefined ? null : this.repository.readOperation(actor.tenantId, caseRef, key),
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
        await this.repository.commit(actor.tenantId, caseRef, loaded, writes, audit, key === undefined ? undefined : { businessKey: key, record });
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
    await this.indexes.claimUsers(header.tenantId, header.caseRef, peopleToClaim(previous, state), header.version);
    if (nextDue !== null && nextDue !== previous?.header.nextDue) {
      await this.indexes.recordDue(header.tenantId, header.caseRef, nextDue, header.version);
    }
    return { state, writes: [{ kind: 'header', value: header, digest: caseDigest(state) }, ...decision.writes] };
  }
}
