import template from './answer.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** One part of what was sent: its heading in the procedure's words, and the text as written. */
export interface AnswerSection {
  readonly heading: string;
  readonly text: string;
}

/**
 * An answer to a core group invitation, shown whole: to the member who sent it (their own answer card, with
 * "Change my answer" until the meeting starts) or to the social worker and note taker it reaches.
 */
export interface AnswerCardData {
  readonly caseRef: string;
  readonly meetingId: string;
  /** The member answered for, so the social worker can confirm a verbal update. */
  readonly memberId: string;
  /** "You sent apologies", "Lynne Robbins (School) sent apologies". */
  readonly title: string;
  readonly caseLabel: string;
  /** "Subsequent core group, Tue 2 Mar 2027 at 10:00". */
  readonly meeting: string;
  /** Sentences about the answer: recorded on someone's behalf, a verbal update awaiting confirmation, who was told. */
  readonly notes: readonly string[];
  readonly sections: readonly AnswerSection[];
  readonly canChange: boolean;
  /** Who "Change my answer" reopens the form for: '' for oneself, the member when recorded on their behalf. */
  readonly changeFor: string;
  readonly canConfirmVerbal: boolean;
}

export const answerCard = (data: AnswerCardData): AdaptiveCardJson => render(template, data);
