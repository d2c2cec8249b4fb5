import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { caseRef, entraId, localDate } from '../cases/validation.js';
import { guarded } from '../store/errors.js';
import type { Clock } from '../time/clock.js';
import { parseJson } from './outboxItem.js';

/**
 * Work due at a given time rather than at once (a meeting's reports pack on its morning), kept as Storage Queue
 * messages hidden until then: nothing is scanned to find what is due, and whichever instance receives one does it.
 * A message can be hidden for at most 7 days, so one due later is hidden again each time it comes back early. What
 * a wake-up does goes through the outbox under deterministic keys, so done twice it still says each thing once.
 */
export const wakeup = z.object({
  kind: z.literal('meeting-day'),
  tenantId: entraId('Tenant id'),
  caseRef,
  meetingId: z.string().regex(/^CG\d{1,4}$/),
  /** The meeting's date when it was arranged: a meeting moved or called off since is left alone. */
  date: localDate('Date'),
  /** The social worker it was arranged by, as whom the case is read. */
  socialWorker: entraId('Social worker'),
  at: z.string().datetime(),
});
export type Wakeup = z.output<typeof wakeup>;
export type WakeupRequest = z.input<typeof wakeup>;

/** A little under the queue's 7-day limit on how long a message may stay hidden. */
const MAX_HIDDEN_SECONDS = 7 * 24 * 60 * 60 - 60;
/** Received and being handled: hidden from other instances meanwhile. */
const HANDLING_SECONDS = 60;

export interface WakeupCounts {
  readonly received: number;
  readonly handled: number;
  readonly postponed: number;
  readonly unreadable: number;
}

export class Wakeups {
  constructor(
    private readonly queue: QueueClient,
    private readonly clock: Clock,
  ) {}

  async schedule(input: WakeupRequest): Promise<void> {
    const due = wakeup.parse(input);
    // Kept until received however far ahead (-1): the queue's default time to live is the 7 days it may hide one.
    await guarded(() => this.queue.sendMessage(JSON.stringify(due), { visibilityTimeout: this.hiddenFor(due), messageTimeToLive: -1 }));
  }

  /**
   * One receive: each wake-up now due is handed to `handle` and then deleted; one not yet due is hidden again until
   * it is. A failed handle leaves the message to come back after a minute.
   */
  async drain(handle: (due: Wakeup) => Promise<void>): Promise<WakeupCounts> {
    const { receivedMessageItems } = await guarded(() => this.queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: HANDLING_SECONDS }));
    const outcomes = await Promise.all(receivedMessageItems.map((message) => this.handleOne(message, handle)));
    const count = (outcome: string) => outcomes.filter((one) => one === outcome).length;
    return { received: receivedMessageItems.length, handled: count('handled'), postponed: count('postponed'), unreadable: count('unreadable') };
  }

  private async handleOne(message: DequeuedMessageItem, handle: (due: Wakeup) => Promise<void>): Promise<'handled' | 'postponed' | 'unreadable'> {
    const parsed = wakeup.safeParse(parseJson(message.messageText));
    if (!parsed.success) {
      await guarded(() => this.queue.deleteMessage(message.messageId, message.popReceipt));
      return 'unreadable';
    }
    const hidden = this.hiddenFor(parsed.data);
    if (hidden > 0) {
      await guarded(() => this.queue.updateMessage(message.messageId, message.popReceipt, undefined, hidden));
      return 'postponed';
    }
    await handle(parsed.data);
    await guarded(() => this.queue.deleteMessage(message.messageId, message.popReceipt));
    return 'handled';
  }

  private hiddenFor(due: Wakeup): number {
    const seconds = Math.ceil((Date.parse(due.at) - this.clock.now().getTime()) / 1000);
    return Math.max(0, Math.min(MAX_HIDDEN_SECONDS, seconds));
  }
}
