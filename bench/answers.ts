import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createBotServices } from '../bot/services.js';
import { startEmbeddedAzurite } from '../src/store/azurite.js';
import { connectQueues, connectTables } from '../src/store/connect.js';
import { fixedClock } from '../src/time/clock.js';
import type { LocalDate } from '../src/time/localDate.js';
import { cardInvoke, invokeAnswer } from '../test/e2e/activities.js';
import { startFakeConnector, type FakeConnector } from '../test/e2e/fakeConnector.js';
import { startBenchBot, type BenchBot } from './chat/benchBot.js';
import { createTableMeter, usageBetween, type TableMeter } from './chat/tableMeter.js';
import { meterQueues, type QueueMeter } from './dispatch/queueMeter.js';
import type { BenchResult } from './report.js';

/**
 * Card actions under load: the members of one core group answer their invitations at once (half attending, half
 * sending apologies with a written update, then each changing their mind), over HTTP to the bot wired as in
 * production, each answer an Action.Execute invoke. Every answer writes the same case partition, so they race for
 * its ETag and retry: the time is what each member waits, POST to 200 (a card with their answer). Beside it, table
 * transactions per answer measured one at a time at 5 members and at 20 (goal: the same, so the group's size
 * costs nothing), and per answer in the concurrent run (retries included). What an apology's update means for the
 * social worker and note taker is queued in the outbox; in the concurrent run the bot's dispatcher sends it from
 * the same process meanwhile, as `npm start` runs it, so its work shares the CPU with the answers being timed.
 * The BASELINE, in the same run: the same answers (every member, as many rounds) given one at a time, so the
 * ratio is what answering all at once costs (the race for the case's ETag, the turns queued), whatever the machine.
 */
const TODAY = '2027-02-05' as LocalDate;
const TENANT = '11111111-1111-4111-8111-111111111111';
const GOAL_P95_MS = 500;
/** Each member answers, then changes their answer, this many times in all. */
const ROUNDS = 4;
const UPDATE = { progressOnActions: 'Two home visits made; attendance up.', whatIsWorking: 'Breakfast club.', whatIsNotWorking: '', changesToPlan: '' };

