import { v5 as uuidv5 } from 'uuid';
import { invitationCard, type InvitationData } from '../../cards/index.js';
import { authorize } from '../../src/cases/authorization.js';
import { NotAllowed } from '../../src/cases/errors.js';
import type { Actor, CaseView, Member, MeetingView } from '../../src/cases/model.js';
import { parseInput } from '../../src/cases/validation.js';
import { answersOpen } from '../../src/due/meetingTimes.js';
import { describeError, type Logger } from '../log.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { invitationData } from '../views/invitation.js';
import { inWords, meetingIn } from '../views/meetings.js';
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

/** The members who are told of a meeting: everyone active but the person arranging it. */
const othersIn = (view: CaseView, asker: Actor): Member[] => view.members.filter((member) => member.status === 'active' && member.aadObjectId !== asker.aadObjectId);

/** Who is told in Teams, and who cannot be (with how their papers reach them instead). */
const summaryOf = (members: readonly Member[]): InvitationSummary => ({
  invited: members.filter(inTeams).map(memberName),
  notInTeams: members.filter((member) => !inTeams(member)).map((member) => ({ name: memberName(member), route: member.contactRoute ?? 'not said' })),
});

/** One member's invitation as it stands now: what the outbox sends and what a refresh draws. */
const invitationNow = (deps: BotServices, view: CaseView, meeting: MeetingView, member: TeamsMember): InvitationData =>
  invitationData({ view, meeting, member, profile: deps.policies.require(view.policyId), now: deps.clock.now(), requestId: requestIdOf(view.caseRef, meeting, member) });

/** verb meeting.invitation: the card's refresh, for the one member it was sent to; it shows their own answer. */
export const invitationAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'answer-own', view.caseRef);
  const member = view.members.find((candidate) => candidate.aadObjectId === asker.aadObjectId);
  if (!member || !inTeams(member)) throw new NotAllowed(`You are not in the core group for ${view.caseRef}.`);
  return invitationCard(invitationNow(deps, view, meetingIn(view, meetingId), member));
};

/** Who was invited, and who cannot be invited in Teams (with how papers reach them instead). */
export interface InvitationSummary {
  readonly invited: readonly string[];
  readonly notInTeams: ReadonlyArray<{ readonly name: string; readonly route: string }>;
}

/** One member's invitation row: per member and meeting (and its date), so asking again sends nothing twice. */
const invitationKey = (tenantId: string, view: CaseView, meeting: MeetingView, recipientId: string) =>
  ({ tenantId, caseRef: view.caseRef, kind: 'invitation', subject: meeting.meetingId, recipientId, date: meeting.date }) as const;

async function queueInvitation(deps: BotServices, tenantId: string, view: CaseView, meeting: MeetingView, member: TeamsMember): Promise<void> {
  const card = invitationNow(deps, view, meeting, member);
  await deps.enqueue({ key: invitationKey(tenantId, view, meeting, member.aadObjectId), card: { name: 'invitation', data: { ...card } }, tellId: view.socialWorker });
}

/**
 * Invites every member reachable in Teams, except the person arranging it, through the outbox: one row per member
 * and meeting, so inviting again (a retried schedule) sends nobody a second card, and a changed meeting updates
 * the card already sent.
 */
export async function inviteMembers(deps: BotServices, asker: Actor, caseRef: string, meetingId: string): Promise<InvitationSummary> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  const meeting = meetingIn(view, meetingId);
  const others = othersIn(view, asker);
  for (const member of others.filter(inTeams)) await queueInvitation(deps, asker.tenantId, view, meeting, member);
  return summaryOf(others);
}

/** The meetings a member joining now is invited to, or leaving now is withdrawn from: arranged, not yet begun. */
const stillToCome = (deps: BotServices, view: CaseView): MeetingView[] =>
  view.meetings.filter((meeting) => meeting.cancelled === undefined && answersOpen(meeting, deps.clock.now()));

const datesOf = (meetings: readonly MeetingView[]): string => inWords(meetings.map((meeting) => `${formatLongDate(meeting.date)} at ${meeting.time}`));

/**
 * A member added to the core group in Teams is invited to every meeting still to come. The member is saved
 * whatever happens here: the sentence for the members card says what was sent, or that nothing could be.
 */
export async function inviteNewMember(deps: BotServices, log: Pick<Logger, 'warn'>, asker: Actor, view: CaseView, memberId: string): Promise<string> {
  const member = view.members.find((candidate) => candidate.memberId === memberId);
  const meetings = stillToCome(deps, view);
  if (member === undefined || !inTeams(member) || member.aadObjectId === asker.aadObjectId || meetings.length === 0) return '';
  try {
    for (const meeting of meetings) await queueInvitation(deps, asker.tenantId, view, meeting, member);
  } catch (error) {
    log.warn('invitations.not-queued', { caseRef: view.caseRef, memberId, ...describeError(error) });
    return `${memberName(member)} is added, but I could not invite them just now to the core group on ${datesOf(meetings)}: invite them as you do now.`;
  }
  return `${memberName(member)} is invited in Teams to the core group on ${datesOf(meetings)}.`;
}

