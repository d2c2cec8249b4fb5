import pLimit from 'p-limit';
import { performance } from 'node:perf_hooks';
import { createAdapter } from '../bot/auth.js';
import { silentLogger } from '../bot/log.js';
import { createDelivery } from '../bot/notify/delivery.js';
import { tableRefStore } from '../bot/notify/tableRefStore.js';
import type { DeliveryCounts } from '../src/delivery/dispatcher.js';
import { outboxAddress, outboxKey, type OutboxRequest } from '../src/delivery/outboxItem.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectQueues, connectTables } from '../src/store/connect.js';
import { ConversationRefs } from '../src/store/conversationRefs.js';
import { systemClock } from '../src/time/clock.js';
import { createTableMeter, usageBetween } from './chat/tableMeter.js';
import { startConnectorEmulator, TEAMS_LIMITS, type Accepted } from './dispatch/connectorEmulator.js';
import { meterQueues } from './dispatch/queueMeter.js';
import type { BenchResult } from './report.js';

/**
 * Invitations for a busy morning, drained to a connector that throttles as Teams does
 * (bench/dispatch/connectorEmulator.ts): the real Outbox on Azurite's tables and queues, the real Dispatcher, the
 * real send port and paced sender (createDelivery, the bot's CloudAdapter in anonymous mode), one instance.
 *
 * The shape makes the tenant's 50 per second the limit that binds: 75 cases of 20 members each, 1,500 invitations,
 * to 500 people who each sit on 3 of the cases. Every invitation goes to its person's own 1:1 chat, so a chat
 * gets 3 messages in all, under the per-conversation 7 per second even if all 3 came at once; at 50 per second
 * the run cannot take less than 30 s, long enough that its start and its last retries weigh little. Each 1:1 chat exists already (as it does for anyone the bot has messaged).
 * Every result is checked: every row sent, each invitation accepted by the connector exactly once, in its
 * recipient's chat, and the queue left empty, so a run that loses or repeats anything cannot pass: lost and
 * repeated invitations are figures with a goal of 0, anything else wrong fails the bench. The rate's baseline is
 * the rate the emulator allows (nothing faster can pass), so its ratio is the goal's.
 */
const SHAPE = { cases: 75, membersEach: 20, casesEach: 3 } as const;
/** Cases c, c + GROUPS and c + 2·GROUPS share their members. */
const GROUPS = SHAPE.cases / SHAPE.casesEach;
const PEOPLE = GROUPS * SHAPE.membersEach;
const EMULATOR = { random429Rate: 0.03, seed: 'dispatch-bench', latencyMs: 60 } as const;
const GOAL_RATIO = 0.95;
const TENANT = '11111111-1111-4111-8111-111111111111';
const SOCIAL_WORKER = 'aaaaaaaa-0000-4000-8000-000000000001';
/** Far longer than the run should take: a stuck run fails rather than hangs. */
const RUN_LIMIT_MS = 120_000;

