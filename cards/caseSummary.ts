import template from './caseSummary.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** Only the colours legible on Teams' light theme (bot/views/caseSummary.ts says why). */
export type StatusColor = 'Attention' | 'Default';
export type StatusWeight = 'Bolder' | 'Default';

/** A button on one case: a card verb, and the case it acts on. */
export interface CaseAction {
  readonly title: string;
  readonly verb: string;
  readonly caseRef: string;
}

/** One case in an answer: a reference and a neutral alias, never a child's or family's name. */
export interface CaseSummaryLine {
  /** "CP-1042 · Blue" */
  readonly caseLabel: string;
  /** "Next core group due by Wed 3 Feb 2027" */
  readonly headline: string;
  readonly statusText: string;
  readonly statusColor: StatusColor;
  readonly statusWeight: StatusWeight;
  /** Why that date, in the procedure's words. */
  readonly basis: string;
  /** "Scheduled for Wed 10 Feb 2027 at 14:30 (CG1)" when a core group is arranged; empty otherwise. */
  readonly scheduled: string;
  /** Other overdue items on the case, one line each. */
  readonly alerts: ReadonlyArray<{ readonly text: string }>;
  /** "Team manager: you · Chair: Adele Vance" on "my cases"; empty elsewhere. */
  readonly people: string;
  /** Empty once confirmed; else "Awaiting your confirmation" (for its team manager) or "Awaiting its team manager's confirmation". */
  readonly confirmation: string;
  /** On "my cases", the asker's role(s) on the case ("Social worker and chair"); empty elsewhere. */
  readonly yourRole: string;
  /** What comes next on the case, one button each. */
  readonly actions: readonly CaseAction[];
}

export interface CaseSummaryData {
  readonly title: string;
  readonly subtitle: string;
  readonly emptyText: string;
  readonly cases: readonly CaseSummaryLine[];
}

/** The answer to "when is the next core group (or review conference) due?", "anything overdue?" and "my cases". */
export const caseSummaryCard = (data: CaseSummaryData): AdaptiveCardJson => render(template, data);
