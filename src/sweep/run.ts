import pLimit from 'p-limit';
import type { Actor, CaseState } from '../cases/model.js';
import type { EnqueueResult } from '../delivery/outbox.js';
import type { OutboxCard, OutboxRequest } from '../delivery/outboxItem.js';
import type { DigestDays } from '../digest/digestDays.js';
import { digestRequests, isFirstWorkingDayOfWeek, type DigestCase, type DigestChoice, type DigestPages } from '../digest/index.js';
import { londonInstant, type Clock } from '../time/clock.js';
import { addMonths, type LocalDate } from '../time/localDate.js';
import type { Timeline } from '../timeline/index.js';
import type { Notice } from './notice.js';
import { noticesDue, sweptTimeline, type SweepDeps } from './noticesDue.js';
import { inSendWindow, sweepHorizon } from './window.js';

/** The chairs' and team managers' digests, when the sweep sends them. */
export interface DigestRun {
  readonly days: Pick<DigestDays, 'done' | 'markDone'>;
  readonly choiceOf: (person: Actor) => Promise<DigestChoice>;
  /** How a digest becomes cards: the bot's, which knows how big a card may be. */
  readonly pages: DigestPages;
}

export interface SweepRunDeps extends SweepDeps {
  readonly clock: Clock;
  /** The open cases the due index names on or before the horizon, each as stored now: never every case held. */
  readonly casesDue: (horizon: LocalDate) => Promise<readonly CaseState[]>;
  /** The outbox: the same business key twice is one message. */
  readonly enqueue: (request: OutboxRequest) => Promise<EnqueueResult>;
  /** The card a notice is sent as, rendered as the case stands now. */
  readonly reminder: (notice: Notice, state: CaseState) => OutboxCard;
  readonly digests?: DigestRun;
  /** What a case or a digest that could not be done is reported as; the sweep goes on with the others. */
  readonly onFailed: (what: string, error: unknown) => void;
}

/** What one sweep did, as counts: what the trigger answers with and the log keeps. */
export type SweepReport = {
  readonly casesDue: number;
  /** Cases whose nation is outside its send window now (a weekend, a holiday, the evening): left for the next. */
  readonly outsideWindow: number;
  readonly notices: number;
  /** New messages in the outbox, and messages already there from an earlier sweep or another instance. */
  readonly queued: number;
  readonly alreadyQueued: number;
  /** Digest parts asked for (each person's digest may take several cards). */
  readonly digestParts: number;
  readonly failed: number;
};

type Counts = { -readonly [count in keyof SweepReport]: SweepReport[count] };

/** How many cases are worked on at once: their notices are a few table writes each. */
const CASES_AT_ONCE = 8;

/**
 * A weekly digest tallies the last 12 weeks across all of a person's open cases, not only those due soon. Every
 * open case has a core group or review due within a few months, so reading the index this far ahead finds them all.
 */
const WEEKLY_MONTHS_AHEAD = 6;

/**
 * One sweep: for each case due, what each person should be told now (noticesDue), queued through the outbox; and,
 * from the digest time on a working day, each chair's and team manager's digest, once a day. Safe to run again, or
 * on two instances at once: every message has a business key, so each is queued once; a sweep that stops part way
 * (aborted, or the process killed) leaves nothing the next one does not redo. Stops between cases when `signal`
 * aborts (the lease was lost).
 */
