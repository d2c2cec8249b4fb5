import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import { SWEEP_JOB } from '../../bot/jobs/types.js';
import { connectContainers } from '../../src/store/connect.js';
import { JobLeases } from '../../src/store/lease.js';
import { fixedClock, londonInstant } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { sweepInstance, type SweepInstance } from '../support/sweepInstance.js';
import { recipientOf, startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { MISSED_CASES, missedNotices, missedRow, seedMissedCases } from './sweepFaultDay.js';

/**
 * Two bot instances on one storage account, each sweeping and dispatching at the same time, as two App Service
 * instances do: each its own services, sweep, dispatcher and lease client. The nine cards of the fault day (three
 * cases whose first core group was missed) each reach their person once, whether the lease keeps the second sweep
 * out or both sweeps run (a lease that lapsed under a slow sweep).
 */
const DAY = '2026-12-31' as LocalDate;
const NINE = MISSED_CASES.flatMap(([caseRef, alias]) => missedNotices(caseRef, alias).map((notice) => ({ caseRef, notice })));

describe('two instances sweeping and dispatching at once', () => {
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  const received = () => connector.sentMessages().map((message) => `${recipientOf(message.conversationId)} ${sentencesOf(cardIn(message.body))[0] ?? ''}`).sort();

  /** Two instances on fresh tables under one prefix, each with its own lease client on its jobs container. */
  async function twoInstances(name: string): Promise<readonly { readonly instance: SweepInstance; readonly leases: JobLeases }[]> {
    const prefix = `${name}${randomUUID().replaceAll('-', '').slice(0, 8)}`;
    const connection = { kind: 'connection-string', connectionString: inject('azuriteConnectionString') } as const;
    const clock = fixedClock(londonInstant(DAY, '09:00'));
    const pairs = await Promise.all(
      ['one', 'two'].map(async (holder) => ({
        instance: await sweepInstance(connection.connectionString, prefix, clock, holder),
        leases: new JobLeases((await connectContainers(connection, prefix)).jobs, silentLogger, { holder }),
      })),
    );
    await seedMissedCases(pairs[0]!.instance, connector.serviceUrl);
    return pairs;
  }

  /** Both dispatchers run until every card due is sent (bounded), and a second more for anything sent twice. */
  async function dispatchBoth(instances: readonly SweepInstance[]): Promise<void> {
    const stop = new AbortController();
    const running = instances.map((instance) => instance.delivery.dispatcher.run(stop.signal, 100));
    const outbox = instances[0]!.delivery.outbox;
    const states = () => Promise.all(NINE.map(async ({ caseRef, notice }) => (await missedRow(outbox, caseRef, notice.kind, notice.recipientId))?.state));
    for (let round = 0; round < 80 && (await states()).some((state) => state !== 'sent'); round += 1) await sleep(250);
    await sleep(1_000);
    stop.abort();
    await Promise.all(running);
    expect(await states()).toEqual(NINE.map(() => 'sent'));
  }

  const totals = (instances: readonly SweepInstance[]) =>
    instances.map((instance) => instance.delivery.dispatcher.counts()).reduce((sum, counts) => ({ sent: sum.sent + counts.sent, repeated: sum.repeated + counts.repeated }), { sent: 0, repeated: 0 });
  const expected = NINE.map(({ notice }) => notice.text).sort();

  it('each through its own lease client: one sweeps, the other is kept out, and the two dispatchers send each card once between them', async () => {
    connector.reset();
    const pairs = await twoInstances('twolease');
    const instances = pairs.map((pair) => pair.instance);
    const [sweeps] = await Promise.all([Promise.all(pairs.map(({ instance, leases }) => leases.runExclusive(SWEEP_JOB, () => instance.sweep()))), dispatchBoth(instances)]);
    expect(sweeps.map((sweep) => sweep.ran).sort()).toEqual([false, true]);
    expect(sweeps.flatMap((sweep) => (sweep.ran ? [sweep.result.queued] : []))).toEqual([9]);
    expect(received()).toEqual(expected);
    expect(totals(instances)).toEqual({ sent: 9, repeated: 0 });
  }, 60_000);

  it('both sweeping, as when a lease lapsed under a slow sweep: the outbox keeps each card to one row, and the two dispatchers send each once', async () => {
    connector.reset();
    const instances = (await twoInstances('twoboth')).map((pair) => pair.instance);
    const [reports] = await Promise.all([Promise.all(instances.map((instance) => instance.sweep())), dispatchBoth(instances)]);
    expect(reports.map((report) => report.notices)).toEqual([9, 9]);
    expect(reports.reduce((sum, report) => sum + report.queued, 0)).toBe(9);
    expect(received()).toEqual(expected);
    expect(totals(instances)).toEqual({ sent: 9, repeated: 0 });
  }, 60_000);
});
