import { daysBetween, formatLongDate } from '../../src/time/localDate.js';
import type { Asker, CommandHandler, ObligationLine } from './types.js';

export interface OverdueDeps {
  /** What is past its due date on the asker's cases (or on one). */
  readonly overdue: (asker: Asker, query: { readonly caseRef?: string }) => Promise<readonly ObligationLine[]>;
}

export const handleOverdue: CommandHandler<OverdueDeps> = async ({ asker, intent, today }, deps) => {
  const lines = await deps.overdue(asker, { caseRef: intent.caseRef });
  const scope = intent.caseRef ? ` for ${intent.caseRef}` : ' on your cases';
  if (lines.length === 0) return `Nothing is overdue${scope}.`;
  return [
    `Overdue${scope}:`,
    ...lines.map((line) => {
      const days = daysBetween(line.due, today);
      return `- ${line.caseRef}: ${line.what}, was due ${formatLongDate(line.due)} (${days} day${days === 1 ? '' : 's'} ago)`;
    }),
  ].join('\n');
};