/**
 * A member removed has each invitation still to come withdrawn: the invitation card they were sent becomes a
 * notice in place, without its answer buttons. The removal is saved whatever happens here.
 */
export async function withdrawInvitations(deps: BotServices, log: Pick<Logger, 'warn'>, asker: Actor, view: CaseView, member: Member): Promise<string> {
  const meetings = stillToCome(deps, view);
  if (!inTeams({ ...member, status: 'active' }) || member.aadObjectId === undefined || meetings.length === 0) return '';
  const recipientId = member.aadObjectId;
  try {
    for (const meeting of meetings) {
      await deps.enqueue({
        key: invitationKey(asker.tenantId, view, meeting, recipientId),
        card: { name: 'notice', data: { title: `Withdrawn: the core group for ${caseLabel(view)} on ${formatLongDate(meeting.date)} at ${meeting.time}`, message: 'You are no longer in this core group, so this invitation is withdrawn.', hint: '' } },
        tellId: view.socialWorker,
      });
    }
  } catch (error) {
    log.warn('invitations.not-withdrawn', { caseRef: view.caseRef, memberId: member.memberId, ...describeError(error) });
    return ` I could not withdraw their invitation to the core group on ${datesOf(meetings)} just now: tell them it is withdrawn.`;
  }
  return ` Their invitation to the core group on ${datesOf(meetings)} is withdrawn.`;
}

/** Who else must be told another way, and how their papers reach them. */
const outsideTeams = (summary: InvitationSummary): string =>
  summary.notInTeams.length === 0 ? '' : ` Not in Teams, so tell them another way: ${inWords(summary.notInTeams.map(({ name, route }) => `${name} (${route.toLowerCase()})`))}.`;

/**
 * Invites the group to a meeting just scheduled, or sends the invitees the new arrangements, and says so in the
 * scheduling answer. The meeting is saved whatever happens here: a failure to queue says so, and that nothing
 * else was lost.
 */
export async function inviteAndSay(deps: BotServices, log: Pick<Logger, 'warn'>, asker: Actor, caseRef: string, meetingId: string, rescheduled: boolean): Promise<string> {
  try {
    const summary = await inviteMembers(deps, asker, caseRef, meetingId);
    const sent =
      summary.invited.length === 0
        ? 'Nobody else in the core group is in Teams, so no invitation went there.'
        : rescheduled
          ? `${inWords(summary.invited)} ${summary.invited.length === 1 ? 'is' : 'are'} sent the new arrangements in Teams.`
          : `Invitations are on their way to ${inWords(summary.invited)} in Teams.`;
    return `${sent}${outsideTeams(summary)}`;
  } catch (error) {
    log.warn('invitations.not-queued', { caseRef, meetingId, ...describeError(error) });
    return `The meeting is saved, but I could not send the invitations just now: invite the members as you do now (type "members ${caseRef}" to see who they are).`;
  }
}

/** Tells each invitee in Teams that the meeting is off, through the outbox; the answer says who was told. */
export async function tellCancelled(deps: BotServices, log: Pick<Logger, 'warn'>, asker: Actor, view: CaseView, meeting: MeetingView): Promise<string> {
  const others = othersIn(view, asker);
  const told = others.filter(inTeams);
  const when = `${formatLongDate(meeting.date)} at ${meeting.time}`;
  try {
    for (const member of told) {
      await deps.enqueue({
        key: { tenantId: asker.tenantId, caseRef: view.caseRef, kind: 'cancellation', subject: meeting.meetingId, recipientId: member.aadObjectId, date: meeting.date },
        card: { name: 'notice', data: { title: `Cancelled: the core group for ${caseLabel(view)} on ${when}`, message: 'It will not take place; you will be invited to the next one.', hint: '' } },
        tellId: view.socialWorker,
      });
    }
  } catch (error) {
    log.warn('invitations.not-queued', { caseRef: view.caseRef, meetingId: meeting.meetingId, ...describeError(error) });
    return 'I could not tell the invitees just now: let them know as you do now.';
  }
  const summary = summaryOf(others);
  return `${told.length === 0 ? 'Nobody else in the core group is in Teams.' : `${inWords(summary.invited)} ${told.length === 1 ? 'is' : 'are'} told in Teams.`}${outsideTeams(summary)}`;
}
