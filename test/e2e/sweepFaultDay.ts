import { z } from 'zod';
import { silentLogger } from '../../bot/log.js';
import { createSweep } from '../../bot/notify/sweep.js';
import { drainUntilEmpty, NOTICES_ONLY, type SweepInstance } from '../support/sweepInstance.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { TEST_STAFF } from './testBot.js';
import type { Outbox } from '../../src/delivery/outbox.js';
import { outboxAddress, outboxKey, type OutboxRow } from '../../src/delivery/outboxItem.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { travelClock } from '../support/travelClock.js';
import { SOCIAL_WORKER, TENANT } from './activities.js';
import { askOnce, botOnStorage, type BotOnStorage, type BotOnStorageOptions } from './botOnStorage.js';
import { recipientOf } from './fakeConnector.js';
import { CHAIR, createSamsCase, TEAM_MANAGER } from './seedStories.js';

/**
 * The day the sweep's fault tests (sweepFaults, faults.*) are run on, and how they read what it sent. Issue 10's
 * faults at the sweep's level, on one day that has three things to say: a six-weekly-isu case whose
 * first core group was due by Wed 30 Dec 2026 (10 working days after Mon 14 Dec) and was not held, swept on Thu
 * 31 Dec at 09:00, tells the social worker and the team manager it was missed and asks the chair for the decision.
 */
export interface MissedNotice {
  readonly recipientId: string;
  readonly kind: 'missed-core-group' | 'missed-core-group-decision';
  /** As `received` reads it: the recipient and the card's title. */
  readonly text: string;
}

/** A six-weekly-isu case's first core group missed: the social worker and the team manager told, the chair asked. */
export const missedNotices = (caseRef: string, alias: string): readonly MissedNotice[] => [
  { recipientId: SOCIAL_WORKER, kind: 'missed-core-group', text: `${SOCIAL_WORKER} Missed: Core group 1 (first) for ${caseRef} · ${alias}` },
  { recipientId: TEAM_MANAGER, kind: 'missed-core-group', text: `${TEAM_MANAGER} Missed: Core group 1 (first) for ${caseRef} · ${alias}` },
  { recipientId: CHAIR, kind: 'missed-core-group-decision', text: `${CHAIR} Record your decision: Core group 1 (first) for ${caseRef} · ${alias} was missed` },
];

export const MISSED = missedNotices('CP-5301', 'Elm').map((notice) => notice.text);

export function faultDay(name: string, options: Omit<BotOnStorageOptions, 'clock'> = {}) {
  const clock = travelClock('2026-12-31', '09:00');
  const env = botOnStorage(
    name,
    async (started) => {
      const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
      await createSamsCase(started.bot.services.cases.commands, socialWorker, 'CP-5301', { alias: 'Elm', policyId: 'six-weekly-isu', initialConferenceDate: '2026-12-14' });
      await askOnce(started, 'my cases');
    },
    { ...options, clock },
  );
  return { clock, env };
}

export const sweep = (env: BotOnStorage) => createSweep({ services: env.bot.services, tables: env.tables, log: silentLogger, settings: NOTICES_ONLY })(new AbortController().signal);

/** Whose chat each card went to and its title, sorted: the fake connector names a created chat after the person. */
export const received = (env: BotOnStorage): string[] =>
  env.connector
    .sentMessages()
    .map((message) => `${recipientOf(message.conversationId)} ${sentencesOf(cardIn(message.body))[0] ?? ''}`)
    .sort();

/** Drains until the outbox queue is empty, resting while a message is hidden (a 1 s visibility timeout); bounded. */
export const settle = (env: BotOnStorage): Promise<void> => drainUntilEmpty(() => env.drain(), env.queues.outbox);

/** What a fault test reads of an outbox entity being written. */
export const markedRow = z.object({ state: z.string(), recipientId: z.string() });

/** The outbox row of the day's notice for one person. */
export const rowFor = (env: BotOnStorage, kind: string, recipientId: string): Promise<OutboxRow | undefined> => missedRow(env.outbox, 'CP-5301', kind, recipientId);

/** The outbox row of a case's notice of the fault day for one person. */
export const missedRow = (outbox: Pick<Outbox, 'get'>, caseRef: string, kind: string, recipientId: string): Promise<OutboxRow | undefined> =>
  outbox.get(outboxAddress(outboxKey.parse({ tenantId: TENANT, caseRef, subject: 'core-group-1', kind, recipientId, date: '2026-12-31' })));


/** Three six-weekly-isu cases whose first core group was missed: nine cards due on the fault day. */
export const MISSED_CASES = [
  ['CP-5301', 'Elm'],
  ['CP-5302', 'Ash'],
  ['CP-5303', 'Oak'],
] as const;

/**
 * The cases on an instance's tables (its clock on the fault day), the staff they name listed, and the social
 * worker's chat on `serviceUrl` known (the others' chats are created through it).
 */
export async function seedMissedCases(instance: Pick<SweepInstance, 'services' | 'tables'>, serviceUrl: string): Promise<void> {
  await instance.services.staff.importEntries(TENANT, TEST_STAFF);
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  for (const [caseRef, alias] of MISSED_CASES) await createSamsCase(instance.services.cases.commands, socialWorker, caseRef, { alias, policyId: 'six-weekly-isu', initialConferenceDate: '2026-12-14' });
  await tableRefStore(new ConversationRefs(instance.tables.conversationRefs, instance.services.clock)).upsert({ ...socialWorker, serviceUrl, conversationId: `a:chat-${SOCIAL_WORKER}` });
}
