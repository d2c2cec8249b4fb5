import { setTimeout as sleep } from 'node:timers/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { JobLeases, LeaseLost, type Exclusive } from '../../src/store/lease.js';
import { testContainers } from '../setup/tables.js';
import { gate } from '../support/gate.js';
import { recordingLogger } from '../support/recordingLogger.js';

/** Two instances' leases on one fresh jobs container, each with its own log. */
async function twoInstances(options: { leaseSeconds?: number; renewEveryMs?: number } = {}) {
  const { jobs } = await testContainers('lease');
  const logs = { a: recordingLogger(), b: recordingLogger() };
  return {
    jobs,
    logs,
    a: new JobLeases(jobs, logs.a, { ...options, holder: 'instance-a' }),
    b: new JobLeases(jobs, logs.b, { ...options, holder: 'instance-b' }),
  };
}

const eventsOf = (log: ReturnType<typeof recordingLogger>) => log.entries.map(({ level, event, fields }) => ({ level, event, ...fields }));

/** How a job's blob reads when no one holds it: the lease states Azure reports. */
async function leaseState(jobs: ContainerClient, job: string) {
  const properties = await jobs.getBlockBlobClient(job).getProperties();
  return { contentLength: properties.contentLength, state: properties.leaseState, status: properties.leaseStatus };
}

describe('JobLeases.runExclusive: one run of a job at a time across instances', () => {
  it('runs exactly one of two asked at once, the blob created empty the first time', async () => {
    const { jobs, a, b, logs } = await twoInstances();
    const held = gate();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await held.opened;
      return { reminders: 3 };
    };
    const first = a.runExclusive('sweep', work);
    const second = b.runExclusive('sweep', work);
    // The one refused answers while the other's work is still held open.
    const refused = await Promise.race([first, second]);
    expect(refused).toEqual({ ran: false });
    held.open();
    const results: Exclusive<{ reminders: number }>[] = await Promise.all([first, second]);
    expect(results.filter((result) => result.ran)).toEqual([{ ran: true, result: { reminders: 3 } }]);
    expect(runs).toBe(1);
    expect(await leaseState(jobs, 'sweep')).toEqual({ contentLength: 0, state: 'available', status: 'unlocked' });
    const [winner, loser] = results[0]?.ran ? [logs.a, logs.b] : [logs.b, logs.a];
    const holder = winner === logs.a ? 'instance-a' : 'instance-b';
    expect(eventsOf(winner)).toEqual([
      { level: 'info', event: 'lease.acquired', job: 'sweep', holder, leaseSeconds: 60 },
      { level: 'info', event: 'lease.released', job: 'sweep', holder, heldMs: expect.any(Number) },
    ]);
    expect(eventsOf(loser)).toEqual([{ level: 'info', event: 'lease.busy', job: 'sweep', holder: holder === 'instance-a' ? 'instance-b' : 'instance-a' }]);
  });

  it('runs the second as soon as the first has released, and keeps jobs apart', async () => {
    const { a, b } = await twoInstances();
    expect(await a.runExclusive('sweep', async () => 'first')).toEqual({ ran: true, result: 'first' });
    expect(await b.runExclusive('sweep', async () => 'second')).toEqual({ ran: true, result: 'second' });
    const held = gate();
    const sweeping = a.runExclusive('sweep', () => held.opened);
    await sleep(200);
    // Another job's lease is its own blob's.
    expect(await b.runExclusive('digest', async () => 'digest')).toEqual({ ran: true, result: 'digest' });
    expect(await b.runExclusive('sweep', async () => 'refused')).toEqual({ ran: false });
    held.open();
    expect(await sweeping).toEqual({ ran: true, result: undefined });
  });

  it('passes the work’s error on and releases the lease all the same', async () => {
    const { a, b, logs } = await twoInstances();
    await expect(a.runExclusive('sweep', async () => Promise.reject(new Error('case store down')))).rejects.toThrow('case store down');
    expect(eventsOf(logs.a).map((entry) => entry.event)).toEqual(['lease.acquired', 'lease.released']);
    expect(await b.runExclusive('sweep', async () => 'after')).toEqual({ ran: true, result: 'after' });
  });

  it('aborts the work’s signal when a renewal fails, leaves the new holder’s lease alone and does not release', async () => {
    const { jobs, a, b, logs } = await twoInstances({ leaseSeconds: 15, renewEveryMs: 100 });
    const result = await a.runExclusive('sweep', async (signal) => {
      // As if the lease had lapsed under a stalled instance and another had taken it.
      await jobs.getBlockBlobClient('sweep').getBlobLeaseClient().breakLease(0);
      await jobs.getBlockBlobClient('sweep').getBlobLeaseClient('11111111-1111-4111-8111-111111111111').acquireLease(15);
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return signal.reason;
    });
    expect(result.ran && result.result).toBeInstanceOf(LeaseLost);
    expect(result.ran && result.result).toMatchObject({ job: 'sweep', message: 'The lease on the job "sweep" was lost: another instance may be running it' });
    expect(eventsOf(logs.a)).toEqual([
      { level: 'info', event: 'lease.acquired', job: 'sweep', holder: 'instance-a', leaseSeconds: 15 },
      { level: 'warn', event: 'lease.lost', job: 'sweep', holder: 'instance-a', heldMs: expect.any(Number), error: 'RestError', message: expect.any(String) },
    ]);
    expect(await leaseState(jobs, 'sweep')).toEqual({ contentLength: 0, state: 'leased', status: 'locked' });
    expect(await b.runExclusive('sweep', async () => 'refused')).toEqual({ ran: false });
    await jobs.getBlockBlobClient('sweep').getBlobLeaseClient('11111111-1111-4111-8111-111111111111').releaseLease();
  });

  it('aborts the work’s signal when the caller stops, then releases', async () => {
    const { a, b } = await twoInstances();
    const stop = new AbortController();
    const running = a.runExclusive(
      'sweep',
      (signal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve(`stopped: ${String(signal.reason)}`), { once: true })),
      stop.signal,
    );
    await sleep(200);
    stop.abort('shutting down');
    expect(await running).toEqual({ ran: true, result: 'stopped: shutting down' });
    expect(await b.runExclusive('sweep', async () => 'after')).toEqual({ ran: true, result: 'after' });
  });

  it('refuses a lease Azure would not grant, renewals that could not keep it, and a job name that is not a blob name', async () => {
    const { jobs } = await testContainers('lease');
    expect(() => new JobLeases(jobs, recordingLogger(), { leaseSeconds: 10 })).toThrow('A lease lasts 15 to 60 whole seconds, not 10');
    expect(() => new JobLeases(jobs, recordingLogger(), { leaseSeconds: 15, renewEveryMs: 15_000 })).toThrow(
      'Renewals every 15000 ms would not keep a 15-second lease',
    );
    await expect(new JobLeases(jobs, recordingLogger()).runExclusive('Sweep/1', async () => 1)).rejects.toThrow(
      'A job\'s name is lower-case letters, digits and hyphens, not "Sweep/1"',
    );
  });
});

