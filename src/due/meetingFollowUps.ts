import type { CaseView, Meeting, MeetingView } from '../cases/model.js';
import { compareDates, type LocalDate } from '../time/localDate.js';
import { isMetByEvent, MET_BY, type CaseEventKind, type Obligation, type Timeline } from '../timeline/index.js';

/**
 * The meeting "record the core group" is about: one scheduled on or before today, not cancelled and not yet recorded, the latest
 * such (or the one on the day named, if there is one); none when nothing is waiting to be recorded.
 */
export function meetingToRecord<M extends Meeting>(view: { readonly meetings: readonly M[] }, today: LocalDate, on?: LocalDate): M | undefined {
  // A cancelled meeting was never held, so there is nothing of it to record.
  const waiting = view.meetings.filter((meeting) => meeting.held === undefined && meeting.cancelled === undefined && compareDates(meeting.date, today) <= 0);
  const named = on === undefined ? undefined : waiting.find((meeting) => meeting.date === on);
  return named ?? waiting.sort((a, b) => compareDates(b.date, a.date))[0];
}

/**
 * The meeting "send my apologies" is about: the next one arranged from today on, neither held nor cancelled (or
 * the one on the day named, if there is one).
 */
export function meetingToAnswer(view: Pick<CaseView, 'meetings'>, today: LocalDate, on?: LocalDate): MeetingView | undefined {
  const coming = view.meetings.filter((meeting) => meeting.held === undefined && meeting.cancelled === undefined && compareDates(meeting.date, today) >= 0);
  const named = on === undefined ? undefined : coming.find((meeting) => meeting.date === on);
  return named ?? coming.sort((a, b) => compareDates(a.date, b.date))[0];
}

/** The latest core group recorded as held: the one whose paperwork is asked about. */
export function lastHeldMeeting(view: Pick<CaseView, 'meetings'>): MeetingView | undefined {
  const held = view.meetings.flatMap((meeting) => (meeting.held ? [{ meeting, on: meeting.held.heldOn }] : []));
  return held.sort((a, b) => compareDates(b.on, a.on))[0]?.meeting;
}

/** One thing the engine started when a core group was held (plan updated, minutes, a joint-report step), and the event that records it. */
export interface FollowUp {
  readonly obligation: Obligation;
  readonly event: CaseEventKind;
}

/** What a core group held on `heldOn` started, in due order, met or not: the follow-up card's lines. */
export function followUpsOf(timeline: Timeline, heldOn: LocalDate): FollowUp[] {
  return timeline.obligations.flatMap((obligation) => (obligation.follows === heldOn && isMetByEvent(obligation.kind) ? [{ obligation, event: MET_BY[obligation.kind] }] : []));
}
