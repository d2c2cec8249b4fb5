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
  close(): Promise<void>;
}

/** The bot wired as bot/index.ts wires it (anonymous mode, loopback), around tables the caller opened. */
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
  const server = await startServer({ adapter, runTurn: async (context) => void (await app.run(context)), tenantGuard: createTenantGuard([tenantId]), log: silentLogger }, { host: '127.0.0.1', port: 0 });
  return { url: server.url, close: () => server.close() };
}
