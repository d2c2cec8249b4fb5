import { MemoryStorage, type Storage } from 'botbuilder';
import { createApp, type CommandDeps } from '../../bot/app.js';
import { createAdapter, type AuthOverrides, type BotAdapter } from '../../bot/auth.js';
import { silentLogger, type Logger } from '../../bot/log.js';
import type { ConversationRefStore } from '../../bot/notify/conversationRefs.js';
import { startServer } from '../../bot/server.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import type { BotIdentity } from '../../src/config.js';
import { fixedClock } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';
import type { Asker } from '../../bot/commands/types.js';
import { MemoryRefs } from '../support/memoryRefs.js';
import { TENANT } from './activities.js';

export const TODAY = '2026-03-04' as LocalDate;

/** Every call a command port received, in order: proof that a request was (or was not) processed. */
export interface PortCall {
  readonly port: keyof CommandDeps;
  readonly asker: Asker;
  readonly args: readonly unknown[];
}

export interface TestBotOptions {
  readonly identity?: BotIdentity;
  readonly overrides?: AuthOverrides;
  readonly allowedTenantIds?: readonly string[] | 'any';
  readonly commands?: Partial<CommandDeps>;
  readonly storage?: Storage;
  readonly refs?: ConversationRefStore;
  readonly log?: Logger;
}

export interface TestBot {
  readonly url: string;
  readonly adapter: BotAdapter;
  readonly calls: PortCall[];
  close(): Promise<void>;
}

/** Fixed answers from the ports, each call recorded. */
function recordingCommands(calls: PortCall[], overrides: Partial<CommandDeps>): CommandDeps {
  const record = (port: keyof CommandDeps, asker: Asker, ...args: unknown[]) => calls.push({ port, asker, args });
  return {
    upcoming: async (asker, query) => {
      record('upcoming', asker, query);
      return overrides.upcoming ? overrides.upcoming(asker, query) : [{ caseRef: query.caseRef ?? 'CP-1042', what: 'Core group', due: '2026-03-11' as LocalDate }];
    },
    overdue: async (asker, query) => {
      record('overdue', asker, query);
      return overrides.overdue ? overrides.overdue(asker, query) : [{ caseRef: 'CP-1042', what: 'Plan circulated', due: '2026-03-01' as LocalDate }];
    },
    myCases: async (asker) => {
      record('myCases', asker);
      return overrides.myCases ? overrides.myCases(asker) : [{ caseRef: 'CP-1042', role: 'social worker' }];
    },
    members: async (asker, caseRef) => {
      record('members', asker, caseRef);
      return overrides.members ? overrides.members(asker, caseRef) : [{ label: 'Health visitor', role: 'core group member', reachable: true }];
    },
    newCaseForm: async (asker, caseRef) => {
      record('newCaseForm', asker, caseRef);
      return overrides.newCaseForm ? overrides.newCaseForm(asker, caseRef) : 'New case form';
    },
  };
}

/** The bot as production wires it (adapter, app, guard, server), on 127.0.0.1 port 0, with test ports. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const calls: PortCall[] = [];
  const adapter = createAdapter(options.identity ?? { kind: 'anonymous' }, options.overrides);
  const app = createApp({
    adapter,
    storage: options.storage ?? new MemoryStorage(),
    conversationRefs: options.refs ?? new MemoryRefs(),
    commands: recordingCommands(calls, options.commands ?? {}),
    clock: fixedClock(TODAY),
    log: options.log ?? silentLogger,
  });
  const server = await startServer(
    {
      adapter,
      runTurn: async (context) => void (await app.run(context)),
      tenantGuard: createTenantGuard(options.allowedTenantIds ?? [TENANT]),
      log: options.log ?? silentLogger,
    },
    { host: '127.0.0.1', port: 0 },
  );
  return { url: server.url, adapter, calls, close: () => server.close() };
}
