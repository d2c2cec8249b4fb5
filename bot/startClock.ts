import { parseArgs } from 'node:util';
import { londonInstant, shiftedClock, systemClock, type Clock } from '../src/time/clock.js';
import { isLocalDate } from '../src/time/localDate.js';

/** `--now 2026-12-03T09:00`: a London date and time; the time is 09:00 when only a date is given. */
const NOW = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):([0-5]\d))?$/;

export class StartClockError extends Error {}

/**
 * The clock the bot runs on: the system's, or in local development mode only, one started at `--now` (a London
 * date and time) and running on from there, for trying the reminders and digests of a given morning. A real
 * deployment's deadlines are never computed from a shifted clock: `--now` with a bot identity is refused.
 */
export function startClock(argv: readonly string[], local: boolean): Clock {
  let values: { now?: string | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { now: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new StartClockError(`${error instanceof Error ? error.message : String(error)}: the one option is --now 2026-12-03T09:00`);
  }
  if (values.now === undefined) return systemClock;
  if (!local) throw new StartClockError('--now is for local development only: it is refused when a bot identity (MicrosoftAppType) is configured.');
  const match = NOW.exec(values.now);
  const date = match?.[1];
  if (date === undefined || !isLocalDate(date)) throw new StartClockError(`--now must be a London date and time such as 2026-12-03T09:00, not "${values.now.slice(0, 40)}"`);
  return shiftedClock(londonInstant(date, `${match?.[2] ?? '09'}:${match?.[3] ?? '00'}`));
}
