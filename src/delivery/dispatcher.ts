import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import pLimit from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { guarded, isLostRace, isNotFound } from '../store/errors.js';
import type { Clock } from '../time/clock.js';
import type { Outbox } from './outbox.js';
import { isCaseKey, readQueueMessage, type OutboxCard, type OutboxRowKey, type OutboxRow, type Posted } from './outboxItem.js';
import type { ThrottleGate } from './throttle.js';

/**
 * Takes outbox rows off the queue and sends them through the send port, so that across any number of instances
 * each row is sent once: the queue spreads the work (a message is invisible to others while one instance has
 * it), and the row's ETag-conditional claim keeps two instances from sending one row even when a visibility
 * timeout lapses under a slow send: whoever receives the message meanwhile finds the claim and hides the message
 * until the claim ends. After a crash the claim lapses and the next instance to receive the message sends it.
 *
 * What can repeat: a crash after the send and before the row is marked sent. The next send of that row is
 * counted `repeated` (it may be the first that reached Teams: a crash after claiming and before sending looks
 * the same from here). A row that was posted before is sent as an update of that card, never a second post.
 */

export interface DeliveryItem {
  readonly key: OutboxRowKey;
  readonly card: OutboxCard;
  /** Who to tell when the recipient cannot be reached. */
  readonly tellId: string;
  /** Where this row's card was posted before: the send updates that activity instead of posting a second card. */
  readonly previous: Posted | undefined;
}

export type SendResult =
  | { readonly status: 'sent'; readonly conversationId: string; readonly activityId: string | undefined }
  /** 403/404: the person cannot be reached in Teams; final for this row. */
  | { readonly status: 'unreachable'; readonly reason: string }
  /** 429: nothing was sent; every instance waits `retryAfterMs` (or the dispatcher's default). */
  | { readonly status: 'throttled'; readonly retryAfterMs: number | undefined }
  /** Nothing was sent (a 5xx after the sender's own retries): the message comes back after its visibility timeout. */
  | { readonly status: 'failed'; readonly reason: string };

/** Implemented by the bot: renders the card and posts it to the person's 1:1 chat, or updates `previous`. */
export type SendPort = (item: DeliveryItem) => Promise<SendResult>;
/** Implemented by the bot: tells the social worker (`item.tellId`) that the recipient could not be reached. */
export type UnreachablePort = (item: DeliveryItem, reason: string) => Promise<void>;
/**
 * Implemented by the bot: a row has settled (sent, unreachable or poisoned), as its row now reads; a summary of
 * several rows is sent from here once all of them have. Called again for each later message of a settled row,
 * and its message is kept until it returns, so a crash or a storage failure in it is made good on the next try.
 */
export type SettledPort = (row: OutboxRow) => Promise<void>;

type Fields = Readonly<Record<string, string | number | boolean | undefined>>;
export interface DeliveryLog {
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
}

/** A type, not an interface, so it can be logged as fields. */
export type DeliveryCounts = {
  readonly sent: number;
  /** Sends of a row whose earlier claim lapsed unfinished: the message may have reached its recipient twice. */
  readonly repeated: number;
  readonly unreachable: number;
  /** Messages set aside on the poison queue, their rows marked. */
  readonly poisoned: number;
  /** Sends refused with a 429. */
  readonly throttled: number;
  /** Sends that failed or stopped part way; their messages come back. */
  readonly failed: number;
  /** Messages for rows already finished (or gone), deleted unsent. */
  readonly skipped: number;
  /** Messages left for later: the connector is throttled, or another instance holds the row. */
  readonly deferred: number;
};

type Outcome = keyof DeliveryCounts;

export interface DispatcherOptions {
  /** Names this instance in the claims it writes. */
  readonly instanceId: string;
  /** How long a received message stays invisible to other instances. */
  readonly visibilityTimeoutSeconds?: number;
  /** How long a claim holds a row: longer than any send with its retries takes (the send port's budget). */
  readonly claimSeconds?: number;
  /** A message received more often than this is poison (waits for a throttle do not count). */
  readonly maxDequeues?: number;
  /** Messages received at once (the queue gives at most 32). */
  readonly batchSize?: number;
  /** Sends under way at once; the send port paces them. */
  readonly concurrency?: number;
  /** How long a 429 without Retry-After holds every instance back. */
  readonly defaultRetryAfterMs?: number;
}

export interface DispatcherDeps {
  readonly outbox: Outbox;
  readonly queue: QueueClient;
  readonly poisonQueue: QueueClient;
  readonly throttle: ThrottleGate;
  readonly send: SendPort;
  readonly tellUnreachable: UnreachablePort;
  readonly onSettled?: SettledPort;
  readonly clock: Clock;
  readonly log: DeliveryLog;
}

/**
 * 24 sends at once: at Teams' 50 per second, a message's round (its table transactions, the send, the delete) of a
 * few hundred milliseconds on a loaded machine needs some 20 in flight, and a few more sit out 429s. Fewer held one instance far below the
 * tenant's rate (4 gave 12 per second in the dispatch bench).
 */
