import type { AnswerSection } from './answer.js';
import template from './reports.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** One member's report as the pack shows it, or the rest of it on a later part ("…, continued", with said and notes ''). */
export interface ReportLine {
  /** "Lynne Robbins (School)", "Parent A (parent or carer)". */
  readonly who: string;
  /** "Apologies, with a written update"; '' on a continuation. */
  readonly said: string;
  /** Recorded on their behalf, a verbal update and whether the social worker confirmed it. */
  readonly notes: readonly string[];
  readonly sections: readonly AnswerSection[];
}

/** The reports pack for one meeting, or one part of it when it takes several cards. */
export interface ReportsPackData {
  readonly caseRef: string;
  readonly meetingId: string;
  /** "Reports for the next core group", "… (2 of 3)" on a part. */
  readonly title: string;
  readonly caseLabel: string;
  /** "Core group, Tue 2 Mar 2027 at 10:00". */
  readonly meeting: string;
  /** What the pack is for, on its first part; ''. */
  readonly intro: string;
  /** Who has neither answered nor sent anything, on its first part; '' when nobody. */
  readonly awaited: string;
  readonly reports: readonly ReportLine[];
  /** "Record this meeting" (meeting.recordForm), back to the form a Reports button was pressed on. */
  readonly canRecord: boolean;
  /** The part "Previous part" and "Next part" show (meeting.reports), 0 for no button. */
  readonly previousPart: number;
  readonly nextPart: number;
}

export const reportsPackCard = (data: ReportsPackData): AdaptiveCardJson => render(template, data);
