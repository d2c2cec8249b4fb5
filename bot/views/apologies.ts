import { answerCard, type AdaptiveCardJson, type AnswerCardData, type AnswerSection } from '../../cards/index.js';
import { CONTRIBUTION_LABELS, UPDATE_PART_LABELS } from '../../src/cases/apologies.js';
import { CONTRIBUTION_HEADINGS, WRITTEN_UPDATE_PARTS, type Answer, type CaseView, type Meeting, type Member } from '../../src/cases/model.js';
import { answersOpen } from '../../src/due/meetingTimes.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { caseLabel } from './caseSummary.js';
import { runsWithinBudget } from './cardBudget.js';
import { MEETING_NAMES } from './meetings.js';
import { memberWithRole } from './members.js';

/** "Core group, Tue 2 Mar 2027 at 10:00": the meeting as every answer card and form names it. */
export const meetingLine = (meeting: Meeting): string => `${MEETING_NAMES[meeting.type]}, ${formatLongDate(meeting.date)} at ${meeting.time}`;


/** What was written, part by part, under the procedure's headings; parts left empty are left out. */
export function sectionsOf(answer: Answer): AnswerSection[] {
  const update = WRITTEN_UPDATE_PARTS.map((part) => ({ heading: UPDATE_PART_LABELS[part], text: answer.update?.[part] ?? '' }));
  const contribution = CONTRIBUTION_HEADINGS.map((heading) => ({ heading: `Joint report: ${CONTRIBUTION_LABELS[heading].label}`, text: answer.contribution?.[heading] ?? '' }));
  return [...update, ...contribution].filter((section) => section.text !== '');
}

export type CaseNames = Pick<CaseView, 'caseRef' | 'alias' | 'socialWorker'>;

/** Sentences about how the answer came: on someone's behalf (by whom), or a verbal update and whether it was confirmed. */
export function howItCame(view: CaseNames, answer: Answer): string[] {
  const notes: string[] = [];
  const recorder = answer.answeredBy === view.socialWorker ? 'the social worker' : 'the team manager';
  if (answer.onBehalf) notes.push(`Recorded on their behalf by ${recorder}, from what they sent outside Teams (secure email or another route).`);
  if (answer.verbalUpdate) {
    notes.push(answer.verbalUpdate.confirmedBy ? 'A verbal update was given to the social worker, who has confirmed it.' : 'A verbal update was given to the social worker instead of a written one: awaiting their confirmation.');
  }
  return notes;
}

/** The answer as the member who sent it sees it (or the social worker who recorded it for them), changeable until the meeting starts. */
export function ownAnswerData(view: CaseNames, meeting: Meeting, member: Member, answer: Answer, now: Date, told: readonly string[] = []): AnswerCardData {
  const said = answer.response === 'attending' ? 'attending' : 'apologies';
  return {
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    memberId: member.memberId,
    title: answer.onBehalf ? `Recorded for ${memberWithRole(member)}: ${said}` : answer.response === 'attending' ? 'You are attending' : 'You sent apologies',
    caseLabel: caseLabel(view),
    meeting: meetingLine(meeting),
    notes: [...howItCame(view, answer), ...told],
    sections: sectionsOf(answer),
    canChange: answersOpen(meeting, now),
    changeFor: answer.onBehalf ? member.memberId : '',
    canConfirmVerbal: false,
  };
}

/** The answer as it reaches the social worker and the note taker; the social worker may confirm a verbal update from it. */
export function receivedAnswerData(view: CaseNames, meeting: Meeting, member: Member, answer: Answer, forSocialWorker: boolean): AnswerCardData {
  const who = memberWithRole(member);
  return {
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    memberId: member.memberId,
    title: answer.response === 'apologies' ? `${who} sent apologies` : `${who} is attending and sent their joint-report contribution`,
    caseLabel: caseLabel(view),
    meeting: meetingLine(meeting),
    notes: howItCame(view, answer),
    sections: sectionsOf(answer),
    canChange: false,
    changeFor: '',
    canConfirmVerbal: forSocialWorker && answer.verbalUpdate !== undefined && answer.verbalUpdate.confirmedBy === undefined,
  };
}

/** The sections in order, in as few runs as keep each card within the budget. */
const runsOf = (data: AnswerCardData): AnswerSection[][] => runsWithinBudget(data.sections, (sections) => answerCard({ ...data, sections }));

/**
 * An answer as one card's data or, when what was written is too long for one card (a written update may run to
 * 8,000 characters a part), as several in order ("1 of 2"), each within the budget, each with its heading and buttons.
 */
export function answerParts(data: AnswerCardData): [AnswerCardData, ...AnswerCardData[]] {
  const [first, ...rest] = runsOf(data);
  if (first === undefined || rest.length === 0) return [data];
  const part = (sections: AnswerSection[], index: number) => ({ ...data, title: `${data.title} (${index + 1} of ${rest.length + 1})`, sections });
  return [part(first, 0), ...rest.map((sections, index) => part(sections, index + 1))];
}

const NOT_ALL_SHOWN = 'What you wrote is too long to show here in full; all of it was saved, and the social worker has it.';

/** The member's own answer in one card (an invoke answers with one): the parts that fit, saying the rest was saved. */
export function ownAnswerCard(data: AnswerCardData): AdaptiveCardJson {
  const shortened = { ...data, notes: [...data.notes, NOT_ALL_SHOWN] };
  const [first, ...rest] = runsOf(shortened);
  return rest.length === 0 ? answerCard(data) : answerCard({ ...shortened, sections: first ?? [] });
}
