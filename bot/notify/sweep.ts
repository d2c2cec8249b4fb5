import { DigestDays } from '../../src/digest/digestDays.js';
import type { StoreTables } from '../../src/store/connect.js';
import { runSweep, type SweepReport } from '../../src/sweep/run.js';
import { sweepSettingsSchema, type SweepSettings } from '../../src/sweep/index.js';
import { describeError, type Logger } from '../log.js';
import type { BotServices } from '../services.js';
import { digestPages } from '../views/digest.js';
import { reminderData } from '../views/reminders.js';

export interface SweepDeps {
  readonly services: Pick<BotServices, 'cases' | 'policies' | 'calendars' | 'clock' | 'enqueue' | 'digestPreferences'>;
  readonly tables: Pick<StoreTables, 'digestPreferences'>;
  readonly log: Pick<Logger, 'warn'>;
  readonly settings?: SweepSettings;
}

/**
 * The sweep as the bot runs it: each notice queued through the outbox as a reminder card, on behalf of the case's
 * social worker (told when its recipient cannot be reached), and the digests as digest cards. Rendered now, as the
 * case stands, so a later sweep asking for the same notice of a case that has not changed asks for the same card
 * and the outbox sends it once.
 */
export function createSweep(deps: SweepDeps): (signal: AbortSignal) => Promise<SweepReport> {
  const { services, log } = deps;
  const days = new DigestDays(deps.tables.digestPreferences);
  return (signal) =>
    runSweep(
      {
        policies: services.policies,
        calendars: services.calendars,
        settings: deps.settings ?? sweepSettingsSchema.parse({}),
        clock: services.clock,
        casesDue: (horizon) => services.cases.sweeps.casesDue(horizon),
        enqueue: services.enqueue,
        reminder: (notice, state) => ({ name: 'reminder', data: { ...reminderData(notice, state) } }),
        digests: { days, choiceOf: (person) => services.digestPreferences.choiceOf(person), pages: digestPages },
        onFailed: (what, error) => log.warn('sweep.failed', { what, ...describeError(error) }),
      },
      signal,
    );
}
