import template from './members.json' with { type: 'json' };
import { render, type AdaptiveCardJson } from './render.js';

export interface MemberLine {
  readonly memberId: string;
  /** A professional's name and agency; a family member's neutral label, never a name. */
  readonly label: string;
  /** Their role and member id. */
  readonly detail: string;
  /** Empty, or how papers reach someone the bot cannot message. */
  readonly reach: string;
  /** Whether this person may be removed by the viewer (never the case's own social worker). */
  readonly canRemove: boolean;
}

export interface MembersData {
  readonly caseRef: string;
  readonly caseLabel: string;
  /** Empty, or what the action that led here did ("Parent B is no longer in the core group …"). */
  readonly notice: string;
  readonly summary: string;
  readonly canAdd: boolean;
  /** Whether the viewer may hand the case's roles on (its team manager). */
  readonly canReassign: boolean;
  readonly members: readonly MemberLine[];
}

export const membersCard = (data: MembersData): AdaptiveCardJson => render(template, data);
