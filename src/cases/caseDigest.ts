import type { LocalDate } from '../time/localDate.js';
import type { CaseEvent } from '../timeline/events.js';
import { caseEvents } from './caseEvents.js';
import type { CaseState, Meeting, Member } from './model.js';

/**
 * What the case row repeats from the case's other rows, so that answers over many cases ("when is the next core
 * group due?" for a caseload) read one row per case, a point read, instead of each case's whole partition.
 * Written with the case row, in the change's own transaction, so it is never stale: every change that adds or
 * removes a member, holds a meeting or records an event rewrites the case row (the service checks this; answers,
 * the one change that leaves the case row alone, touch neither).
 */
export interface CaseDigest {
  /** Entra ids of the active Teams members: with the case row's social worker, team manager and chair, everyone with a role. */
  readonly memberIds: readonly string[];
  /** The timeline engine's input, as caseEvents derives it from the whole case. */
  readonly events: readonly CaseEvent[];
  /** The core group scheduled next, for answers to show beside its due date. */
  readonly nextMeeting: ScheduledMeeting | null;
}

/** A meeting arranged and not yet recorded as held: when it is, not where or who (answers over a caseload need no more). */
export interface ScheduledMeeting {
  readonly meetingId: string;
  readonly date: LocalDate;
  /** HH:MM, Europe/London. */
  readonly time: string;
}

/** The earliest meeting not yet recorded as held nor cancelled, passed or not (a past one is still waiting to be recorded). */
export function nextScheduled(meetings: readonly Meeting[]): ScheduledMeeting | null {
  const waiting = meetings.filter((meeting) => meeting.held === undefined && meeting.cancelled === undefined);
  const [first] = waiting.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return first === undefined ? null : { meetingId: first.meetingId, date: first.date, time: first.time };
}

export function caseDigest(state: CaseState): CaseDigest {
  const memberIds = state.members.flatMap((member) => (member.status === 'active' && member.aadObjectId !== undefined ? [member.aadObjectId] : []));
  return { memberIds, events: caseEvents(state), nextMeeting: nextScheduled(state.meetings) };
}

/** The digest's members as roles are checked against them: all active. */
export function digestMembers(digest: CaseDigest): ReadonlyArray<Pick<Member, 'status' | 'aadObjectId'>> {
  return digest.memberIds.map((aadObjectId) => ({ status: 'active', aadObjectId }));
}