describe('JobLeases.runExclusive: leases in time', () => {
  it.concurrent('hands a dead holder’s lease over once it lapses, not before', { timeout: 30_000 }, async ({ expect }) => {
    const { jobs, b } = await twoInstances({ leaseSeconds: 15 });
    await jobs.getBlockBlobClient('sweep').upload('', 0);
    // An instance that took the lease and died: nothing renews or releases it.
    await jobs.getBlockBlobClient('sweep').getBlobLeaseClient().acquireLease(15);
    const died = performance.now();
    expect(await b.runExclusive('sweep', async () => 'too soon')).toEqual({ ran: false });
    let result: Exclusive<string> = { ran: false };
    while (!result.ran) {
      await sleep(500);
      result = await b.runExclusive('sweep', async () => 'handed over');
    }
    expect(result).toEqual({ ran: true, result: 'handed over' });
    expect(performance.now() - died).toBeGreaterThanOrEqual(14_500);
  });

  it.concurrent('keeps the lease past its duration by renewing it while the work runs', { timeout: 30_000 }, async ({ expect }) => {
    const { a, b, logs } = await twoInstances({ leaseSeconds: 15, renewEveryMs: 5_000 });
    const running = a.runExclusive('sweep', async (signal) => {
      await sleep(16_500);
      expect(await b.runExclusive('sweep', async () => 'taken over')).toEqual({ ran: false });
      return signal.aborted;
    });
    expect(await running).toEqual({ ran: true, result: false });
    expect(eventsOf(logs.a).map((entry) => entry.event)).toEqual(['lease.acquired', 'lease.released']);
  });
});
