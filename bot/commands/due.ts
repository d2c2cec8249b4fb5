import { formatLongDate, type LocalDate } from '../../src/time/localDate.js';
import type { Asker, CommandHandler, ObligationLine } from './types.js';

export interface DueDeps {
  /** What is next due on the asker's cases (or on one), optionally only what falls due by a date. */
  readonly upcoming: (asker: Asker, query: { readonly caseRef?: string; readonly by?: LocalDate }) => Promise<readonly ObligationLine[]>;
}

export const handleDue: CommandHandler<DueDeps> = async ({ asker, intent }, deps) => {
  const lines = await deps.upcoming(asker, { caseRef: intent.caseRef, by: intent.date });
  const scope = intent.caseRef ? ` for ${intent.caseRef}` : ' on your cases';
  const until = intent.date ? ` by ${formatLongDate(intent.date)}` : '';
  if (lines.length === 0) return `Nothing is due${scope}${until}.`;
  return [`Due${scope}${until}:`, ...lines.map((line) => `- ${line.caseRef}: ${line.what}, due ${formatLongDate(line.due)}`)].join('\n');
};
