import { LRUCache } from 'lru-cache';
import type { AuditEntry } from '../store/audit.js';
import type { Page, PageRequest } from '../store/paging.js';
import type { LocalDate } from '../time/localDate.js';
import type { CaseEvent } from '../timeline/events.js';
import { caseStoreOf, parseCaseRef, requireCase, translated, type CaseServiceDeps, type CaseStore } from './caseAccess.js';
import { authorize, rolesOf } from './authorization.js';
import { digestMembers, type ScheduledMeeting } from './caseDigest.js';
import type { UserCaseRow } from './caseIndexes.js';
import { decodeSummary, encodeSummary, type CaseSummary } from './caseRepository.js';
import { viewFor } from './caseView.js';
import { CaseNotFound } from './errors.js';
import type { Actor, CaseHeader, CaseRole, CaseStatus, CaseView } from './model.js';
import { actor as actorSchema, parseInput } from './validation.js';

/** One of a person's cases as its case row (or the index's snapshot of it) tells it: enough to list it and compute its timeline. */
export interface MyCase {
  readonly caseRef: string;
  readonly alias?: string;
  readonly policyId: string;
  readonly status: CaseStatus;
  readonly confirmation: CaseHeader['confirmation'];
  readonly teamManager: string;
  readonly chair: string;
  readonly nextDue: LocalDate | null;
  readonly roles: readonly CaseRole[];
  /** What the timeline engine needs (the same as CaseView.events). */
  readonly events: readonly CaseEvent[];
  /** The core group scheduled next, if any (from CaseView.meetings, nextScheduled). */
  readonly nextMeeting: ScheduledMeeting | null;
}

/** A case found through the "my cases" index, with what the reader needs to check the index row against it. */
interface Found<T> {
  readonly value: T;
  readonly version: number;
  readonly roles: ReadonlySet<CaseRole>;
}

/**
 * How much snapshot text the decoded-snapshot cache holds (UTF-16 code units; each decoded summary costs a few
 * times its text): a few thousand caseloads' worth, tens of megabytes at most.
 */
const SNAPSHOT_CACHE_CHARS = 8_000_000;

/** Reading cases as one person may see them: one case, its audit trail, and the cases they are on. */
export class CaseQueries {
  private readonly store: CaseStore;
  /**
   * Decoded snapshots by their stored text. A caseload is asked about again and again between changes, and
   * parsing and checking each snapshot was a fifth of an answer's work and most of its garbage. Keyed by the text
   * itself, a hit is the very input the pure decode would see, so no version reasoning is needed; summaries are
   * read-only, so one serves every reader. The events array it holds keeps its identity, which lets the timeline
   * memo (src/due/caseTimelines.ts) skip recomputing too.
   */
  private readonly snapshots = new LRUCache<string, CaseSummary>({ maxSize: SNAPSHOT_CACHE_CHARS, sizeCalculation: (_, json) => json.length });

  constructor(deps: Pick<CaseServiceDeps, 'tables' | 'onUpkeepFailed'>) {
    this.store = caseStoreOf(deps);
  }

  async getCase(actorInput: Actor, caseRefInput: string): Promise<CaseView> {
    const actor = parseInput(actorSchema, actorInput);
    const caseRef = parseCaseRef(caseRefInput);
    return translated(caseRef, async () => {
      const { state } = requireCase(await this.store.repository.load(actor.tenantId, caseRef), caseRef);
      const roles = rolesOf(state.header, state.members, actor);
      authorize(roles, 'view-case', caseRef);
      return viewFor(state, roles, actor.aadObjectId);
    });
  }

  /** The case's audit trail, newest first, a page at a time. */
  async auditTrail(actorInput: Actor, caseRefInput: string, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    const actor = parseInput(actorSchema, actorInput);
    const caseRef = parseCaseRef(caseRefInput);
    return translated(caseRef, async () => {
      const header = await this.store.repository.loadHeader(actor.tenantId, caseRef);
      if (!header || header.status === 'withdrawn') throw new CaseNotFound(caseRef);
      // The audit needs no member roles: only the social worker, team manager and chair may read it.
      authorize(rolesOf(header, [], actor), 'view-audit', caseRef);
      return this.store.repository.auditPage(actor.tenantId, caseRef, page);
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
      confirmation: header.confirmation,
      teamManager: header.teamManager,
      chair: header.chair,
      nextDue: header.nextDue,
      roles: [...roles],
      events: digest.events,
      nextMeeting: digest.nextMeeting,
    }));
  }

  /** The case as the index row's snapshot tells it when no newer version is claimed, else from its case row. */
  private async summaryFor(actor: Actor, row: UserCaseRow): Promise<Found<CaseSummary> | null> {
    const trusted = row.snapshot !== undefined && row.snapshot.version >= row.claimed;
    const summary = trusted ? this.decoded(row.snapshot.json) : await this.store.repository.loadSummary(actor.tenantId, row.caseRef);
    if (!summary) return null;
    const found = { value: summary, version: summary.header.version, roles: rolesOf(summary.header, digestMembers(summary.digest), actor) };
    // Settled for someone still on the case (others' rows are pruned), once the claimed change has committed.
    if (!trusted && found.version >= row.claimed && found.roles.size > 0) {
      const json = encodeSummary(summary);
      await this.store.bestEffort('settle', () => this.store.indexes.settleUser(actor.tenantId, actor.aadObjectId, row, { version: found.version, json }));
      // The snapshot now stored decodes to this summary, so the next reading finds it (and its timeline) ready.
      this.snapshots.set(json, summary);
    }
    return found;
  }

  private decoded(json: string): CaseSummary {
    let summary = this.snapshots.get(json);
    if (summary === undefined) {
      summary = decodeSummary(json);
      this.snapshots.set(json, summary);
    }
    return summary;
  }

  /**
   * The "my cases" index checked against each case: a row is kept while the person has a role, pruned once the
   * case has reached the row's claimed version without them, and left alone while the case is missing.
   */
  private visibleCases(actor: Actor): Promise<Array<Found<CaseSummary>>> {
    return translated('', async () => {
      const rows = await this.store.indexes.casesOf(actor.tenantId, actor.aadObjectId);
      const cases = await Promise.all(
        rows.map(async (row) => {
          const found = await this.summaryFor(actor, row);
          if (!found) return null; // a creation still in flight, or one that failed: left alone
          if (found.roles.size > 0) return found;
          if (found.version >= row.claimed) await this.store.bestEffort('prune-user', () => this.store.indexes.pruneUser(actor.tenantId, actor.aadObjectId, row));
          return null;
        }),
      );
      return cases.filter((found) => found !== null);
    });
  }
}
