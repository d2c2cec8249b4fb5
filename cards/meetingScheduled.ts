import template from './meetingScheduled.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** A core group as scheduled: what, when, where and who, with the warnings still standing. */
export interface MeetingScheduledData {
  readonly caseRef: string;
  /** "Core group scheduled for CP-1042 · Oak". */
  readonly title: string;
  /** "CG2: a subsequent core group." */
  readonly message: string;
  /** Date in words, time, venue or link, type, chair and note taker. */
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly warnings: ReadonlyArray<{ readonly text: string }>;
  /** What happens next (who is told, and how). */
  readonly next: string;
}

export const meetingScheduledCard = (data: MeetingScheduledData): AdaptiveCardJson => render(template, data);
