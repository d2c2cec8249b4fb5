import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { asCaseErrors } from '../cases/caseAccess.js';
import { InvalidInput } from '../cases/errors.js';
import type { Actor } from '../cases/model.js';
import { actor as actorSchema, businessKey, parseInput } from '../cases/validation.js';
import { auditEntity, readAuditPage, type AuditEntry } from '../store/audit.js';
import { guarded, isNotFound } from '../store/errors.js';
import { withEtagRetry, type RetryOptions } from '../store/etag.js';
import { fingerprint, operationEntity, readOperation } from '../store/idempotency.js';
import { entraIdKey } from '../store/keys.js';
import { readAll, type Page, type PageRequest, type StoredEntity } from '../store/paging.js';
import type { Clock } from '../time/clock.js';
import {
  authorizeStaffAdmin,
  changeOf,
  describeRoles,
  staffEntryInput,
  staffMemberSchema,
  type StaffChange,
  type StaffEntry,
  type StaffEntryInput,
  type StaffMember,
} from './staff.js';

/**
 * The Staff table: PartitionKey = tenant id, RowKey = the person's object id (both lower case), so a tenant's
 * whole directory is one partition query and a person is one point read. The partition also holds the directory's
 * audit trail (`~audit|…`) and idempotency rows (`~op|…`), written in the same transaction as the change they
 * describe; staff rows sort below '~'.
 */
const STAFF_END = '~';
/** Azure's limit on one transaction, two actions (the row and its audit entry) per person. */
const PEOPLE_PER_TRANSACTION = 50;

export interface StaffDirectoryDeps {
  readonly table: TableClient;
  readonly clock: Clock;
  /** Object ids of the staff administrators (STAFF_ADMINS), lower case. */
  readonly admins: ReadonlySet<string>;
  readonly retry?: RetryOptions;
}

export interface StaffResult {
  readonly member: StaffMember;
  readonly change: StaffChange;
  /** A repeat of a request already applied: nothing was changed this time. */
  readonly replayed: boolean;
}

export interface ImportSummary {
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
}

interface Stored {
  readonly member: StaffMember;
  readonly etag: string;
}

function parseRow(row: StoredEntity): Stored {
  const { partitionKey, rowKey, etag, timestamp: _timestamp, ...properties } = row;
  return { member: staffMemberSchema.parse({ ...properties, tenantId: partitionKey, aadObjectId: rowKey }), etag };
}

/** Store failures as a person can act on them (caseAccess.ts), a lost race in the directory's words. */
const translated = <T>(work: () => Promise<T>): Promise<T> =>
  asCaseErrors(work, 'Someone else changed the staff directory at the same moment. Nothing of yours was saved; please try again.');

export class StaffDirectory {
  constructor(private readonly deps: StaffDirectoryDeps) {}

  /** The actor, checked as a staff administrator (NotAllowed otherwise). */
  admin(input: Actor): Actor {
    const admin = parseInput(actorSchema, input);
    authorizeStaffAdmin(this.deps.admins, admin);
    return admin;
  }

  /** One person's entry, or null when they are not listed. */
  async find(tenantId: string, aadObjectId: string): Promise<StaffMember | null> {
    return translated(async () => (await this.read(entraIdKey(tenantId), entraIdKey(aadObjectId)))?.member ?? null);
  }

  /** Several people's entries by object id (one point read each); those not listed are missing from the map. */
  async findMany(tenantId: string, aadObjectIds: readonly string[]): Promise<ReadonlyMap<string, StaffMember>> {
    const ids = [...new Set(aadObjectIds.map(entraIdKey))];
    const found = await Promise.all(ids.map((id) => this.find(tenantId, id)));
    return new Map(found.flatMap((member) => (member ? [[member.aadObjectId, member] as const] : [])));
  }

  /** The administrator's tenant's directory, by name. */
  async list(adminInput: Actor): Promise<StaffMember[]> {
    return this.listTenant(this.admin(adminInput).tenantId);
  }

  /** A tenant's directory, by name, for the CLI (run with the storage credentials, so trusted like importEntries). */
  async listTenant(tenantId: string): Promise<StaffMember[]> {
    return translated(async () => (await this.readTenant(entraIdKey(tenantId))).map(({ member }) => member).sort(byName));
  }

  /** Lists a person, or changes their name or roles; audited, and applied once per idempotency key. */
  async set(adminInput: Actor, input: StaffEntryInput, options: { readonly idempotencyKey?: string } = {}): Promise<StaffResult> {
    const admin = this.admin(adminInput);
    const entry = parseInput(staffEntryInput, input);
    const key = options.idempotencyKey === undefined ? undefined : parseInput(businessKey, options.idempotencyKey);
    const request = { operation: 'staff-set', admin, entry };
    return translated(() =>
      withEtagRetry(async () => {
        if (key !== undefined && (await this.alreadyDone(admin.tenantId, key, request))) {
          const now = await this.read(admin.tenantId, entry.aadObjectId);
          return { member: now?.member ?? this.memberOf(admin.tenantId, entry, admin.aadObjectId), change: 'unchanged', replayed: true };
        }
        const stored = await this.read(admin.tenantId, entry.aadObjectId);
        const change = changeOf(stored?.member, entry);
        const member = this.memberOf(admin.tenantId, entry, admin.aadObjectId);
        if (change === 'unchanged' && stored) return { member: stored.member, change, replayed: false };
        const actions = this.writeActions(stored, member);
        if (key !== undefined) actions.push(this.operationAction(admin, key, request, entry.aadObjectId));
        await guarded(() => this.deps.table.submitTransaction(actions));
        return { member, change, replayed: false };
      }, this.deps.retry),
    );
  }

