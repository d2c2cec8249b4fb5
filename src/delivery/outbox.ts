import { odata, type TableClient } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { parseInput } from '../cases/validation.js';
import { withEtagRetry } from '../store/etag.js';
import { guarded, isAlreadyExists, isNotFound } from '../store/errors.js';
import { joinKey } from '../store/keys.js';
import { readAll } from '../store/paging.js';
import { splitIntoChunks } from '../store/text.js';
import type { Clock } from '../time/clock.js';
import {
  OUTBOX_STATES,
  outboxAddress,
  outboxCard,
  outboxPartition,
  outboxRowKey,
  outboxRequest,
  parseJson,
  queueMessageText,
  type OutboxAddress,
  type OutboxKey,
  type OutboxRequest,
  type OutboxRow,
  type Posted,
} from './outboxItem.js';

/**
 * The outbox table: one row per business key, written before anything is sent, then moved on by the dispatcher
 * (pending → sending → sent | unreachable | poisoned). Every change after the first write is conditional on the
 * ETag read, so two instances can never both move one row; a lost race surfaces as the SDK's 412 for the caller
 * to read as "someone else has it".
 */

/** The stored properties; keys and metadata are the table's. */
const storedRow = z.object({
  tenantId: z.string(),
  /** Absent on a row about a person (`scope` says so). */
  caseRef: z.string().optional(),
  scope: z.literal('person').optional(),
  subject: z.string(),
  kind: z.string(),
  recipientId: z.string(),
  date: z.string(),
  cardName: z.string(),
  cardData: z.string(),
  /** How many properties the card's data takes (cardData, cardData1, ...): a card's data may outgrow one property. */
  cardParts: z.number().int().positive().default(1),
  tellId: z.string(),
  state: z.enum(OUTBOX_STATES),
  revision: z.number().int().positive(),
  conversationId: z.string().optional(),
  activityId: z.string().optional(),
  claimedBy: z.string().optional(),
  claimedUntil: z.string().datetime().optional(),
  reason: z.string().optional(),
  queuedAt: z.string().datetime(),
  sentAt: z.string().datetime().optional(),
  etag: z.string(),
});
type StoredEntity = Omit<z.infer<typeof storedRow>, 'etag'> & OutboxAddress & Readonly<Record<`cardData${number}`, string>>;

/** What `enqueue` did: a new row, a changed payload (the next send updates the card), or nothing new. */
export type EnqueueResult = 'queued' | 'revised' | 'unchanged';

/** Reasons are short codes (`forbidden`, `not-found`, `dequeued 6 times`), bounded so a row stays small. */
const MAX_REASON = 200;

export class OutboxRowCorrupt extends Error {
  constructor(address: OutboxAddress, detail: string) {
    super(`Outbox row ${address.partitionKey}/${address.rowKey} cannot be read: ${detail}`);
    this.name = 'OutboxRowCorrupt';
  }
}