const DEFAULTS = { visibilityTimeoutSeconds: 60, claimSeconds: 180, maxDequeues: 5, batchSize: 32, concurrency: 24, defaultRetryAfterMs: 5_000 } as const;
/** The longest a message is put off: a day, well inside a queue message's 7-day time to live. */
const MAX_DELAY_SECONDS = 24 * 60 * 60;

const noCounts = (): Record<Outcome, number> => ({ sent: 0, repeated: 0, unreachable: 0, poisoned: 0, throttled: 0, failed: 0, skipped: 0, deferred: 0 });

export class Dispatcher {
  readonly #options: Required<DispatcherOptions>;
  readonly #totals = noCounts();

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions,
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Everything this dispatcher has done since it was made. */
  counts(): DeliveryCounts {
    return { ...this.#totals };
  }

  /** One receive and the handling of what it brought; `received` 0 means the queue had nothing visible. */
  async drain(): Promise<DeliveryCounts & { readonly received: number }> {
    const messages = await this.receive();
    const limit = pLimit(this.#options.concurrency);
    const outcomes = await Promise.all(messages.map((message) => limit(() => this.handleSafely(message))));
    const counts = noCounts();
    for (const outcome of outcomes.flat()) counts[outcome] += 1;
    return { ...counts, received: messages.length };
  }

  /**
   * Drains until `signal` aborts, resting `idleMs` whenever the queue is empty or storage fails. It receives again
   * as soon as every message received is being sent and a send slot is free, not once the whole batch is done: a
   * send waiting out a 429's Retry-After must not leave the other slots idle (one batch at a time, a few percent of
   * 429s held one instance to under half the tenant's rate; see the dispatch bench).
   */
  async run(signal: AbortSignal, idleMs = 1_000): Promise<void> {
    const limit = pLimit(this.#options.concurrency);
    const sending = new Set<Promise<unknown>>();
    while (!signal.aborted) {
      if (limit.pendingCount > 0 || limit.activeCount >= limit.concurrency) {
        await Promise.race(sending);
        continue;
      }
      let messages: DequeuedMessageItem[] = [];
      try {
        messages = await this.receive();
      } catch (error) {
        this.deps.log.warn('outbox.drain-failed', describe(error));
      }
      for (const message of messages) {
        const handled: Promise<unknown> = limit(() => this.handleSafely(message)).finally(() => sending.delete(handled));
        sending.add(handled);
      }
      if (messages.length === 0) await sleep(idleMs, undefined, { signal }).catch(() => undefined);
    }
    await Promise.all(sending);
  }

  private async receive(): Promise<DequeuedMessageItem[]> {
    const { batchSize, visibilityTimeoutSeconds } = this.#options;
    const { receivedMessageItems } = await guarded(() => this.deps.queue.receiveMessages({ numberOfMessages: batchSize, visibilityTimeout: visibilityTimeoutSeconds }));
    return receivedMessageItems;
  }

  /** Handles one message, counted into the totals; never throws. */
  private async handleSafely(message: DequeuedMessageItem): Promise<Outcome[]> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.handle(message);
    } catch (error) {
      // Storage failed or the port threw: the row and the message are left as they are, and both come back.
      this.deps.log.warn('outbox.send-failed', { messageId: message.messageId, ...describe(error) });
      outcomes = ['failed'];
    }
    for (const outcome of outcomes) this.#totals[outcome] += 1;
    return outcomes;
  }

  private async handle(message: DequeuedMessageItem): Promise<Outcome[]> {
    const address = readQueueMessage(message.messageText);
    if (address === undefined) return this.poison(message, undefined, 'not an outbox message');
    const row = await this.deps.outbox.get(address);
    if (row === undefined || row.state === 'sent' || row.state === 'unreachable' || row.state === 'poisoned') {
      await this.settle(message, row);
      return ['skipped'];
    }
    if (message.dequeueCount > this.#options.maxDequeues) return this.poison(message, row, `dequeued ${message.dequeueCount} times`);

    const now = this.deps.clock.now();
    const throttledUntil = await this.deps.throttle.until();
    if (throttledUntil !== undefined && throttledUntil > now) {
      await this.afterThrottle(message, throttledUntil);
      return ['deferred'];
    }
    // Another instance (or this one, for a second message of the row) is sending it now: look again when that ends.
    // The dequeue count is kept: a send that keeps dying with its claim held must still end as poison.
    if (row.state === 'sending' && row.claim !== undefined && row.claim.until > now) {
      const visibilityTimeout = delaySeconds(row.claim.until, now);
      await guarded(() => this.deps.queue.updateMessage(message.messageId, message.popReceipt, undefined, visibilityTimeout));
      return ['deferred'];
    }
    const repeat = row.state === 'sending';

    let claimed: OutboxRow;
    try {
      claimed = await this.deps.outbox.claim(row, this.#options.instanceId, new Date(now.getTime() + this.#options.claimSeconds * 1000));
    } catch (error) {
      if (isLostRace(error)) return ['deferred'];
      throw error;
    }
    const item: DeliveryItem = { key: claimed.key, card: claimed.card, tellId: claimed.tellId, previous: claimed.posted };
    const result = await this.deps.send(item);
    switch (result.status) {
      case 'sent':
        await this.settle(message, await this.finishSent(claimed, result.activityId === undefined ? claimed.posted : { conversationId: result.conversationId, activityId: result.activityId }));
        return repeat ? ['sent', 'repeated'] : ['sent'];
      case 'unreachable': {
        const settled = await this.deps.outbox.markUnreachable(claimed, result.reason);
        this.deps.log.warn('outbox.unreachable', { ...fieldsOf(claimed), reason: result.reason });
        await this.deps.tellUnreachable(item, result.reason).catch((error: unknown) => this.deps.log.warn('outbox.tell-failed', { ...fieldsOf(claimed), ...describe(error) }));
        await this.settle(message, settled);
        return ['unreachable'];
      }
      case 'throttled': {
        const until = new Date(this.deps.clock.now().getTime() + (result.retryAfterMs ?? this.#options.defaultRetryAfterMs));
        await this.deps.throttle.hold(until);
        await this.deps.outbox.release(claimed);
        await this.afterThrottle(message, until);
        this.deps.log.warn('outbox.throttled', { until: until.toISOString() });
        return ['throttled'];
      }
      case 'failed':
        await this.deps.outbox.release(claimed);
        this.deps.log.warn('outbox.send-failed', { ...fieldsOf(claimed), reason: result.reason, dequeueCount: message.dequeueCount });
        return ['failed'];
    }
  }

  /**
   * Marks the row sent, and returns it so; if its payload was revised meanwhile, keeps it pending for the new
   * payload, with the card's place, and returns undefined: it has not settled.
   */
  private async finishSent(row: OutboxRow, posted: Posted | undefined): Promise<OutboxRow | undefined> {
    try {
      return await this.deps.outbox.markSent(row, posted);
    } catch (error) {
      if (!isLostRace(error)) throw error;
      if (posted !== undefined) await this.deps.outbox.recordPosted(row, posted);
      return undefined;
    }
  }

  private async poison(message: DequeuedMessageItem, row: OutboxRow | undefined, reason: string): Promise<Outcome[]> {
    await guarded(() => this.deps.poisonQueue.sendMessage(message.messageText));
    const settled = row === undefined ? undefined : await this.deps.outbox.markPoisoned(row, reason);
    this.deps.log.warn('outbox.poisoned', { ...(row === undefined ? {} : fieldsOf(row)), messageId: message.messageId, reason });
    // Set aside is not delivered: whoever it went for is told, as for someone who cannot be reached.
    if (row !== undefined) {
      const item: DeliveryItem = { key: row.key, card: row.card, tellId: row.tellId, previous: row.posted };
      await this.deps.tellUnreachable(item, 'poisoned').catch((error: unknown) => this.deps.log.warn('outbox.tell-failed', { ...fieldsOf(row), ...describe(error) }));
    }
    await this.settle(message, settled);
    return ['poisoned'];
  }

  /**
   * The message is done with, once the settled port has taken the row. If the port fails the message is kept, and
   * comes back to a settled row, which calls the port again; until the message has come back too often to keep.
   */
  private async settle(message: DequeuedMessageItem, row: OutboxRow | undefined): Promise<void> {
    const { onSettled } = this.deps;
    if (row !== undefined && row.state !== 'pending' && row.state !== 'sending' && onSettled !== undefined) {
      try {
        await onSettled(row);
      } catch (error) {
        this.deps.log.warn('outbox.settled-failed', { ...fieldsOf(row), dequeueCount: message.dequeueCount, ...describe(error) });
        if (message.dequeueCount <= this.#options.maxDequeues) return;
      }
    }
    await this.remove(message);
  }

  /**
   * Puts the row's message off until the throttle ends, by queueing it afresh with that delay and deleting the one
   * received, rather than updating its visibility: an update keeps the dequeue count, so a long 429 storm would
   * push messages that never failed into the poison queue. A crash between the two leaves two messages for the
   * row, and the row is still sent once.
   */
  private async afterThrottle(message: DequeuedMessageItem, until: Date): Promise<void> {
    const visibilityTimeout = delaySeconds(until, this.deps.clock.now());
    await guarded(() => this.deps.queue.sendMessage(message.messageText, { visibilityTimeout }));
    await this.remove(message);
  }

  /** A message already deleted, or received again elsewhere after its visibility lapsed, needs nothing more. */
  private async remove(message: DequeuedMessageItem): Promise<void> {
    try {
      await guarded(() => this.deps.queue.deleteMessage(message.messageId, message.popReceipt));
    } catch (error) {
      if (!isNotFound(error) && !isPopReceiptMismatch(error)) throw error;
    }
  }
}

/** Whole seconds from `now` to `until`, at least one (the queue's unit) and at most a day. */
function delaySeconds(until: Date, now: Date): number {
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
}

function fieldsOf(row: OutboxRow): Fields {
  const { kind, subject, date } = row.key;
  return { caseRef: isCaseKey(row.key) ? row.key.caseRef : undefined, kind, subject, date };
}

function describe(error: unknown): Fields {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: String(error) };
}

function isPopReceiptMismatch(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 400 && 'code' in error && error.code === 'PopReceiptMismatch';
}
