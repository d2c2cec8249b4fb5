import template from './caseSummary.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export type StatusColor = 'Attention' | 'Warning' | 'Good' | 'Default';

/** One case in an answer: a reference and a neutral alias, never a child's or family's name. */
export interface CaseSummaryLine {
  /** "CP-1042", for the line's buttons. */
  readonly caseRef: string;
  /** "CP-1042 · Blue" */
  readonly caseLabel: string;
  /** "Next core group due by Wed 3 Feb 2027" */
  readonly headline: string;
  readonly statusText: string;
  readonly statusColor: StatusColor;
  /** Why that date, in the procedure's words. */
  readonly basis: string;
  /** Other overdue items on the case, one line each. */
  readonly alerts: ReadonlyArray<{ readonly text: string }>;
  /** "Team manager: you · Chair: Adele Vance" on "my cases"; empty elsewhere. */
  readonly people: string;
  /** Empty once confirmed; else "Awaiting your confirmation" (for its team manager) or "Awaiting its team manager's confirmation". */
  readonly confirmation: string;
  /** Whether the asker is the team manager who confirms or rejects it (a button on the line). */
  readonly decide: boolean;
}

export interface CaseSummaryData {
  readonly title: string;
  readonly subtitle: string;
  readonly emptyText: string;
  readonly cases: readonly CaseSummaryLine[];
}

/** The answer to "when is the next core group due?", "anything overdue?" and "my cases". */
export const caseSummaryCard = (data: CaseSummaryData): AdaptiveCardJson => render(template, data);
