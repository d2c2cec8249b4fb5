import { hostname } from 'node:os';
import type { ContainerClient } from '@azure/storage-blob';
import type { SweepConfig } from '../../src/config.js';
import { JobLeases, type JobLeaseOptions } from '../../src/store/lease.js';
import type { Logger } from '../log.js';
import type { SweepEndpoint } from './sweepRoute.js';
import { startSweepTimer } from './sweepTimer.js';
import { SWEEP_JOB, type RunSweep, type Sweep } from './types.js';

export interface JobsDeps {
  /** `containers.jobs` of the opened storage. */
  readonly container: ContainerClient;
  /** `config.sweep`: the timer's interval (0: off) and the endpoint's secret (unset: off). */
  readonly settings: Pick<SweepConfig, 'intervalMinutes' | 'secret'>;
  readonly sweep: Sweep;
  readonly log: Logger;
  /** Shorter leases for tests; 60 s renewed every 20 s otherwise. */
  readonly lease?: Omit<JobLeaseOptions, 'holder'>;
  /** How soon after start the timer's first sweep runs. */
  readonly firstSweepAfterMs?: number;
}

export interface Jobs {
  /** For startServer's `jobs`; undefined while SWEEP_SECRET is unset, so POST /api/jobs/sweep answers 404. */
  readonly endpoint: SweepEndpoint | undefined;
  /**
   * Stops the timer and asks any sweep under way, from either trigger, to stop between steps; resolves once the
   * timer's has. Call it before closing the server, whose close waits for a sweep the endpoint is running.
   */
  stop(): Promise<void>;
}

/** Soon enough to see it work after `npm start`, late enough for start-up's own storage calls to settle. */
export const FIRST_SWEEP_AFTER_MS = 10_000;

/**
 * The sweep's two triggers on one lease: the in-process timer every `settings.intervalMinutes`, and the endpoint
 * for an Azure Functions timer or a Logic App. bot/index.ts calls this with the real sweep once storage is open,
 * passes `endpoint` to startServer as `jobs`, and calls `stop()` on shutdown.
 */
export function startJobs(deps: JobsDeps): Jobs {
  const stopping = new AbortController();
  // One name per process, so the log says which instance holds the lease.
  const leases = new JobLeases(deps.container, deps.log, { ...deps.lease, holder: `${hostname()}-${process.pid}` });
  const runSweep: RunSweep = () => leases.runExclusive(SWEEP_JOB, deps.sweep, stopping.signal);
  const firstRunAfterMs = deps.firstSweepAfterMs ?? FIRST_SWEEP_AFTER_MS;
  const timer = deps.settings.intervalMinutes > 0 ? startSweepTimer(runSweep, deps.log, { intervalMs: deps.settings.intervalMinutes * 60_000, firstRunAfterMs }) : undefined;
  deps.log.info('sweep.triggers', { timerMinutes: deps.settings.intervalMinutes, ...(timer && { firstSweepInSeconds: firstRunAfterMs / 1000 }), endpoint: deps.settings.secret !== undefined });
  return {
    endpoint: deps.settings.secret === undefined ? undefined : { secret: deps.settings.secret, runSweep },
    stop: async () => {
      stopping.abort();
      await timer?.stop();
    },
  };
}
