import type { StatusColor } from './caseSummary.js';
import template from './digest.json' with { type: 'json' };
import type { Choice } from './formFields.js';
import { render, type AdaptiveCardJson } from './render.js';

/** A button on one case (schedule), or on one of its meetings (record it, what follows it). */
export interface DigestCaseButton {
  readonly title: string;
  readonly verb: string;
  readonly caseRef: string;
}
export interface DigestMeetingButton extends DigestCaseButton {
  readonly meetingId: string;
}

/** One thing due or overdue on a case. */
export interface DigestCardLine {
  /** "Plan circulated (core group on Fri 18 Dec 2026): overdue since Tue 22 Dec 2026". */
  readonly headline: string;
  /** Attention for a breach; Default otherwise (bot/views/caseSummary.ts says why only these). */
  readonly color: StatusColor;
  /** Why that date, in the procedure's words. */
  readonly reason: string;
  /** What resolves it, and who does it: the chat phrase where the bot has one. */
  readonly action: string;
  readonly caseButtons: readonly DigestCaseButton[];
  readonly meetingButtons: readonly DigestMeetingButton[];
}

/** A case by reference and alias only, never a child's or family's name. */
export interface DigestCardCase {
  /** "CP-1042 · Blue", "CP-1042 · Blue, continued" on a later part. */
  readonly caseLabel: string;
  /** "You chair this case". */
  readonly role: string;
  readonly lines: readonly DigestCardLine[];
}

export interface DigestCardSection {
  /** "Overdue", "Due within 5 working days". */
  readonly heading: string;
  readonly cases: readonly DigestCardCase[];
}

/** A chair's or team manager's digest, or one part of it ("(1 of 3)") when it takes several cards. */
export interface DigestCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly DigestCardSection[];
  /** "Timeliness, last 12 weeks" on the part that carries it (weekly); '' for none. */
  readonly timelinessHeading: string;
  /** "Core groups": "5 on time · 1 late · 0 missed". */
  readonly timeliness: readonly Choice[];
  readonly timelinessNote: string;
}

export const digestCard = (data: DigestCardData): AdaptiveCardJson => render(template, data);
