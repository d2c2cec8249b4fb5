import { odata, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { auditEntity, readAuditPage, type AuditEntry } from '../store/audit.js';
import type { StoreTables } from '../store/connect.js';
import { guarded, isNotFound } from '../store/errors.js';
import { operationEntity, readOperation, type OperationRecord } from '../store/idempotency.js';
import { joinKey } from '../store/keys.js';
import { readAll, type Page, type PageRequest, type StoredEntity } from '../store/paging.js';
import { assertPropertyFits } from '../store/text.js';
import { deleteRows, inRuns, MAX_TRANSACTION_ACTIONS } from '../store/transactions.js';
import { isLocalDate, type LocalDate } from '../time/localDate.js';
import { CASE_EVENT_KINDS, type CaseEventKind } from '../timeline/events.js';
import type { CaseDigest } from './caseDigest.js';
import { flatten, unflatten } from './entityCodec.js';
import {
  answerSchema,
  caseHeaderSchema,
  claimSchema,
  meetingSchema,
  memberSchema,
  recordedEventSchema,
  type Answer,
  type CaseHeader,
  type CaseState,
  type Claim,
  type Meeting,
  type Member,
  type RecordedEvent,
} from './model.js';

/**
 * Cases on Azure Tables: one partition per case (PartitionKey = `<tenantId>|<CASE-REF>`). RowKeys:
 *   case · member|M1 · meeting|CG1 · answer|CG1|M1 · event|E1 · claim|C1   — the case state, all below '~'
 *   ~op|<hash>   idempotency rows            ~audit|<inverted time>|<random>   audit trail
 * Loading a case is one range query (RowKey < '~'), which never touches its idempotency rows or history.
 * The case row also carries the case's digest (caseDigest.ts), so a summary of the case is one point read.
 * A change is one transaction in that partition: new rows are created (fail if present), read rows are
 * replaced If-Match their ETag, and the operation's idempotency and audit rows go in the same batch.
 */
const STATE_END = '~';
const HEADER_ROW = 'case';

const date = z.string().refine((value): value is LocalDate => isLocalDate(value));
const ARRAY_FIELDS: ReadonlySet<string> = new Set(['attendees', 'apologies', 'absentees']);

/** The digest's properties on the case row: JSON text, beside the header's own properties. */
const DIGEST_MEMBERS = 'digestMemberIds';
const DIGEST_EVENTS = 'digestEvents';
const DIGEST_NEXT_MEETING = 'digestNextMeeting';

const digestSchema = z.object({
  memberIds: z.array(z.string()),
  events: z.array(
    z.object({ kind: z.string().refine((kind): kind is CaseEventKind => (CASE_EVENT_KINDS as readonly string[]).includes(kind)), date, follows: date.optional() }),
  ),
  // Case rows and snapshots written before meetings were scheduled in Teams have none.
  nextMeeting: z.object({ meetingId: z.string(), date, time: z.string() }).nullable().default(null),
}) satisfies z.ZodType<CaseDigest, z.ZodTypeDef, unknown>;

function digestProperties(digest: CaseDigest): Record<string, string> {
  const properties = {
    [DIGEST_MEMBERS]: JSON.stringify(digest.memberIds),
    [DIGEST_EVENTS]: JSON.stringify(digest.events),
    [DIGEST_NEXT_MEETING]: JSON.stringify(digest.nextMeeting),
  };
  for (const [name, value] of Object.entries(properties)) assertPropertyFits(name, value);
  return properties;
}

/** The digest every case row carries (a row without one fails the schema: nothing was deployed before digests). */
function digestOf(row: StoredEntity): CaseDigest {
  const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
  return digestSchema.parse({ memberIds: parse(row[DIGEST_MEMBERS]), events: parse(row[DIGEST_EVENTS]), nextMeeting: parse(row[DIGEST_NEXT_MEETING]) });
}

const summaryOf = (row: StoredEntity): CaseSummary => ({ header: caseHeaderSchema.parse(unflatten(row, ARRAY_FIELDS)), digest: digestOf(row) });

/** One row to write as part of a change; the repository decides create vs. conditional replace. */
export type CaseWrite =
  /** The case row, with the digest of the state the change leads to. */
  | { readonly kind: 'header'; readonly value: CaseHeader; readonly digest: CaseDigest }
  | { readonly kind: 'member'; readonly value: Member }
  | { readonly kind: 'meeting'; readonly value: Meeting }
  | { readonly kind: 'answer'; readonly value: Answer }
  | { readonly kind: 'event'; readonly value: RecordedEvent }
  | { readonly kind: 'claim'; readonly value: Claim }
  /** Write nothing, but fail the transaction if this member changed since it was read. */
  | { readonly kind: 'member-unchanged'; readonly memberId: string };

/** A case as read, with the ETag of every row so the change can be made conditional on it. */
export interface LoadedCase {
  readonly state: CaseState;
  readonly etags: ReadonlyMap<string, string>;
}

/** A case as its case row alone tells it: enough to list it, check who may see it, and compute its timeline. */
export interface CaseSummary {
  readonly header: CaseHeader;
  readonly digest: CaseDigest;
}

const summarySchema = z.object({ header: caseHeaderSchema, digest: digestSchema });

/** A summary as text, for a snapshot kept elsewhere (a "my cases" index row), and back, checked as on reading the case row. */
export const encodeSummary = (summary: CaseSummary): string => JSON.stringify(summary);
export const decodeSummary = (json: string): CaseSummary => summarySchema.parse(JSON.parse(json));

export function casePartition(tenantId: string, caseRef: string): string {
  return joinKey(tenantId, caseRef);
}

function rowKeyOf(write: CaseWrite): string {
  switch (write.kind) {
    case 'header':
      return HEADER_ROW;
    case 'member':
      return joinKey('member', write.value.memberId);
    case 'member-unchanged':
      return joinKey('member', write.memberId);
    case 'meeting':
      return joinKey('meeting', write.value.meetingId);
    case 'answer':
      return joinKey('answer', write.value.meetingId, write.value.memberId);
    case 'event':
      return joinKey('event', write.value.eventId);
    case 'claim':
      return joinKey('claim', write.value.claimId);
  }
}

function parseState(rows: readonly Record<string, unknown>[]): CaseState | null {
  let header: CaseHeader | undefined;
  const members: Member[] = [];
  const meetings: Meeting[] = [];
  const answers: Answer[] = [];
  const events: RecordedEvent[] = [];
  const claims: Claim[] = [];
  for (const row of rows) {
    const kind = String(row['rowKey']).split('|', 1)[0];
    const record = unflatten(row, ARRAY_FIELDS);
    if (kind === HEADER_ROW) header = caseHeaderSchema.parse(record);
    else if (kind === 'member') members.push(memberSchema.parse(record));
    else if (kind === 'meeting') meetings.push(meetingSchema.parse(record));
    else if (kind === 'answer') answers.push(answerSchema.parse(record));
    else if (kind === 'event') events.push(recordedEventSchema.parse(record));
    else if (kind === 'claim') claims.push(claimSchema.parse(record));
  }
  return header ? { header, members, meetings, answers, events, claims } : null;
}

export class CaseRepository {
  constructor(private readonly tables: Pick<StoreTables, 'cases'>) {}

  /** The whole case state in one query (more than one page only for very large cases). */
  async load(tenantId: string, caseRef: string): Promise<LoadedCase | null> {
    const partitionKey = casePartition(tenantId, caseRef);
    const rows = await readAll(this.tables.cases, odata`PartitionKey eq ${partitionKey} and RowKey lt ${STATE_END}`);
    const state = parseState(rows);
    if (!state) return null;
    return { state, etags: new Map(rows.map((row) => [String(row.rowKey), row.etag])) };
  }

  /** Just the case row, without its digest. */
  async loadHeader(tenantId: string, caseRef: string): Promise<CaseHeader | null> {
    const row = await this.readCaseRow(tenantId, caseRef);
    return row && caseHeaderSchema.parse(unflatten(row, ARRAY_FIELDS));
  }

  /** The case row with its digest: one point read. */
  async loadSummary(tenantId: string, caseRef: string): Promise<CaseSummary | null> {
    const row = await this.readCaseRow(tenantId, caseRef);
    return row && summaryOf(row);
  }

  private async readCaseRow(tenantId: string, caseRef: string): Promise<StoredEntity | null> {
    try {
      return await guarded(() => this.tables.cases.getEntity<Record<string, unknown>>(casePartition(tenantId, caseRef), HEADER_ROW));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Deletes every row of a withdrawn case but its case row, so a case created again under its reference starts
   * afresh (no member, meeting or claim of the withdrawn one carries over); its audit trail and idempotency rows stay.
   * A withdrawn case takes no changes, so nothing is lost by deleting unconditionally, a transaction at a time.
   */
  async purgeWithdrawn(tenantId: string, caseRef: string, withdrawn: LoadedCase): Promise<void> {
    if (withdrawn.state.header.status !== 'withdrawn') throw new Error(`${caseRef} is not withdrawn`);
    const partitionKey = casePartition(tenantId, caseRef);
    await deleteRows(this.tables.cases, [...withdrawn.etags.keys()].filter((rowKey) => rowKey !== HEADER_ROW).map((rowKey) => ({ partitionKey, rowKey })));
  }

  /**
   * The case rows of a tenant's ended and withdrawn cases, with their digests: one query over the tenant's case
   * partitions (`<tenantId>|…`) that only closed cases' case rows answer.
   */
  async closedSummaries(tenantId: string): Promise<CaseSummary[]> {
    const rows = await readAll(this.tables.cases, odata`PartitionKey gt ${`${tenantId}|`} and PartitionKey lt ${`${tenantId}}`} and RowKey eq ${HEADER_ROW} and status ne ${'open'}`);
    return rows.map(summaryOf);
  }

  /**
   * Every row of a case's partition as stored, its idempotency rows and audit trail included, and the summary its
   * case row holds with that row's ETag (null when there is none).
   */
  async partition(tenantId: string, caseRef: string): Promise<{ readonly rows: readonly StoredEntity[]; readonly summary: (CaseSummary & { readonly etag: string }) | null }> {
    const rows = await readAll(this.tables.cases, odata`PartitionKey eq ${casePartition(tenantId, caseRef)}`);
    const header = rows.find((row) => row.rowKey === HEADER_ROW);
    return { rows, summary: header ? { ...summaryOf(header), etag: header.etag } : null };
  }

  /**
   * Deletes the given rows of a case and then its case row, which goes last so that a run stopped midway leaves the
   * case to be found again. Each transaction also carries a no-op Merge on the case row conditional on its ETag (the
   * one read, then the one each transaction returns), and the case row's delete is conditional on it too: a case
   * changed since it was read (every change rewrites its case row) fails with 412, leaving its rows to a later run.
   */
  async erase(tenantId: string, caseRef: string, headerEtag: string, rowKeys: readonly string[]): Promise<void> {
    const partitionKey = casePartition(tenantId, caseRef);
    let etag = headerEtag;
    for (const run of inRuns(rowKeys.filter((rowKey) => rowKey !== HEADER_ROW), MAX_TRANSACTION_ACTIONS - 1)) {
      const actions: TransactionAction[] = [...run.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]), ['update', { partitionKey, rowKey: HEADER_ROW }, 'Merge', { etag }]];
      const response = await guarded(() => this.tables.cases.submitTransaction(actions));
      // The SDK reads each part's ETag header to the end of its line, carriage return included.
      const next = response.subResponses.at(-1)?.etag?.trim();
      if (next === undefined) throw new Error('the cases table answered a transaction without the case row\'s ETag');
      etag = next;
    }
    await guarded(() => this.tables.cases.deleteEntity(partitionKey, HEADER_ROW, { etag }));
  }

  readOperation(tenantId: string, caseRef: string, businessKey: string): Promise<OperationRecord | null> {
    return readOperation(this.tables.cases, casePartition(tenantId, caseRef), businessKey);
  }

  /**
   * Writes one change atomically. `loaded` is the state the change was decided on (null when creating the
   * case); losing a race raises the SDK's 409/412/404, which the caller's retry loop handles.
   */
  async commit(
    tenantId: string,
    caseRef: string,
    loaded: LoadedCase | null,
    writes: readonly CaseWrite[],
    audit: AuditEntry,
    operation?: { readonly businessKey: string; readonly record: OperationRecord },
  ): Promise<void> {
    const partitionKey = casePartition(tenantId, caseRef);
    const actions: TransactionAction[] = writes.map((write) => {
      const rowKey = rowKeyOf(write);
      const etag = loaded?.etags.get(rowKey);
      if (write.kind === 'member-unchanged') {
        if (etag === undefined) throw new Error(`${rowKey} must be read before it can guard a change`);
        // A Merge of no properties changes nothing but the ETag, and only if ours is still current.
        return ['update', { partitionKey, rowKey }, 'Merge', { etag }];
      }
      const entity: TableEntity = { partitionKey, rowKey, ...flatten(write.value), ...(write.kind === 'header' && digestProperties(write.digest)) };
      return etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag }];
    });
    actions.push(['create', auditEntity(partitionKey, audit)]);
    if (operation) actions.push(['create', operationEntity(partitionKey, operation.businessKey, operation.record)]);
    if (actions.length > MAX_TRANSACTION_ACTIONS) throw new Error(`A case change of ${actions.length} rows exceeds one transaction`);
    await guarded(() => this.tables.cases.submitTransaction(actions));
  }

  auditPage(tenantId: string, caseRef: string, request: PageRequest): Promise<Page<AuditEntry>> {
    return readAuditPage(this.tables.cases, casePartition(tenantId, caseRef), request);
  }
}
