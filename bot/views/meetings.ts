import type { Choice, MeetingScheduledData } from '../../cards/index.js';
import { isFamilyMember, MEETING_TYPES, type CaseView, type Meeting, type MeetingType, type Member, type ProfessionalMember } from '../../src/cases/model.js';
import type { SchedulingWarning } from '../../src/meetings/warnings.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { caseLabel } from './caseSummary.js';
import { memberWithRole } from './members.js';

/** Each meeting type as people read it; the type sets the meeting's agenda (seed 002's three). */
export const MEETING_TYPE_WORDS: Readonly<Record<MeetingType, string>> = {
  first: 'First core group',
  subsequent: 'Subsequent core group',
  'last-before-review': 'Last core group before the review conference',
};

export const MEETING_TYPE_CHOICES: readonly Choice[] = MEETING_TYPES.map((type) => ({ title: MEETING_TYPE_WORDS[type], value: type }));

/** Who may chair or take notes: the case's current professionals, never the family. */
export const meetingRunners = (view: Pick<CaseView, 'members'>): ProfessionalMember[] =>
  view.members.filter((member): member is ProfessionalMember => member.status === 'active' && !isFamilyMember(member));

/** "Sam Worker, Children's social care · social worker": a professional with the role they hold on the case, if any. */
function runnerTitle(view: Pick<CaseView, 'socialWorker' | 'teamManager' | 'chair'>, member: ProfessionalMember): string {
  const held = [
    member.aadObjectId === view.socialWorker && 'social worker',
    member.aadObjectId === view.teamManager && 'team manager',
    member.aadObjectId === view.chair && 'conference chair',
  ].filter((role) => role !== false);
  return `${member.displayName}, ${member.agency}${held.length > 0 ? ` · ${held.join(' and ')}` : ''}`;
}

export const runnerChoices = (view: CaseView): Choice[] => meetingRunners(view).map((member) => ({ title: runnerTitle(view, member), value: member.memberId }));

const personOf = (view: CaseView, memberId: string | undefined): string => {
  const member: Member | undefined = view.members.find((candidate) => candidate.memberId === memberId);
  return member ? memberWithRole(member) : 'Not chosen yet';
};

/** What was scheduled, from the stored meeting, so a re-sent submit is answered in the same words. */
export function scheduledData(view: CaseView, meeting: Meeting, warnings: readonly SchedulingWarning[]): MeetingScheduledData {
  const facts = [
    { title: 'Date', value: formatLongDate(meeting.date) },
    { title: 'Time', value: meeting.time },
    ...(meeting.venue !== undefined ? [{ title: 'Venue', value: meeting.venue }] : []),
    ...(meeting.onlineLink !== undefined ? [{ title: 'Online link', value: meeting.onlineLink }] : []),
    { title: 'Type', value: MEETING_TYPE_WORDS[meeting.type] },
    { title: 'Chair', value: personOf(view, meeting.chair) },
    { title: 'Note taker', value: personOf(view, meeting.noteTaker) },
  ];
  return {
    caseRef: view.caseRef,
    title: `Core group scheduled for ${caseLabel(view)}`,
    message: `${MEETING_TYPE_WORDS[meeting.type]} (${meeting.meetingId}).`,
    facts,
    warnings: warnings.map(({ text }) => ({ text })),
    // Invitations come with the delivery path: until then the social worker invites the members.
    next: 'I do not send invitations yet: invite the core group members as you do now, and type "members ' + view.caseRef + '" to see who they are.',
  };
}
