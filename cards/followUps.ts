import template from './followUps.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** One thing that follows the core group: what, its state, and (while open, for those who may) a date and Record. */
export interface FollowUpLine {
  /** "Plan circulated" */
  readonly what: string;
  /** "Due by Tue 16 Mar 2027 · social worker", "Done Mon 15 Mar 2027" */
  readonly status: string;
  /** The event Record records. */
  readonly event: string;
  /** `done-plan-circulated`: the date input beside its button. */
  readonly inputId: string;
  readonly canRecord: boolean;
}

export interface FollowUpsData {
  readonly caseRef: string;
  readonly meetingId: string;
  /** "After the core group of Tue 9 Mar 2027 for CP-1042 · Blue" */
  readonly title: string;
  /** Empty, or what the action that led here did. */
  readonly notice: string;
  readonly error: string;
  /** The date each input starts at (yyyy-mm-dd). */
  readonly today: string;
  readonly lines: readonly FollowUpLine[];
  /** Whether the reader may correct the meeting's record ("Correct this record"). */
  readonly canCorrect: boolean;
  /** One per card drawn: a re-sent press of the same button records once. */
  readonly requestId: string;
}

export const followUpsCard = (data: FollowUpsData): AdaptiveCardJson => render(template, data);
