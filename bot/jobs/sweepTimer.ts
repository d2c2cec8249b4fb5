import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, type Logger } from '../log.js';
import { SWEEPING_ELSEWHERE, type RunSweep } from './types.js';

export interface SweepTimerOptions {
  /** From one sweep's start to the next's. */
  readonly intervalMs: number;
  /** From start to the first sweep. */
  readonly firstRunAfterMs: number;
}

export interface SweepTimer {
  /** No sweep starts after this; resolves once the one under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The in-process trigger: a sweep every `intervalMs`, one at a time. A sweep that takes longer than the interval
 * is followed by the next at once, never overlapped; a sweep that fails is logged and the next runs on time.
 */
export function startSweepTimer(runSweep: RunSweep, log: Logger, options: SweepTimerOptions): SweepTimer {
  const stopped = new AbortController();
  const sweepOnce = async () => {
    try {
      const outcome = await runSweep();
      if (outcome.ran) log.info('sweep.done', { ...outcome.result, trigger: 'timer' });
      else log.info('sweep.skipped', { trigger: 'timer', reason: SWEEPING_ELSEWHERE });
    } catch (error) {
      log.error('sweep.failed', { trigger: 'timer', ...describeError(error) });
    }
  };
  const running = (async () => {
    let waitMs = options.firstRunAfterMs;
    for (;;) {
      try {
        await sleep(waitMs, undefined, { signal: stopped.signal });
      } catch {
        return;
      }
      const started = performance.now();
      await sweepOnce();
      waitMs = Math.max(0, options.intervalMs - (performance.now() - started));
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await running;
    },
  };
}
