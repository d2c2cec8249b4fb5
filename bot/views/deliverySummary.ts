import type { DeliverySummaryData, UnreachedLine } from '../../cards/index.js';
import { isFamilyMember, type CaseView, type Member, type MeetingView } from '../../src/cases/model.js';
import type { OutboxState } from '../../src/delivery/outboxItem.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { caseLabel } from './caseSummary.js';
import { inWords, MEETING_NAMES } from './meetings.js';
import { memberWithRole } from './members.js';
import { notReachedWords, type NotReachedBecause } from './reach.js';

/** One member's invitation as its outbox row ended. */
export interface InvitationOutcome {
  readonly recipientId: string;
  readonly state: OutboxState;
  readonly reason: string | undefined;
}

const unreached = (member: Member, reason: string | undefined): UnreachedLine => ({
  who: memberWithRole(member),
  why: `Why: ${notReachedWords(reason)}`,
  route: `Invite them by: ${(member.contactRoute ?? 'not said').toLowerCase()}`,
});

/** Why someone without a Teams id was not messaged: the family never are; a professional is outside the organisation. */
const outsideTeams = (member: Member): NotReachedBecause => (isFamilyMember(member) ? 'family' : 'outside-organisation');

/**
 * Who the meeting's invitations reached, and who must be invited another way with how. Everyone active on the
 * case but `recipient` (the social worker it is for) is named, in the case's order, except a Teams member with no
 * invitation: the person who arranged the meeting is not invited to it.
 */
export function deliverySummaryData(view: CaseView, meeting: MeetingView, invitations: readonly InvitationOutcome[], recipient: string): DeliverySummaryData {
  const reached: string[] = [];
  const notReached: UnreachedLine[] = [];
  for (const member of view.members) {
    if (member.status !== 'active' || member.aadObjectId === recipient) continue;
    if (member.aadObjectId === undefined) {
      notReached.push(unreached(member, outsideTeams(member)));
      continue;
    }
    const invitation = invitations.find((candidate) => candidate.recipientId === member.aadObjectId);
    if (invitation === undefined) continue;
    if (invitation.state === 'sent') reached.push(memberWithRole(member));
    else notReached.push(unreached(member, invitation.state === 'poisoned' ? 'poisoned' : invitation.reason));
  }
  return {
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    title: `Invitations for ${caseLabel(view)}`,
    meeting: `${MEETING_NAMES[meeting.type]}, ${formatLongDate(meeting.date)} at ${meeting.time}`,
    reached: reached.length === 0 ? 'Nobody was reached in Teams.' : `Invited and reached in Teams: ${inWords(reached)}.`,
    unreachedHeading: notReached.length === 0 ? '' : `Not reached in Teams (${notReached.length}): invite them another way`,
    unreached: notReached,
    hint: notReached.length === 0 ? '' : `Record the replies they send you from the members card ("members ${view.caseRef}").`,
  };
}
