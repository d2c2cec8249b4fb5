import { meetingDayWakeup } from '../notify/meetingDay.js';
import { describeError } from '../log.js';
import { confirmationCard, EMPTY_SCHEDULE, meetingScheduledCard, type AdaptiveCardJson } from '../../cards/index.js';
import { stillArranged } from '../../src/cases/caseChanges.js';
import type { CaseResult } from '../../src/cases/caseCommands.js';
import { TryAgain } from '../../src/cases/errors.js';
import type { Actor, MeetingArrangement } from '../../src/cases/model.js';
import { parseInput, scheduleMeetingInput, type ScheduleMeetingInput } from '../../src/cases/validation.js';
import { formatLongDate } from '../../src/time/localDate.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { MEETING_TYPE_WORDS, scheduledData } from '../views/meetings.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import { caseRequest, formRequest, meetingRequest, scheduleMeetingValues } from './forms.js';
import { inviteAndSay, tellCancelled } from './invitation.js';
import { nextCoreGroupOf, scheduleMeetingForm } from './scheduleMeetingForm.js';
import type { ActionHandler } from './types.js';

/** What a submit of the form does: schedule a new meeting, or set new arrangements for one (and say what changed). */
interface FormPurpose {
  readonly verb: 'meeting.schedule' | 'meeting.reschedule';
  /** The meeting rescheduled, named by the card; none for a new one. */
  readonly meetingId: (data: unknown) => string | undefined;
  readonly apply: (
    deps: BotServices,
    asker: Actor,
    caseRef: string,
    input: ScheduleMeetingInput,
    meetingId: string | undefined,
    key: string,
  ) => Promise<CaseResult<{ meetingId: string; changed?: readonly MeetingArrangement[] }>>;
}

/**
 * The form's submit. Refused, the same form comes back as typed with every problem beside its field and nothing
 * saved; accepted, what was arranged, with the warnings still standing. A re-sent submit (the same request id) is
 * recognised and answered from the stored meeting.
 */
const submitMeeting =
  ({ verb, meetingId: meetingOf, apply }: FormPurpose): ActionHandler =>
  async ({ asker, data, log }, deps) => {
    const { caseRef } = parseInput(caseRequest, data);
    const meetingId = meetingOf(data);
    const request = formRequest.safeParse(data);
    const typed = scheduleMeetingValues.safeParse(data);
    const form = typed.success ? typed.data : EMPTY_SCHEDULE;
    // Boxes left empty are not given: the domain says what is needed ("Give a venue or an online link").
    const checked = scheduleMeetingInput.safeParse(Object.fromEntries(Object.entries(form).filter(([, value]) => value !== '')));
    const problems = [request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
    const redraw = async (found: typeof problems, requestId?: string): Promise<AdaptiveCardJson> => {
      const view = await deps.cases.queries.getCase(asker, caseRef);
      const arranged = meetingId === undefined ? undefined : stillArranged(view.caseRef, view.meetings, meetingId);
      return scheduleMeetingForm(deps, view, { typed: form, refusal: refusalOf(EMPTY_SCHEDULE, found), requestId, arranged });
    };
    if (!request.success || !checked.success || problems.length > 0) return redraw(problems);
    try {
      const result = await apply(deps, asker, caseRef, checked.data, meetingId, `${verb}:${request.data.requestId}`);
      const meeting = result.view.meetings.find((candidate) => candidate.meetingId === result.meetingId);
      if (meeting === undefined) throw new Error(`${caseRef}: meeting ${result.meetingId} was arranged but is not in the case`);
      // Queued, not sent: the outbox's dispatcher sends them after this answer, each once however often this runs.
      const next = await inviteAndSay(deps, log, asker, caseRef, meeting.meetingId, result.changed !== undefined);
      // The reports pack on the meeting's morning (a moved meeting's earlier wake-up finds the date changed and does
      // nothing). Not arranged, only that push is lost: "reports CP-1042" still shows the pack.
      await deps.wakeAt(meetingDayWakeup(asker.tenantId, result.view, meeting)).catch((error: unknown) => log.warn('reports-pack.not-arranged', { caseRef, meetingId: meeting.meetingId, ...describeError(error) }));
      return meetingScheduledCard(scheduledData(result.view, meeting, nextCoreGroupOf(deps, result.view).warn(meeting), next, result.changed));
    } catch (error) {
      const found = fixableOnForm(error);
      // Storage that just failed cannot draw the form's members again: the error card says nothing was saved, to try again.
      if (found === undefined || error instanceof TryAgain) throw error;
      return redraw(found, request.data.requestId);
    }
  };

/** verb meeting.schedule: the form's Schedule. */
export const scheduleMeetingAction = submitMeeting({
  verb: 'meeting.schedule',
  meetingId: () => undefined,
  apply: (deps, asker, caseRef, input, _meetingId, key) => deps.cases.commands.scheduleMeeting(asker, caseRef, input, { idempotencyKey: key }),
});

/** verb meeting.reschedule: the form's Reschedule, for a meeting already arranged; the answer says what changed. */
export const rescheduleMeetingAction = submitMeeting({
  verb: 'meeting.reschedule',
  meetingId: (data) => parseInput(meetingRequest, data).meetingId,
  apply: (deps, asker, caseRef, input, meetingId, key) =>
    deps.cases.commands.rescheduleMeeting(asker, caseRef, { ...input, meetingId: meetingId ?? '' }, { idempotencyKey: key }),
});

/** verb meeting.cancel: "Cancel this core group" on the reschedule form. The meeting stays on the case, marked cancelled. */
export const cancelMeetingAction: ActionHandler = async ({ asker, data, log }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const { requestId } = parseInput(formRequest, data);
  const { view } = await deps.cases.commands.cancelMeeting(asker, caseRef, { meetingId }, { idempotencyKey: `meeting.cancel:${requestId}` });
  const meeting = view.meetings.find((candidate) => candidate.meetingId === meetingId);
  if (!meeting) throw new Error(`${caseRef}: meeting ${meetingId} was cancelled but is not in the case`);
  const told = await tellCancelled(deps, log, asker, view, meeting);
  return confirmationCard({
    title: `${meetingId} is cancelled for ${caseLabel(view)}`,
    message: `The ${MEETING_TYPE_WORDS[meeting.type].toLowerCase()} on ${formatLongDate(meeting.date)} at ${meeting.time} is cancelled; it stays on the case's record.`,
    hint: `${told} To arrange another, type "schedule ${view.caseRef}".`,
  });
};