  /** Takes a person off the directory (audited); cases they already hold are untouched. */
  async remove(adminInput: Actor, aadObjectIdInput: string, options: { readonly idempotencyKey?: string } = {}): Promise<{ readonly removed: StaffMember | null; readonly replayed: boolean }> {
    const admin = this.admin(adminInput);
    const aadObjectId = parseInput(staffEntryInput.pick({ aadObjectId: true }), { aadObjectId: aadObjectIdInput }).aadObjectId;
    const key = options.idempotencyKey === undefined ? undefined : parseInput(businessKey, options.idempotencyKey);
    const request = { operation: 'staff-remove', admin, aadObjectId };
    return translated(() =>
      withEtagRetry(async () => {
        if (key !== undefined && (await this.alreadyDone(admin.tenantId, key, request))) return { removed: null, replayed: true };
        const stored = await this.read(admin.tenantId, aadObjectId);
        if (!stored) return { removed: null, replayed: false };
        // A transaction's delete takes no ETag: removal is meant whatever the roles were, and a row deleted meanwhile
        // fails it (404), so the retry reads again and finds the person already gone.
        const actions: TransactionAction[] = [
          ['delete', { partitionKey: admin.tenantId, rowKey: aadObjectId }],
          ['create', this.auditOf(admin.tenantId, admin.aadObjectId, 'staff-remove', aadObjectId, describeRoles(stored.member), describeRoles(null))],
        ];
        if (key !== undefined) actions.push(this.operationAction(admin, key, request, aadObjectId));
        await guarded(() => this.deps.table.submitTransaction(actions));
        return { removed: stored.member, replayed: false };
      }, this.deps.retry),
    );
  }

  /**
   * The CSV import (src/cli/staff.ts), run by someone holding the storage credentials, so trusted: every entry,
   * already checked, is added or changed (each audited as `import`), and people not in the file are left as they
   * are. Written 50 people to a transaction, each conditional on the row as read, so an edit made meanwhile by
   * card is never overwritten unseen (the import then fails, and running it again is safe).
   */
  async importEntries(tenantIdInput: string, entries: readonly StaffEntry[]): Promise<ImportSummary> {
    const tenantId = entraIdKey(tenantIdInput);
    return translated(async () => {
      const stored = new Map((await this.readTenant(tenantId)).map((row) => [row.member.aadObjectId, row]));
      const summary = { added: 0, changed: 0, unchanged: 0 };
      const writes: TransactionAction[][] = [];
      for (const entry of entries) {
        const before = stored.get(entry.aadObjectId);
        const change = changeOf(before?.member, entry);
        summary[change] += 1;
        if (change !== 'unchanged') writes.push(this.writeActions(before, this.memberOf(tenantId, entry, 'import')));
      }
      for (let start = 0; start < writes.length; start += PEOPLE_PER_TRANSACTION) {
        const actions = writes.slice(start, start + PEOPLE_PER_TRANSACTION).flat();
        await guarded(() => this.deps.table.submitTransaction(actions));
      }
      return summary;
    });
  }

  /** The directory's audit trail for the administrator's tenant, newest first. */
  async auditTrail(adminInput: Actor, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    const admin = this.admin(adminInput);
    return translated(() => readAuditPage(this.deps.table, admin.tenantId, page));
  }

  private async read(tenantId: string, aadObjectId: string): Promise<Stored | null> {
    try {
      return parseRow(await guarded(() => this.deps.table.getEntity<Record<string, unknown>>(tenantId, aadObjectId)));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async readTenant(tenantId: string): Promise<Stored[]> {
    const rows = await readAll(this.deps.table, odata`PartitionKey eq ${tenantId} and RowKey lt ${STAFF_END}`);
    return rows.map(parseRow);
  }

  private memberOf(tenantId: string, entry: StaffEntry, updatedBy: string): StaffMember {
    return { tenantId, ...entry, updatedBy, updatedAt: this.deps.clock.now().toISOString() };
  }

  /** The row (created, or replaced on the ETag read) and its audit entry. */
  private writeActions(before: Stored | null | undefined, member: StaffMember): TransactionAction[] {
    const { tenantId, aadObjectId, roles, ...rest } = member;
    const entity = { partitionKey: tenantId, rowKey: aadObjectId, ...rest, roles: JSON.stringify(roles) };
    const audit = this.auditOf(tenantId, member.updatedBy, 'staff-set', aadObjectId, describeRoles(before?.member), describeRoles(member));
    return [before ? ['update', entity, 'Replace', { etag: before.etag }] : ['create', entity], ['create', audit]];
  }

  private auditOf(tenantId: string, actor: string, operation: string, aadObjectId: string, before: string, after: string) {
    return auditEntity(tenantId, { at: this.deps.clock.now().toISOString(), actor, operation, subject: `staff ${aadObjectId}`, before, after });
  }

  private operationAction(admin: Actor, key: string, request: object, aadObjectId: string): TransactionAction {
    const record = { operation: 'staff', fingerprint: fingerprint(request), resultJson: JSON.stringify({ aadObjectId }), actor: admin.aadObjectId, at: this.deps.clock.now().toISOString() };
    return ['create', operationEntity(admin.tenantId, key, record)];
  }

  /** Whether this request was already applied under this key; the same key for another request is refused. */
  private async alreadyDone(tenantId: string, key: string, request: object): Promise<boolean> {
    const done = await readOperation(this.deps.table, tenantId, key);
    if (!done) return false;
    if (done.fingerprint !== fingerprint(request)) throw new InvalidInput('', 'This form was already used for another change: open a new one.');
    return true;
  }
}

const byName = (a: StaffMember, b: StaffMember): number => a.displayName.localeCompare(b.displayName, 'en-GB') || a.aadObjectId.localeCompare(b.aadObjectId);
