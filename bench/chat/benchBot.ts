import { performance } from 'node:perf_hooks';
import { createApp } from '../../bot/app.js';
import { createAdapter } from '../../bot/auth.js';
import { warmUpMatcher } from '../../bot/commands/intents.js';
import { silentLogger } from '../../bot/log.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { startServer } from '../../bot/server.js';
import { createBotServices } from '../../bot/services.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import type { StoreTables } from '../../src/store/connect.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import type { Clock } from '../../src/time/clock.js';

export interface BenchBot {
  readonly url: string;
  /** Milliseconds inside each turn, by activity id. */
  readonly turnMs: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/**
 * The bot wired as bot/index.ts wires it (anonymous mode, loopback), around tables the caller opened. The one
 * addition is a stopwatch round the turn: from the activity entering the turn to the reply delivered to the
 * connector. It leaves out only the HTTP parsing before the turn and the 200 after it.
 */
export async function startBenchBot(tables: StoreTables, clock: Clock, tenantId: string): Promise<BenchBot> {
  const services = createBotServices(tables, { closureDays: [] }, clock);
  warmUpMatcher(clock.today());
  const adapter = createAdapter({ kind: 'anonymous' });
  const app = createApp({
    adapter,
    conversationRefs: tableRefStore(new ConversationRefs(tables.conversationRefs, clock)),
    services,
    log: silentLogger,
  });
  const turnMs = new Map<string, number>();
  const runTurn = async (context: Parameters<typeof app.run>[0]) => {
    const started = performance.now();
    await app.run(context);
    turnMs.set(context.activity.id ?? '', performance.now() - started);
  };
  const server = await startServer({ adapter, runTurn, tenantGuard: createTenantGuard([tenantId]), log: silentLogger }, { host: '127.0.0.1', port: 0 });
  return { url: server.url, turnMs, close: () => server.close() };
}
