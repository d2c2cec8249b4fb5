import template from './invitation.json' with { type: 'json' };
import type { Choice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/**
 * A member's invitation to a core group, and the same card once they have answered: it refreshes for them alone
 * (`refresh.userIds`), so what it shows is always their own answer.
 */
export interface InvitationData {
  readonly caseRef: string;
  readonly meetingId: string;
  /** The one person this card is for: the only one whose client asks it to refresh. */
  readonly recipientId: string;
  /** "First core group for CP-1042 · Blue" */
  readonly title: string;
  /** When, where, and who chairs. */
  readonly facts: readonly Choice[];
  /** https only (checked when scheduled); '' when the meeting is not online. */
  readonly onlineLink: string;
  /** "1. Identification of note taker" … */
  readonly agenda: ReadonlyArray<{ readonly text: string }>;
  /** Whose agenda it is. */
  readonly agendaSource: string;
  /** '' before answering; "Your answer: attending" after. */
  readonly answer: string;
  /** Until the meeting starts. */
  readonly canAnswer: boolean;
  /** Makes a re-sent "I will attend" the same request. */
  readonly requestId: string;
}

export const invitationCard = (data: InvitationData): AdaptiveCardJson => render(template, data);
