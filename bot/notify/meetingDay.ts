import type { CaseQueries } from '../../src/cases/caseQueries.js';
import { CaseNotFound } from '../../src/cases/errors.js';
import type { CaseView, MeetingView } from '../../src/cases/model.js';
import type { OutboxRequest } from '../../src/delivery/outboxItem.js';
import type { Wakeup } from '../../src/delivery/wakeups.js';
import { londonInstant } from '../../src/time/clock.js';
import type { Logger } from '../log.js';
import { reportsPackParts } from '../views/reports.js';

/** When on the meeting day the pack goes: before the working day starts, whatever time the meeting is. */
export const REPORTS_PACK_TIME = '07:30';

/** The wake-up that sends a meeting's reports pack on its morning; arranged again whenever the meeting moves. */
export const meetingDayWakeup = (tenantId: string, view: Pick<CaseView, 'caseRef' | 'socialWorker'>, meeting: Pick<MeetingView, 'meetingId' | 'date'>) =>
  ({ kind: 'meeting-day', tenantId, caseRef: view.caseRef, meetingId: meeting.meetingId, date: meeting.date, socialWorker: view.socialWorker, at: londonInstant(meeting.date, REPORTS_PACK_TIME).toISOString() }) as const;

/** Who gets the pack: the social worker, and the meeting's chair and note taker while they are members in Teams. */
function recipientsOf(view: CaseView, meeting: MeetingView): string[] {
  const inTeams = (memberId: string | undefined) => view.members.find((member) => member.memberId === memberId && member.status === 'active')?.aadObjectId;
  const ids = [view.socialWorker, inTeams(meeting.chair), inTeams(meeting.noteTaker)].filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

export interface MeetingDayDeps {
  readonly cases: Pick<CaseQueries, 'getCase'>;
  readonly enqueue: (request: OutboxRequest) => Promise<unknown>;
  readonly log: Pick<Logger, 'info'>;
}

/**
 * On a meeting's morning: the reports pack (issue 9: every written update received, and who has sent nothing), as
 * the social worker sees the case then, to the social worker, chair and note taker, through the outbox (kind
 * `reports-pack`, one row per part and person, keyed by the meeting's date). A meeting moved, called off or
 * already recorded since the wake-up was arranged is left alone; so is a case no longer its social worker's.
 */
export function meetingDayHandler(deps: MeetingDayDeps): (due: Wakeup) => Promise<void> {
  return async (due) => {
    let view: CaseView;
    try {
      view = await deps.cases.getCase({ tenantId: due.tenantId, aadObjectId: due.socialWorker }, due.caseRef);
    } catch (error) {
      if (!(error instanceof CaseNotFound)) throw error;
      deps.log.info('meeting-day.case-gone', { caseRef: due.caseRef, meetingId: due.meetingId });
      return;
    }
    const meeting = view.meetings.find((candidate) => candidate.meetingId === due.meetingId);
    if (!meeting || meeting.cancelled || meeting.held || meeting.date !== due.date) return;
    const parts = reportsPackParts(view, meeting);
    for (const recipientId of recipientsOf(view, meeting)) {
      for (const [index, data] of parts.entries()) {
        await deps.enqueue({
          key: { tenantId: due.tenantId, caseRef: view.caseRef, kind: 'reports-pack', subject: `${meeting.meetingId}-${index + 1}`, recipientId, date: meeting.date },
          card: { name: 'reportsPack', data: { ...data } },
          tellId: view.socialWorker,
        });
      }
    }
  };
}
