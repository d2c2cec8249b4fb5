import { createApp } from '../../bot/app.js';
import { createAdapter, type AuthOverrides, type BotAdapter } from '../../bot/auth.js';
import { silentLogger, type Logger } from '../../bot/log.js';
import type { ConversationRefStore } from '../../bot/notify/conversationRefs.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { startServer } from '../../bot/server.js';
import type { PickedPeople } from '../../bot/actions/people.js';
import { createBotServices, type BotServices } from '../../bot/services.js';
import type { Outbox } from '../../src/delivery/outbox.js';
import type { Wakeups } from '../../src/delivery/wakeups.js';
import { createTenantGuard } from '../../bot/tenantGuard.js';
import type { BotIdentity } from '../../src/config.js';
import type { StoreTables } from '../../src/store/connect.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock, type Clock } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { recording, type RecordedCall } from '../support/recording.js';
import type { StaffEntry } from '../../src/directory/staff.js';
import { SOCIAL_WORKER, TENANT } from './activities.js';
import { CHAIR, OTHER_CHAIR, TEAM_MANAGER } from './seedStories.js';

/** The test organisation's staff directory, listed as the bot starts: the people the stories' cases are set up with. */
export const TEST_STAFF: readonly StaffEntry[] = [
  { aadObjectId: SOCIAL_WORKER, displayName: 'Sam Worker', roles: ['social-worker'] },
  { aadObjectId: TEAM_MANAGER, displayName: 'Tara Manager', roles: ['team-manager'] },
  { aadObjectId: CHAIR, displayName: 'Chris Chair', roles: ['chair'] },
  { aadObjectId: OTHER_CHAIR, displayName: 'Olu Chair', roles: ['chair'] },
];

/** Fri 5 Feb 2027: the day the seeded stories are told up to. */
export const TODAY = '2027-02-05' as LocalDate;

export interface TestBotOptions {
  /** Real tables on the test Azurite: the bot runs on the real case service and timeline engine. */
  readonly tables: StoreTables;
  readonly identity?: BotIdentity;
  readonly overrides?: AuthOverrides;
  readonly allowedTenantIds?: readonly string[] | 'any';
  readonly refs?: ConversationRefStore;
  readonly log?: Logger;
  /** How the forms' people pickers are read: Teams' ids unless given. */
  readonly people?: PickedPeople;
  /** Object ids of the staff administrators. */
  readonly staffAdmins?: readonly string[];
  /** Who the staff directory lists in the test tenant at start: TEST_STAFF unless given. */
  readonly staff?: readonly StaffEntry[];
  /** Where proactive messages are queued (invitations); without one, queueing them is refused. */
  readonly outbox?: Outbox;
  /** Where work for a set time waits (a meeting's reports pack); without it, arranging some is refused. */
  readonly wakeups?: Wakeups;
  /** Storage time per turn, shorter than production's for fault tests. */
  readonly storageBudgetMs?: number;
  /** Noon on TODAY unless given: a test that travels in time moves its own. */
  readonly clock?: Clock;
  /** The organisation's own closure days (a council's Christmas closure); none unless given. */
  readonly closureDays?: readonly LocalDate[];
}

export interface TestBot {
  readonly url: string;
  readonly adapter: BotAdapter;
  readonly services: BotServices;
  /** Every case query the commands made, in order. */
  readonly calls: RecordedCall[];
  /** Makes the next case query fail with this error. */
  failNext(error: Error): void;
  close(): Promise<void>;
}

/** The bot as production wires it (services, adapter, app, guard, server), on 127.0.0.1 port 0. */
export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const calls: RecordedCall[] = [];
  const failure: { error?: Error } = {};
  const clock = options.clock ?? fixedClock(TODAY);
  const real = createBotServices(
    options.tables,
    { closureDays: options.closureDays ?? [], staffAdmins: options.staffAdmins ?? [], ...(options.people && { people: options.people }), ...(options.outbox && { outbox: options.outbox }), ...(options.wakeups && { wakeups: options.wakeups }) },
    clock,
  );
  const staff = options.staff ?? TEST_STAFF;
  if (staff.length > 0) await real.staff.importEntries(TENANT, staff);
  const services: BotServices = {
    ...real,
    cases: { ...real.cases, queries: recording(real.cases.queries, 'cases', ['getCase', 'myCases'], calls, failure) },
    timelines: recording(real.timelines, 'timelines', ['forActor'], calls, failure),
  };
  const adapter = createAdapter(options.identity ?? { kind: 'anonymous' }, options.overrides);
  const log = options.log ?? silentLogger;
  const app = createApp({
    adapter,
    conversationRefs: options.refs ?? tableRefStore(new ConversationRefs(options.tables.conversationRefs, clock)),
    services,
    log,
  });
  const server = await startServer(
    {
      adapter,
      runTurn: async (context) => void (await app.run(context)),
      tenantGuard: createTenantGuard(options.allowedTenantIds ?? [TENANT]),
      log,
      ...(options.storageBudgetMs !== undefined && { storageBudgetMs: options.storageBudgetMs }),
    },
    { host: '127.0.0.1', port: 0 },
  );
  return {
    url: server.url,
    adapter,
    services,
    calls,
    failNext: (error) => {
      failure.error = error;
    },
    close: () => server.close(),
  };
}
