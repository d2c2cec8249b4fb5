import { EMPTY_SCHEDULE, noErrors, scheduleMeetingFormCard, type AdaptiveCardJson, type ScheduleMeetingValues } from '../../cards/index.js';
import { authorize } from '../../src/cases/authorization.js';
import { stillArranged } from '../../src/cases/caseChanges.js';
import { Conflict } from '../../src/cases/errors.js';
import type { Actor, CaseView, Meeting } from '../../src/cases/model.js';
import { LIMITS, parseInput } from '../../src/cases/validation.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { proposeMeeting, type MeetingProposal } from '../../src/meetings/proposal.js';
import { proposedChair, schedulingWarnings, type ChosenMeeting, type SchedulingWarning } from '../../src/meetings/warnings.js';
import { formatLongDate, isLocalDate } from '../../src/time/localDate.js';
import { describeObligation, describeStatus } from '../../src/timeline/index.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { MEETING_TYPE_CHOICES, runnerChoices } from '../views/meetings.js';
import type { Refusal } from './formErrors.js';
import { caseRequest, meetingRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/** The core group a meeting on this case would meet, on the case's own calendar; the plan ended, there is none. */
export function nextCoreGroupOf(deps: BotServices, view: CaseView): { proposal: MeetingProposal; warn: (chosen: ChosenMeeting) => SchedulingWarning[] } {
  const calendar = deps.calendars[deps.policies.require(view.policyId).nation];
  const proposal = proposeMeeting(timelineOfCase(view, deps.clock.today(), deps), calendar);
  if (proposal === null) throw new Conflict(`The plan for case ${view.caseRef} has ended, so no core group falls due to schedule.`);
  return { proposal, warn: (chosen) => schedulingWarnings(view, chosen, proposal.due, calendar) };
}

/** What the rules look at in a form as typed: a date only once it is one, a person only once chosen. */
function chosenOf(values: ScheduleMeetingValues, meetingId: string | undefined): ChosenMeeting {
  const given = (value: string) => (value === '' ? undefined : value);
  return { meetingId, date: isLocalDate(values.date) ? values.date : undefined, chair: given(values.chair), noteTaker: given(values.noteTaker) };
}

/** The arrangements of a meeting as the form shows them: empty boxes for what is not set. */
const valuesOf = (meeting: Meeting): ScheduleMeetingValues => ({
  date: meeting.date,
  time: meeting.time,
  venue: meeting.venue ?? '',
  onlineLink: meeting.onlineLink ?? '',
  type: meeting.type,
  chair: meeting.chair ?? '',
  noteTaker: meeting.noteTaker ?? '',
});

/** A form drawn again (as typed, with why it was refused, under its request id), or for a meeting already arranged. */
export interface FormState {
  readonly typed?: ScheduleMeetingValues | undefined;
  readonly refusal?: Refusal<ScheduleMeetingValues> | undefined;
  readonly requestId?: string | undefined;
  /** To reschedule: the meeting as it is arranged. */
  readonly arranged?: Meeting | undefined;
}

/**
 * The scheduling form: the date and type the timeline proposes and the chair the procedure names (or, to
 * reschedule, the meeting as arranged, with Cancel), or (refused) the form exactly as typed with each problem beside
 * its field; the warnings for what it shows, above the submit. Nothing on it identifies a family: chair and note
 * taker are professionals, the rest is the meeting's own.
 */
export function scheduleMeetingForm(
  deps: BotServices,
  view: CaseView,
  { typed, refusal, requestId = deps.newRequestId(), arranged }: FormState = {},
): AdaptiveCardJson {
  authorize(new Set(view.viewer.roles), arranged ? 'reschedule-meeting' : 'schedule-meeting', view.caseRef);
  const { proposal, warn } = nextCoreGroupOf(deps, view);
  const { due } = proposal;
  const proposed = { ...EMPTY_SCHEDULE, date: proposal.date, type: proposal.type, chair: proposedChair(view, due) ?? '' };
  const values = typed ?? (arranged ? valuesOf(arranged) : proposed);
  return scheduleMeetingFormCard({
    caseRef: view.caseRef,
    title: arranged ? `Reschedule ${arranged.meetingId} for ${caseLabel(view)}` : `Schedule a core group for ${caseLabel(view)}`,
    meetingId: arranged?.meetingId ?? '',
    submit: arranged ? { verb: 'meeting.reschedule', title: 'Reschedule' } : { verb: 'meeting.schedule', title: 'Schedule' },
    canCancel: arranged !== undefined,
    due: `${describeObligation(due)} ${due.firmness === 'target' ? 'target date' : 'due by'} ${formatLongDate(due.due)} (${describeStatus(due)})`,
    basis: due.basis,
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? noErrors(EMPTY_SCHEDULE),
    values,
    types: MEETING_TYPE_CHOICES,
    people: runnerChoices(view),
    limits: { venue: LIMITS.venue, link: LIMITS.link },
    warnings: warn(chosenOf(values, arranged?.meetingId)).map(({ text }) => ({ text })),
    requestId,
  });
}

/** The form for one case, for the message ("schedule CP-1042") and the due card's button alike. */
export const scheduleFormFor = async (deps: BotServices, asker: Actor, caseRef: string): Promise<AdaptiveCardJson> =>
  scheduleMeetingForm(deps, await deps.cases.queries.getCase(asker, caseRef));

/** verb meeting.scheduleForm: "Schedule a core group" on an answer about one case; only for those who may schedule. */
export const scheduleMeetingFormAction: ActionHandler = async ({ asker, data }, deps) => scheduleFormFor(deps, asker, parseInput(caseRequest, data).caseRef);

/** verb meeting.rescheduleForm: "Change the arrangements" on a scheduled meeting: the form as it is arranged, with Cancel. */
export const rescheduleMeetingFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  return scheduleMeetingForm(deps, view, { arranged: stillArranged(view.caseRef, view.meetings, meetingId) });
};
