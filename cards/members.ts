import template from './members.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export interface MemberLine {
  readonly memberId: string;
  /** A professional's name and agency; for family members only their role and member id, never a name. */
  readonly label: string;
  readonly detail: string;
  /** Empty, or "Not in Teams: reach them by …" for someone the bot cannot message. */
  readonly reach: string;
  /** Whether this person may be removed by the viewer (never the case's own social worker). */
  readonly canRemove: boolean;
}

export interface MembersData {
  readonly caseRef: string;
  readonly caseLabel: string;
  readonly summary: string;
  readonly canManage: boolean;
  /** The case version shown: a re-sent "Remove" from this card is then recognised as the same request. */
  readonly version: number;
  readonly members: readonly MemberLine[];
}

export const membersCard = (data: MembersData): AdaptiveCardJson => render(template, data);
