import template from './recordMeeting.json' with { type: 'json' };
import type { Choice, FieldErrors } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** What the form holds apart from each member's attendance; a refused submit brings the same values back. */
export interface RecordMeetingValues {
  readonly heldOn: string;
  readonly chair: string;
  readonly noteTaker: string;
  /** Toggles: "true" or "false". */
  readonly childViewsRecorded: string;
  readonly childViewsNote: string;
  readonly parentsViewsRecorded: string;
  readonly parentsViewsNote: string;
  readonly membershipReviewed: string;
  /** Only when correcting a record already made: why. */
  readonly reason: string;
}

/** One member's line: whether they attended, sent apologies or were absent, pre-set from their answer. */
export interface AttendanceLine {
  /** `attendance-M3`: one input per member. */
  readonly inputId: string;
  /** "Pat Health, Health visiting (M2): sent apologies with a written update" */
  readonly label: string;
  /** attended, apologies, absent, or '' (not said). */
  readonly value: string;
}

export interface RecordMeetingFormData {
  readonly caseRef: string;
  readonly meetingId: string;
  /** Correcting a record already made: the form asks why, and its button saves the correction. */
  readonly correcting: boolean;
  /** "Record the core group of Tue 9 Mar 2027 for CP-1042 · Blue" */
  readonly title: string;
  readonly subtitle: string;
  readonly members: readonly AttendanceLine[];
  /** Who may be chair or note taker: the professionals in the group. */
  readonly people: readonly Choice[];
  readonly limits: { readonly note: number; readonly reason: number };
  readonly error: string;
  /** Attendance problems (someone not accounted for, listed twice) are shown under the members. */
  readonly errors: FieldErrors<RecordMeetingValues & { readonly attendance: string }>;
  readonly values: RecordMeetingValues;
  /** Makes a re-sent submit of this form recognisable (idempotency), whatever activity id Teams gives it. */
  readonly requestId: string;
}

export const EMPTY_RECORD: RecordMeetingValues = {
  heldOn: '',
  chair: '',
  noteTaker: '',
  childViewsRecorded: 'false',
  childViewsNote: '',
  parentsViewsRecorded: 'false',
  parentsViewsNote: '',
  membershipReviewed: 'false',
  reason: '',
};

/** The form's button: record the meeting, or save the correction of its record. */
const SUBMIT = {
  record: { verb: 'meeting.record', title: 'Record' },
  correct: { verb: 'meeting.correct', title: 'Save the correction' },
} as const;

export const recordMeetingFormCard = (data: RecordMeetingFormData): AdaptiveCardJson => render(template, { ...data, submit: SUBMIT[data.correcting ? 'correct' : 'record'] });
