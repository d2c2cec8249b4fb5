import type { QueueClient } from '@azure/storage-queue';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAdapter } from '../../bot/auth.js';
import { silentLogger } from '../../bot/log.js';
import { createDelivery, type Delivery } from '../../bot/notify/delivery.js';
import { createSweep } from '../../bot/notify/sweep.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { createBotServices, type BotServices } from '../../bot/services.js';
import type { SweepReport } from '../../src/sweep/run.js';
import { sweepSettingsSchema } from '../../src/sweep/index.js';
import { connectQueues, connectTables, type StoreQueues, type StoreTables } from '../../src/store/connect.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import type { Clock } from '../../src/time/clock.js';

/**
 * One bot instance's sweep and delivery, wired as bot/index.ts wires them (the real createSweep, createDelivery
 * and its dispatcher, the anonymous adapter posting to whatever serviceUrl the conversation references hold), on
 * the tables and queues under one prefix of an account. The SIGKILL trials run it in a child process
 * (sweepChild.ts) and kill it; the test process runs another as the instance that comes after.
 */
export interface SweepInstance {
  readonly tables: StoreTables;
  readonly queues: StoreQueues;
  readonly services: BotServices;
  readonly delivery: Delivery;
  sweep(): Promise<SweepReport>;
  /** Drains the outbox until its queue is empty (drainUntilEmpty). */
  drainAll(): Promise<void>;
}

/** The notices are what these trials are about; the digests (08:30 by default) go at 17:30. */
export const NOTICES_ONLY = sweepSettingsSchema.parse({ digestAt: '17:30' });
/** A message handed back comes back within a second, so recovery does not wait the production minute. */
const VISIBILITY_SECONDS = 1;

/** Drains until the outbox queue is empty, resting while a message is hidden; throws if it is not after 40 rests. */
export async function drainUntilEmpty(drain: () => Promise<void>, queue: Pick<QueueClient, 'getProperties'>): Promise<void> {
  for (let round = 0; round < 40; round += 1) {
    await drain();
    if ((await queue.getProperties()).approximateMessagesCount === 0) return;
    await sleep(250);
  }
  throw new Error('the outbox did not settle');
}

/** `instanceId` names the instance in its claims; the process's host and id unless given (two in one process). */
export async function sweepInstance(connectionString: string, prefix: string, clock: Clock, instanceId?: string): Promise<SweepInstance> {
  const connection = { kind: 'connection-string', connectionString } as const;
  const [tables, queues] = await Promise.all([connectTables(connection, prefix), connectQueues(connection, prefix)]);
  const adapter = createAdapter({ kind: 'anonymous' });
  const refs = tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
  const delivery = createDelivery({
    tables,
    queues,
    clock,
    proactive: { adapter, botAppId: adapter.botAppId, refs, log: silentLogger },
    log: silentLogger,
    options: { visibilityTimeoutSeconds: VISIBILITY_SECONDS, ...(instanceId !== undefined && { instanceId }) },
  });
  const services = createBotServices(tables, { closureDays: [], staffAdmins: [], outbox: delivery.outbox, wakeups: delivery.wakeups }, clock);
  const sweep = createSweep({ services, tables, log: silentLogger, settings: NOTICES_ONLY });
  return {
    tables,
    queues,
    services,
    delivery,
    sweep: () => sweep(new AbortController().signal),
    drainAll: () =>
      drainUntilEmpty(async () => {
        while ((await delivery.dispatcher.drain()).received > 0);
      }, queues.outbox),
  };
}
