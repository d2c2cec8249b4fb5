import type { InvitationData } from '../../cards/index.js';
import type { Member, MeetingView } from '../../src/cases/model.js';
import { answersOpen } from '../../src/due/meetingTimes.js';
import { agendaFor } from '../../src/policy/agendas.js';
import type { PolicyProfile } from '../../src/policy/schema.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { caseLabel } from './caseSummary.js';
import { MEETING_NAMES } from './meetings.js';
import { memberName } from './members.js';

/** What the member answered, in their words; '' before they answer. */
function answerLine(meeting: MeetingView, member: Member): string {
  const answer = meeting.answers.find((candidate) => candidate.memberId === member.memberId);
  if (!answer) return '';
  return answer.response === 'attending' ? 'Your answer: attending' : 'Your answer: apologies, with your written update';
}

export interface InvitationFor {
  readonly view: { readonly caseRef: string; readonly alias?: string; readonly members: readonly Member[] };
  readonly meeting: MeetingView;
  readonly member: Member & { readonly aadObjectId: string };
  readonly profile: Pick<PolicyProfile, 'agendas' | 'name'>;
  readonly now: Date;
  readonly requestId: string;
}

/** One member's invitation as it stands for them now: the meeting, its agenda, their answer, and whether they may still answer. */
export function invitationData({ view, meeting, member, profile, now, requestId }: InvitationFor): InvitationData {
  const byId = (memberId: string | undefined) => view.members.find((candidate) => candidate.memberId === memberId);
  const chair = byId(meeting.chair);
  const agenda = agendaFor(profile, meeting.type);
  return {
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    recipientId: member.aadObjectId,
    title: `${MEETING_NAMES[meeting.type]} for ${caseLabel(view)}`,
    facts: [
      { title: 'When', value: `${formatLongDate(meeting.date)} at ${meeting.time}` },
      { title: 'Where', value: meeting.venue ?? 'Online' },
      ...(chair ? [{ title: 'Chair', value: memberName(chair) }] : []),
    ],
    onlineLink: meeting.onlineLink ?? '',
    agenda: agenda.items.map((item, index) => ({ text: `${index + 1}. ${item}` })),
    agendaSource: `Agenda: ${agenda.citation.document}`,
    answer: answerLine(meeting, member),
    canAnswer: answersOpen(meeting, now),
    requestId,
  };
}
