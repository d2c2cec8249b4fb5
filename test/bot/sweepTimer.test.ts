import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startJobs } from '../../bot/jobs/sweepJob.js';
import { startSweepTimer } from '../../bot/jobs/sweepTimer.js';
import type { RunSweep, SweepReport } from '../../bot/jobs/types.js';
import { Secret } from '../../src/config.js';
import { testContainers } from '../setup/tables.js';
import { gate } from '../support/gate.js';
import { recordingLogger } from '../support/recordingLogger.js';

const REPORT: SweepReport = { reminders: 2, digests: 1 };

/** A stand-in for the sweep under its lease that returns at once, and how often it started. */
function quickSweeps(): { readonly runSweep: RunSweep; starts(): number } {
  let count = 0;
  return {
    runSweep: async () => {
      count += 1;
      return { ran: true, result: REPORT };
    },
    starts: () => count,
  };
}

describe('startSweepTimer: the in-process trigger', () => {
  it('sweeps after the first delay, then again at once when a sweep outlasts the interval, never two at once, and stops after the one under way', async () => {
    const log = recordingLogger();
    // Each sweep is held until the test lets it finish.
    const sweeps: { readonly done: ReturnType<typeof gate<void>> }[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const runSweep: RunSweep = async () => {
      const done = gate();
      sweeps.push({ done });
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await done.opened;
      running -= 1;
      return { ran: true, result: REPORT };
    };
    const started = (count: number) => (async () => {
      while (sweeps.length < count) await sleep(5);
    })();
    const timer = startSweepTimer(runSweep, log, { intervalMs: 20, firstRunAfterMs: 50 });
    await sleep(10);
    expect(sweeps).toHaveLength(0);
    await started(1);
    await sleep(100);
    expect(sweeps).toHaveLength(1);
    sweeps[0]?.done.open();
    await started(2);
    sweeps[1]?.done.open();
    await started(3);
    let stopped = false;
    const stopping = timer.stop().then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false);
    sweeps[2]?.done.open();
    await stopping;
    await sleep(100);
    expect({ sweeps: sweeps.length, running, mostAtOnce }).toEqual({ sweeps: 3, running: 0, mostAtOnce: 1 });
    expect(log.entries).toEqual(Array(3).fill({ level: 'info', event: 'sweep.done', fields: { reminders: 2, digests: 1, trigger: 'timer' } }));
  });

  it('keeps to the interval from one start to the next when sweeps are quick', async () => {
    const { runSweep, starts } = quickSweeps();
    const timer = startSweepTimer(runSweep, recordingLogger(), { intervalMs: 1_000, firstRunAfterMs: 0 });
    while (starts() < 1) await sleep(5);
    await sleep(300);
    expect(starts()).toBe(1);
    while (starts() < 2) await sleep(5);
    await timer.stop();
    expect(starts()).toBe(2);
  });

  it('stops before its first sweep without sweeping', async () => {
    const { runSweep, starts } = quickSweeps();
    const timer = startSweepTimer(runSweep, recordingLogger(), { intervalMs: 20, firstRunAfterMs: 10_000 });
    await timer.stop();
    expect(starts()).toBe(0);
  });

  it('logs a sweep that failed or found another instance sweeping, and sweeps again on time', async () => {
    const log = recordingLogger();
    let calls = 0;
    const runSweep: RunSweep = async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('the case store is down');
      return calls === 2 ? { ran: false } : { ran: true, result: REPORT };
    };
    const timer = startSweepTimer(runSweep, log, { intervalMs: 10, firstRunAfterMs: 0 });
    while (calls < 3) await sleep(5);
    await timer.stop();
    expect(log.entries.slice(0, 3)).toEqual([
      { level: 'error', event: 'sweep.failed', fields: { trigger: 'timer', error: 'TypeError', message: 'the case store is down' } },
      { level: 'info', event: 'sweep.skipped', fields: { trigger: 'timer', reason: 'another instance is sweeping' } },
      { level: 'info', event: 'sweep.done', fields: { reminders: 2, digests: 1, trigger: 'timer' } },
    ]);
  });
});

describe('startJobs: both triggers on one lease', () => {
  it('sweeps shortly after start under the lease, and on stop asks the sweep under way to stop and waits for it', async () => {
    const { jobs: container } = await testContainers('sweepjobs');
    const log = recordingLogger();
    const started = gate<AbortSignal>();
    const jobs = startJobs({
      container,
      settings: { intervalMinutes: 15, secret: undefined },
      firstSweepAfterMs: 0,
      log,
      sweep: async (signal) => {
        started.open(signal);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return { stoppedEarly: 1 };
      },
    });
    const signal = await started.opened;
    expect(signal.aborted).toBe(false);
    await jobs.stop();
    expect(signal.aborted).toBe(true);
    expect(log.entries.map(({ event, fields }) => ({ event, ...fields }))).toEqual([
      { event: 'sweep.triggers', timerMinutes: 15, firstSweepInSeconds: 0, endpoint: false },
      { event: 'lease.acquired', job: 'sweep', holder: expect.stringMatching(/-\d+$/), leaseSeconds: 60 },
      { event: 'lease.released', job: 'sweep', holder: expect.stringMatching(/-\d+$/), heldMs: expect.any(Number) },
      { event: 'sweep.done', stoppedEarly: 1, trigger: 'timer' },
    ]);
  });

  it('two instances started at once: one sweeps, the other finds it sweeping', async () => {
    const { jobs: container } = await testContainers('sweepjobs');
    const logs = [recordingLogger(), recordingLogger()];
    const held = gate();
    let sweeps = 0;
    const sweep = async () => {
      sweeps += 1;
      await held.opened;
      return REPORT;
    };
    const instances = logs.map((log) => startJobs({ container, settings: { intervalMinutes: 15, secret: undefined }, firstSweepAfterMs: 0, log, sweep }));
    const outcome = (event: string) => logs.filter((log) => log.entries.some((entry) => entry.event === event)).length;
    while (outcome('sweep.skipped') < 1) await sleep(10);
    held.open();
    while (outcome('sweep.done') < 1) await sleep(10);
    await Promise.all(instances.map((jobs) => jobs.stop()));
    expect({ sweeps, done: outcome('sweep.done'), skipped: outcome('sweep.skipped') }).toEqual({ sweeps: 1, done: 1, skipped: 1 });
  });

  it('has no timer with an interval of 0, and offers the endpoint only with a secret', async () => {
    const { jobs: container } = await testContainers('sweepjobs');
    let sweeps = 0;
    const secret = new Secret('s'.repeat(32));
    const jobs = startJobs({
      container,
      settings: { intervalMinutes: 0, secret },
      firstSweepAfterMs: 0,
      log: recordingLogger(),
      sweep: async () => {
        sweeps += 1;
        return REPORT;
      },
    });
    await sleep(300);
    expect(sweeps).toBe(0);
    expect(jobs.endpoint?.secret).toBe(secret);
    expect(await jobs.endpoint?.runSweep()).toEqual({ ran: true, result: REPORT });
    expect(sweeps).toBe(1);
    await jobs.stop();
  });
});
