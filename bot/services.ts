import { createCalendars, type Calendars } from '../src/calendar/index.js';
import { createCaseServices, type CaseServices } from '../src/cases/caseService.js';
import type { EnqueueResult, Outbox } from '../src/delivery/outbox.js';
import type { OutboxRequest } from '../src/delivery/outboxItem.js';
import type { WakeupRequest, Wakeups } from '../src/delivery/wakeups.js';
import { DigestPreferences } from '../src/digest/index.js';
import { StaffDirectory } from '../src/directory/staffDirectory.js';
import { CaseTimelines, nextDueFromTimeline } from '../src/due/caseTimelines.js';
import { apologiesFrom, createPolicyRegistry, loadPolicyFile, type PolicyRegistry } from '../src/policy/index.js';
import type { StoreTables } from '../src/store/connect.js';
import type { Clock } from '../src/time/clock.js';
import type { LocalDate } from '../src/time/localDate.js';
import { teamsPeople, type PickedPeople } from './actions/people.js';
import { describeError, type Logger } from './log.js';

/** What the bot's commands and card actions work with: the domain, wired once for production and tests alike. */
export interface BotServices {
  readonly cases: CaseServices;
  /** Who may hold which role on a case, kept by the staff administrators. */
  readonly staff: StaffDirectory;
  readonly timelines: CaseTimelines;
  /** Each chair's and team manager's choice of a daily or weekly digest. */
  readonly digestPreferences: DigestPreferences;
  readonly policies: PolicyRegistry;
  readonly calendars: Calendars;
  readonly clock: Clock;
  /** A fresh id for each form rendered, so a re-sent submit of that form is recognised as the same request. */
  readonly newRequestId: () => string;
  /** What the forms' people pickers return, read as the ids cases keep. */
  readonly people: PickedPeople;
  /**
   * Puts a proactive message in the outbox (the same business key twice is one message); the dispatcher sends it.
   * Call it after answering the turn: sending is never the asker's wait.
   */
  readonly enqueue: (request: OutboxRequest) => Promise<EnqueueResult>;
  /** Arranges work for a set time (a meeting's reports pack on its morning), done by whichever instance is running then. */
  readonly wakeAt: (due: WakeupRequest) => Promise<void>;
}

export interface ServiceSettings {
  readonly policyFile?: string | undefined;
  readonly closureDays: readonly LocalDate[];
  /** Object ids of the staff administrators (STAFF_ADMINS). */
  readonly staffAdmins?: readonly string[];
  /** Teams' own ids unless given (local development gives the Agents Playground's). */
  readonly people?: PickedPeople;
  /** Where a failed index settle or prune on the read path is reported (the answer stands regardless). */
  readonly log?: Pick<Logger, 'warn'>;
  /** The delivery outbox; without one (benchmarks, tests that send nothing) enqueueing is refused. */
  readonly outbox?: Outbox;
  /** Where work for a set time waits; without it, arranging some is refused. */
  readonly wakeups?: Wakeups;
}

export function createBotServices(tables: StoreTables, settings: ServiceSettings, clock: Clock): BotServices {
  const policies = createPolicyRegistry(settings.policyFile ? loadPolicyFile(settings.policyFile) : []);
  const calendars = createCalendars(settings.closureDays);
  const sources = { policies, calendars };
  const staff = new StaffDirectory({ table: tables.staff, clock, admins: new Set(settings.staffAdmins ?? []) });
  const cases = createCaseServices({ tables, clock, policyIds: new Set(policies.ids()), nextDueOf: nextDueFromTimeline(sources, clock), apologiesOf: apologiesFrom(policies), staff,
    onUpkeepFailed: (upkeep, error) => settings.log?.warn('index.upkeep-failed', { upkeep, ...describeError(error) }),
  });
  const { outbox, wakeups } = settings;
  const enqueue = outbox === undefined ? () => Promise.reject(new Error('No delivery outbox is configured')) : (request: OutboxRequest) => outbox.enqueue(request);
  const wakeAt = wakeups === undefined ? () => Promise.reject(new Error('No wake-up queue is configured')) : (due: WakeupRequest) => wakeups.schedule(due);
  const digestPreferences = new DigestPreferences(tables.digestPreferences, clock);
  return { cases, staff, timelines: new CaseTimelines({ ...sources, cases: cases.queries }), digestPreferences, policies, calendars, clock, newRequestId: () => crypto.randomUUID(), people: settings.people ?? teamsPeople, enqueue, wakeAt };
}
