import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaseQueries } from '../../src/cases/caseQueries.js';
import { Dispatcher, type DispatcherOptions } from '../../src/delivery/dispatcher.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { ThrottleGate } from '../../src/delivery/throttle.js';
import { Wakeups, type WakeupCounts } from '../../src/delivery/wakeups.js';
import type { StoreQueues, StoreTables } from '../../src/store/connect.js';
import type { Clock } from '../../src/time/clock.js';
import type { AppInstaller } from '../graph/appInstaller.js';
import { describeError, type Logger } from '../log.js';
import { deliverySummaryPort } from './deliverySummary.js';
import { meetingDayHandler } from './meetingDay.js';
import { DISPATCH_RETRY, OUTBOX_CARDS, outboxSendPort, outboxUnreachablePort, type OutboxCards } from './outboxPorts.js';
import type { ProactiveDeps } from './oneToOne.js';
import { createSender } from './sender.js';

export interface DeliveryDeps {
  readonly tables: StoreTables;
  readonly queues: StoreQueues;
  readonly clock: Clock;
  readonly proactive: Omit<ProactiveDeps, 'deliver'>;
  readonly log: Logger;
  readonly cards?: OutboxCards;
  readonly options?: Partial<DispatcherOptions>;
  /** How long one connector call may go unanswered (default CONNECTOR_ANSWER_MS in sender.ts). */
  readonly answerWithinMs?: number;
  /** Microsoft Graph, when configured: installs the app for members without it, then opens their chat. */
  readonly graph?: { readonly installer: AppInstaller; readonly retryDelaysMs?: readonly number[] };
}

export interface Delivery {
  readonly outbox: Outbox;
  readonly dispatcher: Dispatcher;
  readonly wakeups: Wakeups;
  /** One receive of the wake-ups: those due are done (what they send queued in the outbox), the rest hidden again. */
  wakeUp(): Promise<WakeupCounts>;
  /** Does what wake-ups come due (queueing what they send) until `signal` aborts; `idleMs` between empty receives. */
  runWakeups(signal: AbortSignal, idleMs?: number): Promise<void>;
  /** The dispatcher and the wake-ups together, as `npm start` runs them. */
  run(signal: AbortSignal): Promise<void>;
}

/** A wake-up is for a time of day, not a second: looking once a minute is soon enough. */
const WAKEUP_IDLE_MS = 60_000;

/**
 * Teams allows a bot about 50 requests per second per tenant. One instance starts a send every 20.5 ms, 48.8 a
 * second: at exactly 50 any jitter in when requests arrive puts a 51st in some second and draws a 429, which the
 * connector client under botbuilder retries on its own, outside this pacing, drawing more (in the dispatch bench
 * 401 refused at 20 ms, 94-156 at 20.5 ms, 0.905 and 0.955 of the allowed rate). More instances, or turns' sends
 * alongside, go over it together; the connector's 429s then hold them back (each Retry-After honoured, and shared
 * through the throttle row once a send gives up).
 */
const DISPATCH_MIN_INTERVAL_MS = 20.5;

/**
 * How long Teams is given to catch up with an installation before the chat is tried again: 33 s in all, well
 * inside the dispatcher's claim on the row (180 s). Still refused, the row is tried again on a later delivery.
 */
export const INSTALL_RETRY_DELAYS_MS: readonly number[] = [3_000, 10_000, 20_000];

/** The outbox and its dispatcher, wired to the paced sender with the retries fit for work done outside a turn. */
export function createDelivery(deps: DeliveryDeps): Delivery {
  const proactive: ProactiveDeps = {
    ...deps.proactive,
    deliver: createSender({ policy: DISPATCH_RETRY, minIntervalMs: DISPATCH_MIN_INTERVAL_MS, ...(deps.answerWithinMs !== undefined && { answerWithinMs: deps.answerWithinMs }) }),
    ...(deps.graph !== undefined && { install: { installer: deps.graph.installer, retryDelaysMs: deps.graph.retryDelaysMs ?? INSTALL_RETRY_DELAYS_MS } }),
  };
  const outbox = new Outbox(deps.tables.outbox, deps.queues.outbox, deps.clock);
  // The summaries read cases as the social worker they are for; a failed index upkeep there is only reported.
  const cases = new CaseQueries({ tables: deps.tables, onUpkeepFailed: (upkeep, error) => deps.log.warn('index.upkeep-failed', { upkeep, ...describeError(error) }) });
  const dispatcher = new Dispatcher(
    {
      outbox,
      queue: deps.queues.outbox,
      poisonQueue: deps.queues.outboxPoison,
      throttle: new ThrottleGate(deps.tables.outbox),
      send: outboxSendPort(proactive, deps.cards ?? OUTBOX_CARDS),
      tellUnreachable: outboxUnreachablePort(proactive),
      onSettled: deliverySummaryPort({ outbox, cases, log: deps.log }),
      clock: deps.clock,
      log: deps.log,
    },
    // One name per process, so a claim in the table says which instance holds it.
    { instanceId: `${hostname()}-${process.pid}`, ...deps.options },
  );
  const wakeups = new Wakeups(deps.queues.wakeups, deps.clock);
  const onWakeup = meetingDayHandler({ cases, enqueue: (request) => outbox.enqueue(request), log: deps.log });
  const wakeUp = () => wakeups.drain(onWakeup);
  const runWakeups = async (signal: AbortSignal, idleMs = WAKEUP_IDLE_MS): Promise<void> => {
    while (!signal.aborted) {
      let received = 0;
      try {
        const counts = await wakeUp();
        received = counts.received;
        if (counts.unreadable > 0) deps.log.warn('wakeups.unreadable', { count: counts.unreadable });
      } catch (error) {
        deps.log.warn('wakeups.drain-failed', describeError(error));
      }
      if (received === 0) await sleep(idleMs, undefined, { signal }).catch(() => undefined);
    }
  };
  return {
    outbox,
    dispatcher,
    wakeups,
    wakeUp,
    runWakeups,
    run: async (signal) => void (await Promise.all([dispatcher.run(signal), runWakeups(signal)])),
  };
}
