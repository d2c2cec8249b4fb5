import type { Choice, MeetingScheduledData } from '../../cards/index.js';
import { MeetingNotFound } from '../../src/cases/errors.js';
import { isFamilyMember, MEETING_TYPES, type CaseView, type Meeting, type MeetingArrangement, type MeetingType, type MeetingView, type Member, type ProfessionalMember } from '../../src/cases/model.js';
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

/** A meeting as a title or sentence names it: "First core group", "Core group" (answers, invitations, the record form). */
export const MEETING_NAMES: Readonly<Record<MeetingType, string>> = {
  first: 'First core group',
  subsequent: 'Core group',
  'last-before-review': 'Last core group before the review conference',
};

/** The meeting a card names, as the asker may see it; a card naming no such meeting is refused. */
export function meetingIn(view: Pick<CaseView, 'caseRef' | 'meetings'>, meetingId: string): MeetingView {
  const meeting = view.meetings.find((candidate) => candidate.meetingId === meetingId);
  if (!meeting) throw new MeetingNotFound(view.caseRef, meetingId);
  return meeting;
}

export const MEETING_TYPE_CHOICES: readonly Choice[] = MEETING_TYPES.map((type) => ({ title: MEETING_TYPE_WORDS[type], value: type }));

/** Who may chair or take notes: the case's current professionals, never the family. */
const meetingRunners = (view: Pick<CaseView, 'members'>): ProfessionalMember[] =>
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

/** The arrangements as a sentence names them: "the date and time". */
const ARRANGEMENT_WORDS: Readonly<Record<MeetingArrangement, string>> = {
  date: 'date',
  time: 'time',
  venue: 'venue',
  onlineLink: 'online link',
  type: 'meeting type',
  chair: 'chair',
  noteTaker: 'note taker',
};

/** "a, b and c". */
export const inWords = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * What was scheduled (or, given what changed, rescheduled), from the stored meeting, so a re-sent submit is answered
 * in the same words.
 */
/** `next`: what became of the invitations (bot/actions/invitation.ts). */
export function scheduledData(view: CaseView, meeting: Meeting, warnings: readonly SchedulingWarning[], next: string, changed?: readonly MeetingArrangement[]): MeetingScheduledData {
  const facts = [
    { title: 'Date', value: formatLongDate(meeting.date) },
    { title: 'Time', value: meeting.time },
    ...(meeting.venue !== undefined ? [{ title: 'Venue', value: meeting.venue }] : []),
    ...(meeting.onlineLink !== undefined ? [{ title: 'Online link', value: meeting.onlineLink }] : []),
    { title: 'Type', value: MEETING_TYPE_WORDS[meeting.type] },
    { title: 'Chair', value: personOf(view, meeting.chair) },
    { title: 'Note taker', value: personOf(view, meeting.noteTaker) },
  ];
  const what = `${MEETING_TYPE_WORDS[meeting.type]} (${meeting.meetingId})`;
  return {
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    title: `Core group ${changed ? 'rescheduled' : 'scheduled'} for ${caseLabel(view)}`,
    message: changed ? `${what}: the ${inWords(changed.map((field) => ARRANGEMENT_WORDS[field]))} changed.` : `${what}.`,
    facts,
    warnings: warnings.map(({ text }) => ({ text })),
    next,
  };
}
