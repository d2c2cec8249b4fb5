import template from './scheduleMeeting.json' with { type: 'json' };
import type { Choice, FieldErrors } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** What the form submits, as typed: every box, empty where nothing was given. */
export interface ScheduleMeetingValues {
  /** YYYY-MM-DD (Input.Date). */
  readonly date: string;
  /** HH:MM (Input.Time). */
  readonly time: string;
  readonly venue: string;
  readonly onlineLink: string;
  /** A meeting type: first, subsequent, last-before-review. */
  readonly type: string;
  /** Member ids (M1 …) of professionals in the core group. */
  readonly chair: string;
  readonly noteTaker: string;
}

export interface ScheduleMeetingFormData {
  readonly caseRef: string;
  /** "Schedule a core group for CP-1042 · Oak", or "Reschedule CG1 for CP-1042 · Oak". */
  readonly title: string;
  /** The meeting rescheduled; '' for a new one. */
  readonly meetingId: string;
  /** What Schedule does: meeting.schedule, or meeting.reschedule for a meeting already arranged. */
  readonly submit: { readonly verb: 'meeting.schedule' | 'meeting.reschedule'; readonly title: string };
  /** Offered for a meeting already arranged: "Cancel this core group" (meeting.cancel). */
  readonly canCancel: boolean;
  /** "Core group 2 due by Wed 3 Feb 2027". */
  readonly due: string;
  /** Why that date, in the procedure's words. */
  readonly basis: string;
  readonly error: string;
  readonly errors: FieldErrors<ScheduleMeetingValues>;
  readonly values: ScheduleMeetingValues;
  readonly types: readonly Choice[];
  /** Who may chair or take notes: the case's professionals, by name, agency and role on the case. */
  readonly people: readonly Choice[];
  /** The most the venue and link boxes take (a hint: the server's limits are the same numbers, and decide). */
  readonly limits: { readonly venue: number; readonly link: number };
  /** Shown above the submit; they do not stop it. */
  readonly warnings: ReadonlyArray<{ readonly text: string }>;
  /** Makes a re-sent submit recognisable (idempotency). */
  readonly requestId: string;
}

export const EMPTY_SCHEDULE: ScheduleMeetingValues = { date: '', time: '', venue: '', onlineLink: '', type: '', chair: '', noteTaker: '' };

export const scheduleMeetingFormCard = (data: ScheduleMeetingFormData): AdaptiveCardJson => render(template, data);
