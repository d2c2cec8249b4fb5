import { ConfigError, loadConfigFromProcess, type AppConfig } from '../src/config.js';
import { isUnconfigured, seedDemoCases } from '../src/demo/index.js';
import { ALEX_WILBER, PLAYGROUND_USERS } from '../src/demo/playground.js';
import { PolicyError } from '../src/policy/index.js';
import { ConversationRefs } from '../src/store/conversationRefs.js';
import { openStorage, type OpenStorage, type StoreTables } from '../src/store/connect.js';
import { DataFolderInUse } from '../src/store/errors.js';
import { systemClock, type Clock } from '../src/time/clock.js';
import { playgroundPeople, teamsPeople } from './actions/people.js';
import { createApp } from './app.js';
import { createAdapter } from './auth.js';
import { warmUpMatcher } from './commands/intents.js';
import { createLogger, describeError, routeConsoleTo, type Logger } from './log.js';
import { graphAppInstaller, graphCredential } from './graph/appInstaller.js';
import { startJobs } from './jobs/sweepJob.js';
import { createDelivery } from './notify/delivery.js';
import { createSweep } from './notify/sweep.js';
import { tableRefStore } from './notify/tableRefStore.js';
import { startServer } from './server.js';
import { createBotServices, type BotServices } from './services.js';
import { StartClockError, startClock } from './startClock.js';
import { createTenantGuard } from './tenantGuard.js';

/** In local development mode, time to open the Playground's pages before the first sweep. */
const LOCAL_FIRST_SWEEP_AFTER_MS = 120_000;

/** Start-up: config → storage → delivery → services → app → server → dispatcher; shutdown on SIGINT/SIGTERM. */

async function main(): Promise<void> {
  const log = createLogger();
  routeConsoleTo(log);
  let config: AppConfig;
  try {
    config = loadConfigFromProcess();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    process.exitCode = 1;
    return;
  }
  if (config.identity.kind === 'anonymous') warnAnonymous(config, log);
  let clock: Clock;
  try {
    clock = startClock(process.argv.slice(2), config.identity.kind === 'anonymous');
  } catch (error) {
    if (!(error instanceof StartClockError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  if (clock !== systemClock) log.warn('clock.shifted', { now: clock.now().toISOString() });

  let storage: OpenStorage;
  try {
    storage = await openStorage(config.storage, (error) => {
      // Another start took the data folder over (this one's lock went unrefreshed): stop as on SIGTERM, and say so.
      log.error('storage.lockLost', describeError(error));
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
  } catch (error) {
    if (!(error instanceof DataFolderInUse)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  log.info('storage.open', { kind: config.storage.kind, tablePrefix: config.storage.tablePrefix });
  const adapter = createAdapter(config.identity);
  const conversationRefs = tableRefStore(new ConversationRefs(storage.tables.conversationRefs, clock));
  const delivery = createDelivery({
    tables: storage.tables,
    queues: storage.queues,
    clock,
    proactive: { adapter, botAppId: adapter.botAppId, refs: conversationRefs, log },
    log,
    ...(config.graph.kind === 'on' && { graph: { installer: graphAppInstaller({ settings: config.graph, credential: graphCredential(config.graph), log }) } }),
  });
  log.info('graph', { installsApp: config.graph.kind === 'on' });
  let services;
  try {
    // Local development is tried in the Agents Playground, whose people picker returns its own user ids, and whose
    // default user, Alex Wilber, keeps the staff directory there.
    const local = config.identity.kind === 'anonymous';
    const people = local ? playgroundPeople(PLAYGROUND_USERS) : teamsPeople;
    const staffAdmins = local ? [...config.staffAdmins, ALEX_WILBER.aadObjectId] : config.staffAdmins;
    services = createBotServices(storage.tables, { ...config, people, staffAdmins, log, outbox: delivery.outbox, wakeups: delivery.wakeups }, clock);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    await storage.stop();
    return;
  }
  if (isUnconfigured(config)) await seedDemo(services, storage.tables, log);
  warmUpMatcher(clock.today());
  const app = createApp({ adapter, conversationRefs, services, log });
  // Reminders, nudges and digests: one sweep at a time across instances, on the timer and the secured endpoint.
  const jobs = startJobs({
    container: storage.containers.jobs,
    settings: config.sweep,
    sweep: createSweep({ services, tables: storage.tables, log, settings: config.sweep.settings }),
    log,
    // Locally, the Playground's people must open their pages (which is how the bot learns their chats) before
    // the first sweep, or what it sends them is recorded as unreachable.
    ...(config.identity.kind === 'anonymous' && { firstSweepAfterMs: LOCAL_FIRST_SWEEP_AFTER_MS }),
  });
  const server = await startServer(
    { adapter, runTurn: async (context) => void (await app.run(context)), tenantGuard: createTenantGuard(config.allowedTenantIds), log, ...(jobs.endpoint && { jobs: jobs.endpoint }) },
    config.server,
  );
  log.info('started', { url: server.url, identity: config.identity.kind, tenants: config.allowedTenantIds === 'any' ? 'any' : config.allowedTenantIds.length });
  const dispatching = new AbortController();
  const dispatcher = delivery.run(dispatching.signal);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    // The server stops taking requests and drains those under way while the jobs stop: its close waits for a sweep
    // the endpoint is running, which jobs.stop() asks to stop.
    await Promise.all([server.close(), jobs.stop()]);
    // The send under way finishes and is marked; the rest stay queued for the next start or another instance.
    dispatching.abort();
    await dispatcher;
    log.info('delivery.stopped', delivery.dispatcher.counts());
    // Last: the turns and sends are done with storage; the embedded Azurite saves its files as it closes.
    await storage.stop();
    log.info('stopped');
  };
  const stopOn = (signal: NodeJS.Signals) =>
    process.once(signal, () =>
      void stop(signal).catch((error: unknown) => {
        log.error('stop.failed', describeError(error));
        process.exitCode = 1;
      }),
    );
  stopOn('SIGINT');
  stopOn('SIGTERM');
}

/** Demo cases for the Agents Playground's default user, so a newcomer's first question has an answer. */
async function seedDemo(services: BotServices, tables: StoreTables, log: Logger): Promise<void> {
  try {
    const { created, existing } = await seedDemoCases({ tables, policies: services.policies, calendars: services.calendars, today: services.clock.today() });
    log.info('demo.cases', { created: created.join(','), existing: existing.join(',') });
  } catch (error) {
    // The bot is usable without them: say so, and start anyway.
    log.error('demo.failed', describeError(error));
  }
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
