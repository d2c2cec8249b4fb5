import type { CaseState } from '../../src/cases/model.js';
import { runSweep, type SweepReport } from '../../src/sweep/run.js';
import { sweepSettingsSchema, type Notice, type SweepSettings } from '../../src/sweep/index.js';
import { describeError, type Logger } from '../log.js';
import type { BotServices } from '../services.js';
import { reminderData } from '../views/reminders.js';

export interface SweepDeps {
  readonly services: Pick<BotServices, 'cases' | 'policies' | 'calendars' | 'clock' | 'enqueue'>;
  readonly log: Pick<Logger, 'warn'>;
  readonly settings?: SweepSettings;
}

/**
 * The sweep as the bot runs it: each notice queued through the outbox as a reminder card, on behalf of the case's
 * social worker (told when its recipient cannot be reached). Rendered now, as the case stands, so a later sweep
 * asking for the same notice on a case that has not changed asks for the same card and the outbox sends it once.
 */
export function createSweep(deps: SweepDeps): (signal: AbortSignal) => Promise<SweepReport> {
  const { services, log } = deps;
  const queue = (notice: Notice, state: CaseState) =>
    services.enqueue({ key: notice.key, card: { name: 'reminder', data: { ...reminderData(notice, state) } }, tellId: state.header.socialWorker });
  return (signal) =>
    runSweep(
      {
        policies: services.policies,
        calendars: services.calendars,
        settings: deps.settings ?? sweepSettingsSchema.parse({}),
        clock: services.clock,
        casesDue: (horizon) => services.cases.sweeps.casesDue(horizon),
        queue,
        onCaseFailed: (caseRef, error) => log.warn('sweep.case-failed', { caseRef, ...describeError(error) }),
      },
      signal,
    );
}
