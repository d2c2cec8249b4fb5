import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js';
import { ConversationRefs } from '../src/store/conversationRefs.js';
import { openStorage } from '../src/store/connect.js';
import { TableTurnStateStorage } from '../src/store/turnStateStorage.js';
import { systemClock } from '../src/time/clock.js';
import { createApp, type CommandDeps } from './app.js';
import { createAdapter } from './auth.js';
import { createLogger, describeError, type Logger } from './log.js';
import { tableRefStore } from './notify/tableRefStore.js';
import { startServer } from './server.js';
import { createTenantGuard } from './tenantGuard.js';

/** Start-up: config → storage → app → server; shutdown on SIGINT/SIGTERM. The only place `process.env` is read. */

/**
 * Until the case service and timeline engine are wired in, every answer fails loudly (the user sees an
 * apology) rather than claiming "nothing is due", which in child protection would be a dangerous answer.
 */
const notWiredYet = async (): Promise<never> => {
  throw new Error('the case service is not wired into the chat commands yet');
};
const commandsNotWiredYet: CommandDeps = {
  upcoming: notWiredYet,
  overdue: notWiredYet,
  myCases: notWiredYet,
  members: notWiredYet,
  newCaseForm: notWiredYet,
};

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const log = createLogger();
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    process.exitCode = 1;
    return;
  }
  if (config.identity.kind === 'anonymous') warnAnonymous(config, log);

  const storage = await openStorage(config.storage);
  log.info('storage.open', { kind: config.storage.kind, tablePrefix: config.storage.tablePrefix });
  const adapter = createAdapter(config.identity);
  const app = createApp({
    adapter,
    storage: new TableTurnStateStorage(storage.tables.turnState),
    conversationRefs: tableRefStore(new ConversationRefs(storage.tables.conversationRefs, systemClock)),
    commands: commandsNotWiredYet,
    clock: systemClock,
    log,
  });
  const server = await startServer(
    { adapter, runTurn: async (context) => void (await app.run(context)), tenantGuard: createTenantGuard(config.allowedTenantIds), log },
    config.server,
  );
  log.info('started', { url: server.url, identity: config.identity.kind, tenants: config.allowedTenantIds === 'any' ? 'any' : config.allowedTenantIds.length });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await server.close();
    await storage.stop();
    log.info('stopped');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function warnAnonymous(config: AppConfig, log: Logger): void {
  const line = '!'.repeat(78);
  process.stderr.write(
    [
      line,
      '!! LOCAL DEVELOPMENT MODE: no bot identity is configured (MicrosoftAppType and its credentials).',
      '!! Every request is accepted WITHOUT authentication. Listening on loopback only:',
      `!!   ${config.server.host}:${config.server.port}`,
      '!! Never run this way in production. See .env.example.',
      line,
      '',
    ].join('\n'),
  );
  log.warn('auth.anonymous', { host: config.server.host, port: config.server.port });
}

main().catch((error: unknown) => {
  createLogger().error('startup.failed', describeError(error));
  process.exitCode = 1;
});