export async function runSweep(deps: SweepRunDeps, signal: AbortSignal): Promise<SweepReport> {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const cases = await deps.casesDue(sweepHorizon(deps.calendars, deps.settings, today));
  const counts: Counts = { casesDue: cases.length, outsideWindow: 0, notices: 0, queued: 0, alreadyQueued: 0, digestParts: 0, failed: 0 };
  const queue = async (request: OutboxRequest) => {
    if ((await deps.enqueue(request)) === 'unchanged') counts.alreadyQueued += 1;
    else counts.queued += 1;
  };
  // Whether each nation's window is open is one answer per sweep, not one per case.
  const open = new Set(Object.values(deps.calendars).filter((calendar) => inSendWindow(calendar, deps.settings.sendWindow, now)).map((calendar) => calendar.nation));
  // Each case's timeline for today, computed once: the digests read the same ones (by version: the weekly read may find newer).
  const timelines = new Map<string, Timeline>();
  const limit = pLimit(CASES_AT_ONCE);
  await Promise.all(
    cases.map((state) =>
      limit(async () => {
        if (signal.aborted) return;
        try {
          if (!open.has(deps.policies.require(state.header.policyId).nation)) {
            counts.outsideWindow += 1;
            return;
          }
          const timeline = sweptTimeline(state, today, deps);
          timelines.set(versionKey(state), timeline);
          const notices = noticesDue(state, today, deps, timeline);
          counts.notices += notices.length;
          for (const notice of notices) await queue({ key: notice.key, card: deps.reminder(notice, state), tellId: state.header.socialWorker });
        } catch (error) {
          counts.failed += 1;
          deps.onFailed(state.header.caseRef, error);
        }
      }),
    ),
  );
  if (deps.digests && !signal.aborted) await queueDigests(deps, deps.digests, cases, timelines, { now, today }, counts, queue);
  return counts;
}

const versionKey = ({ header }: CaseState): string => `${header.tenantId}|${header.caseRef}|${header.version}`;

/** Each chair and team manager of these cases, with the cases they chair or manage: whose digest it may be. */
function byChairAndManager(items: readonly DigestCase[]): Array<{ readonly person: Actor; readonly cases: DigestCase[] }> {
  const people = new Map<string, { readonly person: Actor; readonly cases: DigestCase[] }>();
  for (const item of items) {
    const { tenantId, chair, teamManager } = item.state.header;
    for (const aadObjectId of new Set([chair, teamManager])) {
      const key = `${tenantId}|${aadObjectId}`;
      const theirs = people.get(key) ?? { person: { tenantId, aadObjectId }, cases: [] };
      theirs.cases.push(item);
      people.set(key, theirs);
    }
  }
  return [...people.values()];
}

/**
 * The day's digests, from the digest time until the window closes, once: built from the cases due (or, on a week's
 * first working day, every open case, for the weekly tally), then the day marked done so later sweeps skip it.
 */
async function queueDigests(
  deps: SweepRunDeps,
  digests: DigestRun,
  due: readonly CaseState[],
  timelines: ReadonlyMap<string, Timeline>,
  { now, today }: { now: Date; today: LocalDate },
  counts: Counts,
  queue: (request: OutboxRequest) => Promise<void>,
): Promise<void> {
  if (now < londonInstant(today, deps.settings.digestAt) || now >= londonInstant(today, deps.settings.sendWindow.closes)) return;
  if (await digests.days.done(today)) return;
  const weekly = Object.values(deps.calendars).some((calendar) => isFirstWorkingDayOfWeek([calendar], today));
  const cases = weekly ? await deps.casesDue(addMonths(today, WEEKLY_MONTHS_AHEAD)) : due;
  const items: DigestCase[] = cases.map((state) => ({ state, timeline: timelines.get(versionKey(state)) ?? sweptTimeline(state, today, deps) }));
  let failed = false;
  for (const { person, cases: theirs } of byChairAndManager(items)) {
    try {
      const choice = await digests.choiceOf(person);
      const requests = digestRequests({ ...person, roles: ['chair', 'team-manager'] }, theirs, today, choice, { policies: deps.policies, calendars: deps.calendars, pages: digests.pages });
      counts.digestParts += requests.length;
      for (const request of requests) await queue(request);
    } catch (error) {
      failed = true;
      counts.failed += 1;
      deps.onFailed('digest', error);
    }
  }
  // A digest that failed is built again by the next sweep; those queued are not sent twice.
  if (!failed) await digests.days.markDone(today, now);
}
