import template from './deliverySummary.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** Someone the invitations did not reach in Teams, and how to reach them instead. */
export interface UnreachedLine {
  /** "Parent A (parent or carer)", "Ola School (School)": family members by their label only. */
  readonly who: string;
  /** "Why: family member, not in Teams". */
  readonly why: string;
  /** "Invite them by: secure email", "Invite them by: not said". */
  readonly route: string;
}

/** For the social worker: who a meeting's invitations reached in Teams, and who must be invited another way. */
export interface DeliverySummaryData {
  readonly caseRef: string;
  readonly meetingId: string;
  /** "Invitations for CP-3401 · Yew". */
  readonly title: string;
  /** "First core group, Fri 12 Feb 2027 at 10:00". */
  readonly meeting: string;
  /** "Invited and reached in Teams: Hana Visitor (Health visiting)." or "Nobody was reached in Teams." */
  readonly reached: string;
  /** "Not reached in Teams (3): invite them another way"; '' when everyone was reached. */
  readonly unreachedHeading: string;
  readonly unreached: readonly UnreachedLine[];
  /** What to do with their replies; '' when everyone was reached. */
  readonly hint: string;
}

export const deliverySummaryCard = (data: DeliverySummaryData): AdaptiveCardJson => render(template, data);
