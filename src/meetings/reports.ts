import type { Answer, CaseView, MeetingView, Member } from '../cases/model.js';
import { compareDates } from '../time/localDate.js';

/**
 * The reports pack (seed 002's agenda item "reports provided by those unable to attend"): for one meeting, what
 * each member sent in writing (or said was given verbally), and who has neither answered nor sent anything.
 */

/** How a meeting stands for its pack's title: the next one waiting, the last held when none is waiting, or any other. */
export type ReportsMeetingKind = 'next' | 'last-held' | 'held' | 'arranged' | 'cancelled';

const waiting = (meeting: MeetingView): boolean => !meeting.held && !meeting.cancelled;
const heldOn = (meeting: MeetingView) => meeting.held?.heldOn ?? meeting.date;

/** The meeting "reports CP-1042" means: the next not held and not cancelled, else the last held; none when neither exists. */
export function meetingForReports(meetings: readonly MeetingView[]): MeetingView | undefined {
  const [next] = meetings.filter(waiting).sort((a, b) => compareDates(a.date, b.date) || a.time.localeCompare(b.time));
  if (next) return next;
  return meetings.filter((meeting) => meeting.held).sort((a, b) => compareDates(heldOn(b), heldOn(a)))[0];
}

export function reportsMeetingKind(meetings: readonly MeetingView[], meeting: MeetingView): ReportsMeetingKind {
  if (meetingForReports(meetings)?.meetingId === meeting.meetingId) return meeting.held ? 'last-held' : 'next';
  if (meeting.held) return 'held';
  return meeting.cancelled ? 'cancelled' : 'arranged';
}

export interface MeetingReport {
  readonly member: Member;
  readonly answer: Answer;
}

export interface ReportsPack {
  /** Apologies (whatever came with them) and joint-report contributions, in member order. */
  readonly reports: readonly MeetingReport[];
  /** Active members who have not answered: everyone invited, so everyone but the social worker who runs the meeting. */
  readonly awaited: readonly Member[];
}

const byNumber = (id: string): number => Number(id.replace(/^\D+/, ''));

/**
 * What a meeting's pack holds. A member who answered and was removed later keeps their report: it was sent for
 * this meeting. "Attending" with nothing written is an answer but no report.
 */
export function reportsPackOf(view: Pick<CaseView, 'members' | 'socialWorker'>, meeting: MeetingView): ReportsPack {
  const memberOf = new Map(view.members.map((member) => [member.memberId, member]));
  const reports = meeting.answers
    .filter((answer) => answer.response === 'apologies' || answer.contribution !== undefined)
    .sort((a, b) => byNumber(a.memberId) - byNumber(b.memberId))
    .flatMap((answer) => {
      const member = memberOf.get(answer.memberId);
      return member ? [{ member, answer }] : [];
    });
  const answered = new Set(meeting.answers.map((answer) => answer.memberId));
  const awaited = view.members.filter((member) => member.status === 'active' && member.aadObjectId !== view.socialWorker && !answered.has(member.memberId));
  return { reports, awaited };
}