export class Outbox {
  constructor(
    private readonly table: TableClient,
    private readonly queue: QueueClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the row (the same key twice is one row) and then the queue message that gets it sent. A crash between
   * the two leaves a pending row with no message: enqueueing the same key again, as a retried turn or the next
   * sweep does, sends the message it lacks. A pending row may thus have two messages; the dispatcher sends it once.
   * A different payload for a row already sent is a revision: the next send updates the card posted before.
   */
  async enqueue(input: OutboxRequest): Promise<EnqueueResult> {
    const request = parseInput(outboxRequest, input);
    const address = outboxAddress(request.key);
    const cardData = JSON.stringify(request.card.data);
    const now = this.clock.now();
    const row: NewRow = { key: request.key, card: request.card, tellId: request.tellId, state: 'pending', revision: 1, posted: undefined, claim: undefined, reason: undefined, queuedAt: now, sentAt: undefined };
    const create = () => guarded(() => this.table.createEntity(toEntity(row)));
    const result = await withEtagRetry(async (attempt): Promise<EnqueueResult | 'requeue'> => {
      // A new key is the usual case, so the first attempt creates without reading: one transaction, not two.
      if (attempt === 1) {
        try {
          await create();
          return 'queued';
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
        }
      }
      const existing = await this.get(address);
      if (existing === undefined) {
        await create();
        return 'queued';
      }
      const samePayload = existing.tellId === request.tellId && existing.card.name === request.card.name && JSON.stringify(existing.card.data) === cardData;
      if (samePayload) return existing.state === 'pending' ? 'requeue' : 'unchanged';
      // A person who could not be reached, or a row set aside, stays so: a new payload is not a new chance.
      if (existing.state === 'unreachable' || existing.state === 'poisoned') return 'unchanged';
      // The claim is dropped: a send of the old revision still under way finds the row changed and leaves it pending.
      await this.replace({ ...existing, card: request.card, tellId: request.tellId, state: 'pending', revision: existing.revision + 1, claim: undefined, queuedAt: now });
      return 'revised';
    });
    if (result === 'unchanged') return result;
    await guarded(() => this.queue.sendMessage(queueMessageText(address)));
    return result === 'requeue' ? 'unchanged' : result;
  }

  async get(address: OutboxAddress): Promise<OutboxRow | undefined> {
    try {
      const entity = await guarded(() => this.table.getEntity(address.partitionKey, address.rowKey));
      return fromEntity(address, entity);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Every row of one kind about one subject of a case (a meeting's invitations), for every recipient and date: one
   * query within the case's partition, since the row key starts with the kind and the subject.
   */
  async rowsAbout(key: Pick<OutboxKey, 'tenantId' | 'caseRef' | 'kind' | 'subject'>): Promise<OutboxRow[]> {
    const partitionKey = outboxPartition(key);
    const prefix = `${joinKey(key.kind, key.subject)}|`;
    // '}' follows '|', the key separator, so the range holds exactly the keys that start with the prefix.
    const entities = await readAll(this.table, odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix.slice(0, -1)}}`}`);
    return entities.map((entity) => fromEntity({ partitionKey, rowKey: entity.rowKey ?? '' }, entity));
  }

  /** "Sending until `until`, by `instance`": a claim that lapses with the queue message's visibility. */
  claim(row: OutboxRow, instance: string, until: Date): Promise<OutboxRow> {
    return this.replace({ ...row, state: 'sending', claim: { by: instance, until } });
  }

  /** Sent: with where it was posted, so a later send of this row updates that card. */
  markSent(row: OutboxRow, posted: Posted | undefined): Promise<OutboxRow> {
    return this.replace({ ...row, state: 'sent', posted: posted ?? row.posted, claim: undefined, sentAt: this.clock.now() });
  }

  /**
   * A send of an older revision went out while the payload was revised: the row stays pending for the new payload,
   * and keeps where the card now is, so the pending send updates it rather than posting a second card.
   */
  async recordPosted(row: OutboxRow, posted: Posted): Promise<void> {
    await withEtagRetry(async () => {
      const current = await this.get(outboxAddress(row.key));
      if (current === undefined || current.state === 'sent') return;
      await this.replace({ ...current, posted });
    });
  }

  markUnreachable(row: OutboxRow, reason: string): Promise<OutboxRow> {
    return this.replace({ ...row, state: 'unreachable', reason: reason.slice(0, MAX_REASON), claim: undefined });
  }

  markPoisoned(row: OutboxRow, reason: string): Promise<OutboxRow> {
    return this.replace({ ...row, state: 'poisoned', reason: reason.slice(0, MAX_REASON), claim: undefined });
  }

  /** Gives a claim back after a send that surely did not happen (throttled, refused), so the next try need not wait. */
  release(row: OutboxRow): Promise<OutboxRow> {
    return this.replace({ ...row, state: 'pending', claim: undefined });
  }

  /** The whole row, conditional on the ETag it was read with. */
  private async replace(row: OutboxRow): Promise<OutboxRow> {
    const { etag } = await guarded(() => this.table.updateEntity(toEntity(row), 'Replace', { etag: row.etag }));
    if (etag === undefined) throw new Error('the outbox table answered an update without an ETag');
    return { ...row, etag };
  }
}

type NewRow = Omit<OutboxRow, 'etag'>;

function toEntity(row: NewRow): StoredEntity {
  const [cardData = '', ...more] = splitIntoChunks(JSON.stringify(row.card.data));
  return {
    ...outboxAddress(row.key),
    ...row.key,
    cardName: row.card.name,
    cardData,
    cardParts: more.length + 1,
    ...Object.fromEntries(more.map((chunk, index) => [`cardData${index + 1}`, chunk])),
    tellId: row.tellId,
    state: row.state,
    revision: row.revision,
    ...(row.posted !== undefined ? { conversationId: row.posted.conversationId, activityId: row.posted.activityId } : {}),
    ...(row.claim !== undefined ? { claimedBy: row.claim.by, claimedUntil: row.claim.until.toISOString() } : {}),
    ...(row.reason !== undefined ? { reason: row.reason } : {}),
    queuedAt: row.queuedAt.toISOString(),
    ...(row.sentAt !== undefined ? { sentAt: row.sentAt.toISOString() } : {}),
  };
}

function fromEntity(address: OutboxAddress, entity: unknown): OutboxRow {
  // Passed through: the card's data beyond its first property is read from the rest.
  const stored = storedRow.passthrough().safeParse(entity);
  if (!stored.success) throw new OutboxRowCorrupt(address, stored.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const row = stored.data;
  const key = outboxRowKey.safeParse(row);
  const more = Array.from({ length: row.cardParts - 1 }, (_, index) => z.string().safeParse(row[`cardData${index + 1}`]));
  const text = more.every((part) => part.success) ? [row.cardData, ...more.map((part) => part.data)].join('') : '';
  const card = outboxCard.safeParse({ name: row.cardName, data: parseJson(text) });
  if (!key.success || !card.success) throw new OutboxRowCorrupt(address, 'its key or card does not parse');
  return {
    key: key.data,
    card: card.data,
    tellId: row.tellId,
    state: row.state,
    revision: row.revision,
    posted: row.conversationId !== undefined && row.activityId !== undefined ? { conversationId: row.conversationId, activityId: row.activityId } : undefined,
    claim: row.claimedBy !== undefined && row.claimedUntil !== undefined ? { by: row.claimedBy, until: new Date(row.claimedUntil) } : undefined,
    reason: row.reason,
    queuedAt: new Date(row.queuedAt),
    sentAt: row.sentAt !== undefined ? new Date(row.sentAt) : undefined,
    etag: row.etag,
  };
}
