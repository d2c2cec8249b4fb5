import { v5 as uuidv5 } from 'uuid';
import { invitationCard, type AdaptiveCardJson } from '../../cards/index.js';
import { authorize } from '../../src/cases/authorization.js';
import { MeetingNotFound, NotAllowed } from '../../src/cases/errors.js';
import type { Actor, CaseView, Member, MeetingView } from '../../src/cases/model.js';
import { parseInput } from '../../src/cases/validation.js';
import type { BotServices } from '../services.js';
import { invitationData } from '../views/invitation.js';
import { memberName } from '../views/members.js';
import { meetingRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** The namespace of the invitations' request ids (any fixed UUID: it only keeps them apart from other v5 ids). */
const INVITATION_IDS = '5b0c5e6e-6c9e-4d53-9a43-7c1f0e3b2a10';

/**
 * An invitation's request id: the same for the same member, meeting and answers, so the outbox sees the same card
 * as the same payload (sent once), and a new one after each answer (a change of mind is a new request).
 */
const requestIdOf = (caseRef: string, meeting: MeetingView, member: Member): string =>
  uuidv5(`${caseRef}|${meeting.meetingId}|${member.memberId}|${meeting.answers.filter((answer) => answer.memberId === member.memberId).map((answer) => answer.answeredAt).join(',')}`, INVITATION_IDS);

type TeamsMember = Member & { readonly aadObjectId: string };
const inTeams = (member: Member): member is TeamsMember => member.status === 'active' && member.aadObjectId !== undefined;

const meetingOf = (view: CaseView, meetingId: string): MeetingView => {
  const meeting = view.meetings.find((candidate) => candidate.meetingId === meetingId);
  if (!meeting) throw new MeetingNotFound(view.caseRef, meetingId);
  return meeting;
};

/** One member's invitation card as it stands now. */
export function invitationFor(deps: BotServices, view: CaseView, meeting: MeetingView, member: TeamsMember): AdaptiveCardJson {
  return invitationCard(
    invitationData({ view, meeting, member, profile: deps.policies.require(view.policyId), now: deps.clock.now(), requestId: requestIdOf(view.caseRef, meeting, member) }),
  );
}

/** verb meeting.invitation: the card's refresh, for the one member it was sent to; it shows their own answer. */
export const invitationAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'answer-own', view.caseRef);
  const member = view.members.find((candidate) => candidate.aadObjectId === asker.aadObjectId);
  if (!member || !inTeams(member)) throw new NotAllowed(`You are not in the core group for ${view.caseRef}.`);
  return invitationFor(deps, view, meetingOf(view, meetingId), member);
};

/** Who was invited, and who cannot be invited in Teams (with how papers reach them instead). */
export interface InvitationSummary {
  readonly invited: readonly string[];
  readonly notInTeams: ReadonlyArray<{ readonly name: string; readonly route: string }>;
}

/**
 * Invites every member reachable in Teams, except the person arranging it, through the outbox: one row per member
 * and meeting, so inviting again (a retried schedule, a member added later) sends nobody a second card, and a
 * changed meeting updates the card already sent.
 */
export async function inviteMembers(deps: BotServices, asker: Actor, caseRef: string, meetingId: string): Promise<InvitationSummary> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  const meeting = meetingOf(view, meetingId);
  const active = view.members.filter((member) => member.status === 'active' && member.aadObjectId !== asker.aadObjectId);
  const invited = active.filter(inTeams);
  for (const member of invited) {
    const card = invitationData({ view, meeting, member, profile: deps.policies.require(view.policyId), now: deps.clock.now(), requestId: requestIdOf(view.caseRef, meeting, member) });
    await deps.enqueue({
      key: { tenantId: asker.tenantId, caseRef: view.caseRef, kind: 'invitation', subject: meeting.meetingId, recipientId: member.aadObjectId, date: meeting.date },
      card: { name: 'invitation', data: { ...card } },
      tellId: view.socialWorker,
    });
  }
  return {
    invited: invited.map(memberName),
    notInTeams: active.filter((member) => !inTeams(member)).map((member) => ({ name: memberName(member), route: member.contactRoute ?? 'not said' })),
  };
}