const person = (n: number) => `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SOCIAL_WORKER = person(1);
const TEAM_MANAGER = person(2);
const CHAIR = person(3);

interface Group {
  readonly caseRef: string;
  /** Each Teams member's object id, by member id. */
  readonly members: ReadonlyArray<{ readonly memberId: string; readonly aadObjectId: string }>;
}

/** A six-weekly-isu case with `size` members in Teams (the social worker among them) and its next core group arranged. */
async function seedGroup(services: ReturnType<typeof createBotServices>, caseRef: string, size: number, firstMember: number): Promise<Group> {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const { commands } = services.cases;
  await commands.createCase(socialWorker, {
    caseRef,
    policyId: 'six-weekly-isu',
    initialConferenceDate: '2027-01-25',
    socialWorker: { aadObjectId: SOCIAL_WORKER, displayName: 'Sam Worker', agency: "Children's social care" },
    teamManager: TEAM_MANAGER,
    chair: CHAIR,
  });
  for (let n = 1; n < size; n += 1) {
    await commands.addMember(socialWorker, caseRef, { kind: 'teams', aadObjectId: person(firstMember + n), displayName: `Member ${n}`, agency: 'Health visiting', role: 'professional' });
  }
  const { view } = await commands.scheduleMeeting(socialWorker, caseRef, { date: '2027-02-08', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2' });
  return { caseRef, members: view.members.flatMap((member) => (member.aadObjectId === undefined ? [] : [{ memberId: member.memberId, aadObjectId: member.aadObjectId }])) };
}

/** One member's answer, pressed on their invitation; fails unless the answer card comes back. */
async function answer(bot: BenchBot, connector: FakeConnector, group: Group, aadObjectId: string, round: number, index: number): Promise<number> {
  const apologies = (round + index) % 2 === 1;
  const verb = apologies ? 'meeting.apologies' : 'meeting.attending';
  const data = { caseRef: group.caseRef, meetingId: 'CG1', memberId: '', requestId: randomUUID(), ...(apologies && { ...UPDATE, verbalUpdate: 'false' }) };
  const started = performance.now();
  const { status, body } = await invokeAnswer(bot.url, cardInvoke(verb, data, { serviceUrl: connector.serviceUrl, aadObjectId }));
  const waited = performance.now() - started;
  const card = JSON.stringify(body.value ?? {});
  if (status !== 200 || body.statusCode !== 200 || !card.includes(apologies ? 'You sent apologies' : 'attending')) throw new Error(`${verb} by ${aadObjectId} was answered ${status}/${body.statusCode}: ${card.slice(0, 200)}`);
  return waited;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const sendsOf = (queues: QueueMeter): number => queues.usage()['sendMessage'] ?? 0;

/** Table transactions and queue messages of one answer (an apology with its update), by itself. */
async function oneAnswerCost(meter: TableMeter, queues: QueueMeter, bot: BenchBot, connector: FakeConnector, group: Group): Promise<{ transactions: number; queued: number }> {
  const [before, queuedBefore] = [meter.usage(), sendsOf(queues)];
  await answer(bot, connector, group, group.members[2]!.aadObjectId, 0, 1);
  return { transactions: usageBetween(before, meter.usage()).transactions, queued: sendsOf(queues) - queuedBefore };
}

/** Waits until the dispatcher has sent everything queued, for at most `ms`. */
async function untilDelivered(bot: BenchBot, queues: QueueMeter, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while ((bot.deliveries()?.sent ?? 0) < sendsOf(queues) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

export async function benchAnswers(): Promise<BenchResult> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  const meter = createTableMeter();
  const connector = await startFakeConnector();
  let bot: BenchBot | undefined;
  try {
    const connection = { kind: 'connection-string', connectionString: azurite.connectionString } as const;
    const tables = await connectTables(connection, 'benchanswers', meter.options);
    const queues = meterQueues(await connectQueues(connection, 'benchanswers'));
    const clock = fixedClock(TODAY);
    const seeder = createBotServices(tables, { closureDays: [] }, clock);
    await seeder.staff.importEntries(TENANT, [
      { aadObjectId: SOCIAL_WORKER, displayName: 'Sam Worker', roles: ['social-worker'] },
      { aadObjectId: TEAM_MANAGER, displayName: 'Tara Manager', roles: ['team-manager'] },
      { aadObjectId: CHAIR, displayName: 'Chris Chair', roles: ['chair'] },
    ]);
    const small = await seedGroup(seeder, 'CP-5005', 5, 100);
    const large = await seedGroup(seeder, 'CP-5020', 20, 200);
    const running = await startBenchBot(tables, clock, TENANT, queues.queues);
    bot = running;
    // Warm-up: every member of both groups answers once (their conversation reference stored, the path compiled).
    for (const group of [small, large]) await Promise.all(group.members.map(({ aadObjectId }, index) => answer(running, connector, group, aadObjectId, 0, index)));
    const [at5, at20] = [await oneAnswerCost(meter, queues, running, connector, small), await oneAnswerCost(meter, queues, running, connector, large)];
    running.startDelivery();
    await untilDelivered(running, queues, 30_000);

    const alone: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [index, { aadObjectId }] of large.members.entries()) alone.push(await answer(running, connector, large, aadObjectId, round, index));
    }
    alone.sort((a, b) => a - b);
    await untilDelivered(running, queues, 30_000);

    const [before, queuedBefore, sentBefore] = [meter.usage(), sendsOf(queues), running.deliveries()?.sent ?? 0];
    const times: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // All at once: every answer of a round races for the same case partition.
      times.push(...(await Promise.all(large.members.map(({ aadObjectId }, index) => answer(running, connector, large, aadObjectId, round, index)))));
    }
    const concurrent = usageBetween(before, meter.usage());
    const queued = sendsOf(queues) - queuedBefore;
    await untilDelivered(running, queues, 60_000);
    const delivered = (running.deliveries()?.sent ?? 0) - sentBefore;
    times.sort((a, b) => a - b);
    const [p50Ms, p95Ms, maxMs] = [percentile(times, 50), percentile(times, 95), times[times.length - 1] ?? Number.NaN];
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    const line =
      `answers: ${large.members.length} members of one core group answering their invitations at once, ${times.length} answers in ${ROUNDS} rounds over HTTP ` +
      `(half apologies with a written update): each waited p50 ${ms(p50Ms)}, p95 ${ms(p95Ms)}, max ${ms(maxMs)}; ` +
      `the same answers one at a time: p50 ${ms(percentile(alone, 50))}, p95 ${ms(percentile(alone, 95))}; ` +
      `${(concurrent.transactions / times.length).toFixed(1)} table transactions per answer at once (retries on the shared case included); ` +
      `${queued} cards queued for the social worker and note taker, ${delivered} delivered by the dispatcher alongside; ` +
      `one apology alone: ${at5.transactions} table transactions and ${at5.queued} queue messages at 5 members, ${at20.transactions} and ${at20.queued} at 20; ` +
      `goal p95 < ${GOAL_P95_MS} ms, no more at 20 than at 5, every card delivered`;
    return {
      figures: { invokeP95Ms20Members: { value: p95Ms, unit: 'ms', goal: { kind: 'below', value: GOAL_P95_MS }, baseline: percentile(alone, 95), baselineIs: 'one at a time' } },
      checks: [
        { name: 'invokeTransactions at 20 members', found: `${at20.transactions} (at 5: ${at5.transactions})`, goal: '≤ at 5 members', met: at20.transactions <= at5.transactions },
        { name: 'invoke cards delivered', found: `${delivered} of ${queued}`, goal: 'every card queued', met: delivered === queued },
      ],
      line,
    };
  } finally {
    await bot?.close();
    await connector.close();
    await azurite.stop();
  }
}
