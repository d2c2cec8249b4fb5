import { createApp } from '../../bot/app.js';
import { createAdapter } from '../../bot/auth.js';
import { warmUpMatcher } from '../../bot/commands/intents.js';
import { silentLogger } from '../../bot/log.js';
import { createDelivery } from '../../bot/notify/delivery.js';
import { createSweep } from '../../bot/notify/sweep.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { startServer } from '../../bot/server.js';
import { createBotServices } from '../../bot/services.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import type { DeliveryCounts } from '../../src/delivery/dispatcher.js';
import type { StoreQueues, StoreTables } from '../../src/store/connect.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import type { SweepReport } from '../../src/sweep/run.js';
import type { Clock } from '../../src/time/clock.js';

export interface BenchBot {
  readonly url: string;
  /** Starts its dispatcher (with queues), as `npm start` runs it beside the bot. */
  startDelivery(): void;
  /** What its dispatcher has sent so far (none without queues). */
  deliveries(): DeliveryCounts | undefined;
  /** One sweep, as the bot's timer or POST /api/jobs/sweep runs it, queuing into its outbox (with queues). */
  sweep(): Promise<SweepReport>;
  close(): Promise<void>;
}

/**
 * The bot wired as bot/index.ts wires it (anonymous mode, loopback), around tables the caller opened; with
 * `queues`, also its outbox, and the dispatcher that drains it in the same process once started.
 */
export async function startBenchBot(tables: StoreTables, clock: Clock, tenantId: string, queues?: StoreQueues): Promise<BenchBot> {
  const adapter = createAdapter({ kind: 'anonymous' });
  const conversationRefs = tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
  const delivery = queues && createDelivery({ tables, queues, clock, proactive: { adapter, botAppId: adapter.botAppId, refs: conversationRefs, log: silentLogger }, log: silentLogger });
  const services = createBotServices(tables, { closureDays: [], ...(delivery && { outbox: delivery.outbox }) }, clock);
  warmUpMatcher(clock.today());
  const app = createApp({ adapter, conversationRefs, services, log: silentLogger });
  const server = await startServer({ adapter, runTurn: async (context) => void (await app.run(context)), tenantGuard: createTenantGuard([tenantId]), log: silentLogger }, { host: '127.0.0.1', port: 0 });
  const sweep = createSweep({ services, tables, log: silentLogger });
  const dispatching = new AbortController();
  let dispatcher: Promise<void> | undefined;
  return {
    url: server.url,
    startDelivery: () => {
      dispatcher ??= delivery?.dispatcher.run(dispatching.signal, 50);
    },
    deliveries: () => delivery?.dispatcher.counts(),
    sweep: () => sweep(dispatching.signal),
    async close() {
      await server.close();
      dispatching.abort();
      await dispatcher;
    },
  };
}