const personId = (n: number) => `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const chatOf = (aadObjectId: string) => `a:chat-${aadObjectId}`;

interface Invitation {
  readonly request: OutboxRequest;
  readonly conversationId: string;
  /** Unique to the invitation, and in its card: how the connector's copy is matched to the row. */
  readonly requestId: string;
}

/** Case c's members are the people m·GROUPS + c mod GROUPS, so each person sits on SHAPE.casesEach cases. */
function invitations(): Invitation[] {
  return Array.from({ length: SHAPE.cases }, (_, c) => c).flatMap((c) =>
    Array.from({ length: SHAPE.membersEach }, (_, m) => {
      const recipientId = personId(m * GROUPS + (c % GROUPS));
      const caseRef = `CP-${2000 + c}`;
      const requestId = `inv-${caseRef}-${recipientId}`;
      const data = {
        caseRef,
        meetingId: 'CG1',
        recipientId,
        title: `First core group for ${caseRef} · Blue`,
        facts: [{ title: 'When', value: 'Mon 14 Dec 2026, 10:00' }, { title: 'Where', value: 'Room 4' }],
        onlineLink: '',
        agenda: [{ text: '1. Identification of note taker' }],
        agendaSource: 'Local procedure',
        answer: '',
        canAnswer: true,
        requestId,
      };
      const request: OutboxRequest = {
        key: { tenantId: TENANT, caseRef, subject: 'CG1', kind: 'invitation', recipientId, date: '2026-12-14' },
        card: { name: 'invitation', data },
        tellId: SOCIAL_WORKER,
      };
      return { request, conversationId: chatOf(recipientId), requestId };
    }),
  );
}

/** How many times the connector accepted each invitation; anything it accepted that is no invitation is counted apart. */
function tally(expected: readonly Invitation[], accepted: readonly Accepted[]): { readonly lost: number; readonly duplicates: number; readonly strays: number } {
  const byChat = new Map<string, Invitation[]>();
  for (const invitation of expected) byChat.set(invitation.conversationId, [...(byChat.get(invitation.conversationId) ?? []), invitation]);
  const times = new Map<string, number>();
  let strays = 0;
  for (const send of accepted) {
    const found = byChat.get(send.conversationId)?.find(({ requestId }) => send.text.includes(JSON.stringify(requestId)));
    if (found === undefined) strays += 1;
    else times.set(found.requestId, (times.get(found.requestId) ?? 0) + 1);
  }
  const counts = expected.map(({ requestId }) => times.get(requestId) ?? 0);
  return { lost: counts.filter((n) => n === 0).length, duplicates: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0), strays };
}

async function until(done: () => boolean, limitMs: number): Promise<void> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > limitMs) throw new Error(`not done within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function benchDispatch(): Promise<BenchResult> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const connector = await startConnectorEmulator(EMULATOR);
  const stop = new AbortController();
  try {
    const connection = { kind: 'connection-string', connectionString: azurite.connectionString } as const;
    const tableMeter = createTableMeter();
    const tables = await connectTables(connection, 'bench', tableMeter.options);
    const queueMeter = meterQueues(await connectQueues(connection, 'bench'));
    const refs = tableRefStore(new ConversationRefs(tables.conversationRefs, systemClock));
    const people = Array.from({ length: PEOPLE }, (_, n) => personId(n));
    for (const aadObjectId of [...people, SOCIAL_WORKER]) {
      await refs.upsert({ tenantId: TENANT, aadObjectId, serviceUrl: connector.serviceUrl, conversationId: chatOf(aadObjectId) });
    }
    const { outbox, dispatcher } = createDelivery({
      tables,
      queues: queueMeter.queues,
      clock: systemClock,
      proactive: { adapter: createAdapter({ kind: 'anonymous' }), botAppId: '', refs, log: silentLogger },
      log: silentLogger,
    });

    const expected = invitations();
    const tablesBefore = tableMeter.usage();
    const limit = pLimit(16);
    const enqueued = await Promise.all(expected.map(({ request }) => limit(() => outbox.enqueue(request))));
    if (enqueued.some((result) => result !== 'queued')) throw new Error('an invitation was not queued as a new row');
    const tablesQueued = tableMeter.usage();

    const started = performance.now();
    const running = dispatcher.run(stop.signal, 100);
    await until(() => dispatcher.counts().sent + dispatcher.counts().unreachable + dispatcher.counts().poisoned >= expected.length, RUN_LIMIT_MS);
    const lastAt = Math.max(...connector.accepted.map(({ at }) => at));
    stop.abort();
    await running;
    const drainTables = usageBetween(tablesQueued, tableMeter.usage());
    const seconds = (lastAt - started) / 1000;
    const counts: DeliveryCounts = dispatcher.counts();

    const { lost, duplicates, strays } = tally(expected, connector.accepted);
    const notSent = (await Promise.all(expected.map(({ request }) => outbox.get(outboxAddress(outboxKey.parse(request.key)))))).filter((row) => row?.state !== 'sent').length;
    const { approximateMessagesCount: left = -1 } = await queueMeter.queues.outbox.getProperties();
    const problems = [
      strays > 0 && `${strays} accepted sends were no invitation`,
      notSent > 0 && `${notSent} rows not marked sent`,
      left !== 0 && `${left} messages left on the queue`,
      connector.early() > 0 && `${connector.early()} retries came before their Retry-After`,
    ].filter((problem) => problem !== false);
    if (problems.length > 0) throw new Error(`The dispatch bench's run is wrong: ${problems.join('; ')}`);

    const allowed = TEAMS_LIMITS.perTenant[0].max;
    const rate = expected.length / seconds;
    const ratio = rate / allowed;
    const queueCalls = queueMeter.usage();
    const queueTotal = Object.values(queueCalls).reduce((sum, n) => sum + n, 0);
    const enqueueTables = usageBetween(tablesBefore, tablesQueued).transactions;
    const refused = connector.refused();
    const each = (n: number) => +(n / expected.length).toFixed(2);
    const line = [
      `dispatch: ${expected.length} invitations (${SHAPE.cases} cases × ${SHAPE.membersEach} members, ${PEOPLE} people, one 1:1 chat each) through the outbox on Azurite, one dispatcher, ` +
        `to a connector allowing ${allowed}/s per tenant with ${EMULATOR.random429Rate * 100}% random 429s and ${EMULATOR.latencyMs} ms answers: ` +
        `all sent in ${seconds.toFixed(1)} s, ${rate.toFixed(1)}/s, ${ratio.toFixed(3)} of the allowed rate; goal ≥ ${GOAL_RATIO}`,
      `dispatch: lost ${lost}, duplicates ${duplicates}; 429s ${refused.overLimit} over a limit and ${refused.random} at random, all honoured (no retry before its Retry-After); ` +
        `dispatcher sent ${counts.sent}, throttled ${counts.throttled}, failed ${counts.failed}, deferred ${counts.deferred}; ` +
        `per message ${each(queueTotal)} queue transactions, enqueue included (${Object.entries(queueCalls).map(([op, n]) => `${op} ${each(n)}`).join(', ')}), ` +
        `${each(enqueueTables)} table transactions to enqueue and ${each(drainTables.transactions)} to send (${Object.entries(drainTables.byTable).map(([table, n]) => `${table.replace(/^bench/, '')} ${each(n)}`).join(', ')}); ` +
        `${each(connector.accepted.length + refused.overLimit + refused.random)} connector requests per message`,
    ].join('\n');
    return {
      figures: {
        dispatchAllowedPerSecond: { value: allowed, unit: '/s' },
        dispatchAchievedPerSecond: { value: rate, unit: '/s', goal: { kind: 'ratio-at-least', value: GOAL_RATIO }, baseline: allowed, baselineIs: 'allowed' },
        dispatchLost: { value: lost, unit: 'invitations', goal: { kind: 'exactly', value: 0 } },
        dispatchDuplicates: { value: duplicates, unit: 'invitations', goal: { kind: 'exactly', value: 0 } },
      },
      line,
    };
  } finally {
    stop.abort();
    await connector.close();
    await azurite.stop();
  }
}
