import template from './meetingScheduled.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** A core group as scheduled: what, when, where and who, with the warnings still standing. */
export interface MeetingScheduledData {
  readonly caseRef: string;
  /** For "Change the arrangements" (meeting.rescheduleForm) and "Reports" (meeting.reports). */
  readonly meetingId: string;
  /** "Core group scheduled for CP-1042 · Oak", or "… rescheduled …". */
  readonly title: string;
  /** "Subsequent core group (CG2).", or with what changed: "… (CG2): the date and time changed." */
  readonly message: string;
  /** Date in words, time, venue or link, type, chair and note taker. */
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly warnings: ReadonlyArray<{ readonly text: string }>;
  /** What happens next (who is told, and how). */
  readonly next: string;
}

export const meetingScheduledCard = (data: MeetingScheduledData): AdaptiveCardJson => render(template, data);
