import type { QueueClient } from '@azure/storage-queue';
import type { StoreQueues } from '../../src/store/connect.js';

/** The QueueClient calls that are one queue transaction each, as Azure bills them. */
const OPERATIONS: ReadonlySet<PropertyKey> = new Set(['sendMessage', 'receiveMessages', 'peekMessages', 'updateMessage', 'deleteMessage', 'clearMessages']);

export interface QueueMeter {
  readonly queues: StoreQueues;
  /** Calls per operation since the meter was made. */
  usage(): Readonly<Record<string, number>>;
}

/**
 * Counts every message operation made through these queue clients. Wrapping the clients rather than their
 * pipeline, because @azure/storage-queue takes no extra pipeline policy; the SDK's own retries go uncounted, and
 * on loopback Azurite there are none.
 */
export function meterQueues(queues: StoreQueues): QueueMeter {
  const calls = new Map<string, number>();
  const metered = (queue: QueueClient): QueueClient =>
    new Proxy(queue, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || !OPERATIONS.has(property)) return value;
        return (...args: unknown[]): unknown => {
          calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
          return value.apply(target, args);
        };
      },
    });
  return {
    queues: { outbox: metered(queues.outbox), outboxPoison: metered(queues.outboxPoison), wakeups: metered(queues.wakeups) },
    usage: () => Object.fromEntries(calls),
  };
}
