import { randomBytes } from 'node:crypto';
import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { readPage, type Page, type PageRequest } from './paging.js';
import { assertValidKey } from './keys.js';

/**
 * Append-only audit trail. Rows live in the partition of the thing they describe (a case), so an entry is
 * written in the same transaction as the change: no change without its entry, no entry without its change.
 * RowKey = `~audit|<inverted milliseconds>|<random>`: ascending RowKey order is newest first, and the random
 * suffix keeps two entries in the same millisecond apart. Entries are created, never updated, and deleted only with
 * the whole partition when retention erases a case (src/cases/caseRetention.ts).
 * Summaries name ids and roles only, never a child's or family member's name.
 */
const AUDIT_ROW_PREFIX = '~audit|';
const AUDIT_ROW_END = '~audit}';

/** Who acted: an Entra aadObjectId, or the bot itself. */
export type AuditActor = string | 'system';

export interface AuditEntry {
  readonly at: string;
  readonly actor: AuditActor;
  readonly operation: string;
  /** What the entry is about, e.g. a case reference. */
  readonly subject: string;
  readonly before: string;
  readonly after: string;
}

const MAX_TIME = 9_999_999_999_999;
const MAX_SUMMARY_LENGTH = 500;

function summary(text: string): string {
  return text.length <= MAX_SUMMARY_LENGTH ? text : `${text.slice(0, MAX_SUMMARY_LENGTH - 1)}…`;
}

function auditRowKey(at: Date): string {
  const inverted = String(MAX_TIME - at.getTime()).padStart(13, '0');
  return assertValidKey(`${AUDIT_ROW_PREFIX}${inverted}|${randomBytes(6).toString('hex')}`);
}

export function auditEntity(partitionKey: string, entry: AuditEntry): TableEntity {
  return {
    partitionKey,
    rowKey: auditRowKey(new Date(entry.at)),
    ...entry,
    before: summary(entry.before),
    after: summary(entry.after),
  };
}

/** One page of a partition's audit trail, newest first. */
export async function readAuditPage(client: TableClient, partitionKey: string, request: PageRequest = {}): Promise<Page<AuditEntry>> {
  const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${AUDIT_ROW_PREFIX} and RowKey lt ${AUDIT_ROW_END}`;
  const page = await readPage(client, filter, request);
  return {
    items: page.items.map((entity) => ({
      at: String(entity['at']),
      actor: String(entity['actor']),
      operation: String(entity['operation']),
      subject: String(entity['subject']),
      before: String(entity['before']),
      after: String(entity['after']),
    })),
    ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
  };
}
