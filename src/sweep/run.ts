import pLimit from 'p-limit';
import type { CaseState } from '../cases/model.js';
import type { EnqueueResult } from '../delivery/outbox.js';
import type { Clock } from '../time/clock.js';
import type { LocalDate } from '../time/localDate.js';
import type { Notice } from './notice.js';
import { noticesDue, type SweepDeps } from './noticesDue.js';
import { inSendWindow, sweepHorizon } from './window.js';

export interface SweepRunDeps extends SweepDeps {
  readonly clock: Clock;
  /** The open cases the due index names on or before the horizon, each as stored now: never every case held. */
  readonly casesDue: (horizon: LocalDate) => Promise<readonly CaseState[]>;
  /** Queues one notice through the outbox, keyed by the notice's key: the same notice twice is one message. */
  readonly queue: (notice: Notice, state: CaseState) => Promise<EnqueueResult>;
  /** What a case that could not be swept is reported as; the sweep goes on with the others. */
  readonly onCaseFailed: (caseRef: string, error: unknown) => void;
}

/** What one sweep did, as counts: what the trigger answers with and the log keeps. */
export type SweepReport = {
  readonly casesDue: number;
  /** Cases whose nation is outside its send window now (a weekend, a holiday, the evening): left for the next. */
  readonly outsideWindow: number;
  readonly notices: number;
  /** New messages in the outbox, and notices already there from an earlier sweep or another instance. */
  readonly queued: number;
  readonly alreadyQueued: number;
  readonly failedCases: number;
};

/** How many cases are worked on at once: their notices are a few table writes each. */
const CASES_AT_ONCE = 8;

/**
 * One sweep: for each case due, what each person should be told now (noticesDue), queued through the outbox.
 * Safe to run again, or on two instances at once: every notice has a business key, so each message is queued
 * once; a sweep that stops part way (aborted, or the process killed) leaves nothing the next one does not redo.
 * Stops between cases when `signal` aborts (the lease was lost).
 */
export async function runSweep(deps: SweepRunDeps, signal: AbortSignal): Promise<SweepReport> {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const cases = await deps.casesDue(sweepHorizon(deps.calendars, deps.settings, today));
  const counts = { casesDue: cases.length, outsideWindow: 0, notices: 0, queued: 0, alreadyQueued: 0, failedCases: 0 };
  const limit = pLimit(CASES_AT_ONCE);
  await Promise.all(
    cases.map((state) =>
      limit(async () => {
        if (signal.aborted) return;
        try {
          const calendar = deps.calendars[deps.policies.require(state.header.policyId).nation];
          if (!inSendWindow(calendar, deps.settings.sendWindow, now)) {
            counts.outsideWindow += 1;
            return;
          }
          const notices = noticesDue(state, today, deps);
          counts.notices += notices.length;
          for (const notice of notices) {
            if ((await deps.queue(notice, state)) === 'unchanged') counts.alreadyQueued += 1;
            else counts.queued += 1;
          }
        } catch (error) {
          counts.failedCases += 1;
          deps.onCaseFailed(state.header.caseRef, error);
        }
      }),
    ),
  );
  return counts;
}
