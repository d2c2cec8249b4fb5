import type { Choice } from './formFields.js';
import template from './reminder.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** The one thing a reminder's button does, for the notice it carries. */
export type ReminderAction =
  /** I will attend / Send apologies (meeting.attending, meeting.apologiesForm). */
  | 'answer'
  /** The apologies form, where a joint-report contribution is given (seed 002). */
  | 'contribute'
  /** What follows the core group the paperwork is for, each with Record (meeting.followUps). */
  | 'record'
  /** The record form of a meeting held but not recorded (meeting.recordForm). */
  | 'record-meeting'
  /** The schedule form (meeting.scheduleForm). */
  | 'schedule'
  /** The chair's decision on a missed core group, written on the card (case.missedDecision). */
  | 'decide'
  | 'none';

/** A reminder, nudge or escalation from the sweep: about one case, by reference and alias only. */
export interface ReminderData {
  /** "Overdue: circulate the child protection plan for CP-1042 · Oak". */
  readonly title: string;
  readonly style: 'attention' | 'warning' | 'default';
  readonly caseRef: string;
  /** Case, due date or meeting time, and for whom it is. */
  readonly facts: readonly Choice[];
  /** Why, citing the procedure or the sweep setting. */
  readonly message: string;
  /** What to do, in words; '' for none. */
  readonly hint: string;
  readonly action: ReminderAction;
  /** The meeting the button is about; '' for none. */
  readonly meetingId: string;
  /** Makes a re-sent answer or decision the same request. */
  readonly requestId: string;
  /** For the decision box: what was typed, why it was refused, and its limit. */
  readonly decision: string;
  readonly error: string;
  readonly decisionLimit: number;
}

export const reminderCard = (data: ReminderData): AdaptiveCardJson => render(template, data);
