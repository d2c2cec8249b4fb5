import template from './answer.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

/** One part of what was sent: its heading in the procedure's words, and the text as written. */
export interface AnswerSection {
  readonly heading: string;
  readonly text: string;
}

/** What heads the apologies form and every answer card: whose answer to which meeting. */
export interface MeetingAnswerHeading {
  readonly caseRef: string;
  readonly meetingId: string;
  /** The member answered for; on the form, '' for one's own answer (only a recorded-on-behalf form names them). */
  readonly memberId: string;
  /** "Apologies and your written update", "Lynne Robbins (School) sent apologies". */
  readonly title: string;
  readonly caseLabel: string;
  /** "Core group, Tue 2 Mar 2027 at 10:00". */
  readonly meeting: string;
}

/**
 * An answer to a core group invitation, shown whole: to the member who sent it (their own answer card, with
 * "Change my answer" until the meeting starts) or to the social worker and note taker it reaches.
 */
export interface AnswerCardData extends MeetingAnswerHeading {
  /** Sentences about the answer: recorded on someone's behalf, a verbal update awaiting confirmation, who was told. */
  readonly notes: readonly string[];
  readonly sections: readonly AnswerSection[];
  readonly canChange: boolean;
  /** Who "Change my answer" reopens the form for: '' for oneself, the member when recorded on their behalf. */
  readonly changeFor: string;
  readonly canConfirmVerbal: boolean;
}

export const answerCard = (data: AnswerCardData): AdaptiveCardJson => render(template, data);
