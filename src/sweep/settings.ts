import { z } from 'zod';
import { TIME_OF_DAY } from '../cases/validation.js';

/**
 * When the sweep speaks ahead of a date, in working days of the case's nation (closure days included). The
 * procedures set the deadlines; these are the product's own choices of when to remind (issue 10), so an
 * organisation may change them. An empty list turns that reminder off.
 */
export const SWEEP_DEFAULTS = {
  /** Members who have not answered an invitation: 3 and 1 working days before the meeting. */
  unansweredInvitation: [3, 1],
  /** Members who have not given their joint-report contribution for the last core group before a review. */
  missingContribution: [5, 1],
  /** The social worker, when no core group is arranged and the next one is due within this many working days. */
  unscheduledCoreGroup: [10],
  /** Whoever owes paperwork (plan, minutes, record, joint report, a visit): before its due date ("due tomorrow"). */
  paperworkDue: [1],
  /** When notices may be sent, London time, on working days of the case's nation; what falls outside waits. */
  sendWindow: { opens: '08:00', closes: '18:00' },
  /** When the chairs' and team managers' digests go, London time, on working days. */
  digestAt: '08:30',
} as const;

/** "HH:MM", 24-hour, London time. */
const timeOfDay = z.string().regex(TIME_OF_DAY, 'must be a time of day such as 08:30');

const workingDaysBefore = (defaults: readonly number[]) =>
  z
    .array(z.number().int().positive().max(60))
    .max(5)
    .refine((days) => new Set(days).size === days.length, 'each number of working days once')
    .default([...defaults]);

/** The sweep's settings as configured: each left out takes its default from SWEEP_DEFAULTS. */
export const sweepSettingsSchema = z
  .object({
    unansweredInvitation: workingDaysBefore(SWEEP_DEFAULTS.unansweredInvitation),
    missingContribution: workingDaysBefore(SWEEP_DEFAULTS.missingContribution),
    unscheduledCoreGroup: workingDaysBefore(SWEEP_DEFAULTS.unscheduledCoreGroup),
    paperworkDue: workingDaysBefore(SWEEP_DEFAULTS.paperworkDue),
    sendWindow: z
      .object({ opens: timeOfDay, closes: timeOfDay })
      .strict()
      .refine((window) => window.opens < window.closes, 'the window must open before it closes')
      .default({ ...SWEEP_DEFAULTS.sendWindow }),
    digestAt: timeOfDay.default(SWEEP_DEFAULTS.digestAt),
  })
  .strict()
  // Judged only once the times themselves are times: a malformed one has its own message.
  .refine((settings) => !TIME_OF_DAY.test(settings.digestAt) || (settings.sendWindow.opens <= settings.digestAt && settings.digestAt < settings.sendWindow.closes), {
    message: 'digests must go inside the send window',
    path: ['digestAt'],
  });
export type SweepSettings = z.output<typeof sweepSettingsSchema>;
export type SweepSettingsInput = z.input<typeof sweepSettingsSchema>;

/** "3 and 1 working days before": how a setting reads inside a notice's reason. */
export function describeDaysBefore(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => b - a);
  const last = sorted.pop();
  const list = sorted.length === 0 ? `${last}` : `${sorted.join(', ')} and ${last}`;
  return `${list} working day${last === 1 && sorted.length === 0 ? '' : 's'} before`;
}
