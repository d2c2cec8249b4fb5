import { z } from 'zod';
import { caseRef, entraId, localDate } from '../cases/validation.js';
import { joinKey } from '../store/keys.js';

/**
 * What the outbox holds: one proactive message per business key. The key says what the message is about and for
 * whom (case, meeting or obligation, kind, recipient, date), so the same message asked for twice, by a retried
 * turn or a second sweep, lands on the same row. The payload is a card's name and data, rendered by the bot at
 * send time: a case reference and alias, never a child's or family's name.
 */

/** A meeting (`CG2`) or an obligation id: what the message is about within the case. */
const subject = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a meeting or obligation id');
/** `invitation`, `reminder`, `digest`, ...: the kind of message, one per purpose. */
const kind = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case message kind');

/** The key of a message about one case: the usual kind, partitioned by its case. */
export const outboxKey = z.object({
  tenantId: entraId('Tenant id'),
  caseRef,
  subject,
  kind,
  recipientId: entraId('Recipient'),
  /** The day the message is for (the meeting's date, a reminder's day), so a new day's reminder is a new row. */
  date: localDate('Date'),
});
export type OutboxKey = z.output<typeof outboxKey>;

/**
 * The key of a message about a person rather than one case (a chair's digest across their cases): no case
 * reference, and the person's own partition. `scope` tells the two apart; rows about a case carry none.
 */
export const personOutboxKey = outboxKey.omit({ caseRef: true }).extend({ scope: z.literal('person') });
export type PersonOutboxKey = z.output<typeof personOutboxKey>;

/** Whatever an outbox row may be keyed by: `scope` decides which (a case reference beside it is not read). */
export const outboxRowKey = z.union([personOutboxKey, outboxKey]);
export type OutboxRowKey = z.output<typeof outboxRowKey>;

export const isCaseKey = (key: OutboxRowKey): key is OutboxKey => !('scope' in key);

/** A card template's name and its data; the bot knows how to render each name. */
export const outboxCard = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'must be a card name'),
  data: z.record(z.unknown()),
});
export type OutboxCard = z.output<typeof outboxCard>;

export const outboxRequest = z.object({
  key: outboxRowKey,
  card: outboxCard,
  /** Who is told when the recipient cannot be reached: the social worker on whose behalf the message goes (for a digest, its recipient). */
  tellId: entraId('Social worker'),
});
export type OutboxRequest = z.input<typeof outboxRequest>;

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'unreachable', 'poisoned'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Where a card was posted: a later send of the same row updates that activity instead of posting again. */
export interface Posted {
  readonly conversationId: string;
  readonly activityId: string;
}

/** An outbox row as read back, with the ETag every change to it is conditional on. */
export interface OutboxRow {
  readonly key: OutboxRowKey;
  readonly card: OutboxCard;
  readonly tellId: string;
  readonly state: OutboxState;
  /** Raised each time the payload changes, so a send of an older payload cannot mark a newer one sent. */
  readonly revision: number;
  readonly posted: Posted | undefined;
  readonly claim: { readonly by: string; readonly until: Date } | undefined;
  /** Why the row is unreachable or poisoned. */
  readonly reason: string | undefined;
  readonly queuedAt: Date;
  readonly sentAt: Date | undefined;
  readonly etag: string;
}

/** The row's address: one partition per case, so a case's deliveries can be listed together; one per person for the rest. */
export interface OutboxAddress {
  readonly partitionKey: string;
  readonly rowKey: string;
}

/** The partition of a case's rows. */
export const outboxPartition = (key: Pick<OutboxKey, 'tenantId' | 'caseRef'>): string => joinKey(key.tenantId, key.caseRef);

/** The partition of a person's rows (`tenant|person|<id>`): a case reference is upper case, so never `person`. */
const personPartition = (key: PersonOutboxKey): string => joinKey(key.tenantId, key.scope, key.recipientId);

export function outboxAddress(key: OutboxRowKey): OutboxAddress {
  return {
    partitionKey: isCaseKey(key) ? outboxPartition(key) : personPartition(key),
    rowKey: joinKey(key.kind, key.subject, key.recipientId, key.date),
  };
}

/** JSON text read as a value, or undefined when it is not JSON, for a schema to judge. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A queue message carries only the row's address; the row is the truth. */
const queueMessage = z.object({ partitionKey: z.string().min(1), rowKey: z.string().min(1) });

export function readQueueMessage(text: string): OutboxAddress | undefined {
  const parsed = queueMessage.safeParse(parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

export function queueMessageText(address: OutboxAddress): string {
  return JSON.stringify({ partitionKey: address.partitionKey, rowKey: address.rowKey });
}
