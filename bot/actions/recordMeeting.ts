import { z } from 'zod';
import {
  EMPTY_RECORD,
  followUpsCard,
  recordMeetingFormCard,
  type AdaptiveCardJson,
  type AttendanceLine,
  type FollowUpLine,
  type RecordMeetingValues,
} from '../../cards/index.js';
import { authorize, CASE_OPERATIONS, isAllowed } from '../../src/cases/authorization.js';
import { MeetingNotFound, TryAgain } from '../../src/cases/errors.js';
import { isFamilyMember, RECORDED_EVENT_KINDS, type Actor, type Answer, type CaseView, type MeetingView, type Member } from '../../src/cases/model.js';
import { LIMITS, parseInput, recordMeetingHeldInput } from '../../src/cases/validation.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { followUpsOf } from '../../src/due/meetingFollowUps.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { describeObligation, describeStatus, ROLE_LABEL, type Obligation } from '../../src/timeline/index.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { meetingIn, MEETING_NAMES } from '../views/meetings.js';
import { memberName, memberWithRole } from '../views/members.js';
import { fixableOnForm, problemsOf, refusalOf, type Problem, type Refusal } from './formErrors.js';
import { ATTENDANCE_INPUT, DONE_INPUT, formRequest, inputsNamed, meetingRequest, recordMeetingValues } from './forms.js';
import type { ActionHandler } from './types.js';


/** What the member's own answer said, so the social worker sees it beside their attendance. */
function answerWords(answer: Answer | undefined): string {
  if (!answer) return 'no answer';
  if (answer.response === 'attending') return 'said they would attend';
  return answer.update ? 'sent apologies with a written update' : 'sent apologies without a written update';
}

/** What the meeting's answers suggest each member did: the social worker confirms or corrects it. */
const ATTENDANCE_FROM_ANSWER: Readonly<Record<Answer['response'], string>> = { attending: 'attended', apologies: 'apologies' };

type RecordErrors = Refusal<RecordMeetingValues & { readonly attendance: string }>;
const EMPTY_ERRORS = { ...EMPTY_RECORD, attendance: '' };

/** The record form: each member's attendance pre-set from their answer, the chair and note taker from the scheduling. */
function recordForm(
  deps: BotServices,
  view: CaseView,
  meeting: MeetingView,
  typed?: { values: RecordMeetingValues; attendance: ReadonlyMap<string, string> },
  refusal?: RecordErrors,
  requestId = deps.newRequestId(),
): AdaptiveCardJson {
  const active = view.members.filter((member) => member.status === 'active');
  const answerOf = (member: Member) => meeting.answers.find((answer) => answer.memberId === member.memberId);
  const members: AttendanceLine[] = active.map((member) => {
    const answer = answerOf(member);
    return {
      inputId: `${ATTENDANCE_INPUT}${member.memberId}`,
      label: `${memberWithRole(member)}: ${answerWords(answer)}`,
      value: typed?.attendance.get(member.memberId) ?? (answer ? ATTENDANCE_FROM_ANSWER[answer.response] : ''),
    };
  });
  return recordMeetingFormCard({
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    title: `Record the ${MEETING_NAMES[meeting.type].toLowerCase()} of ${formatLongDate(meeting.date)} for ${caseLabel(view)}`,
    subtitle: 'Check who came against what each member answered; recording it starts the clocks for the plan, the minutes and the record.',
    members,
    people: active.filter((member) => !isFamilyMember(member)).map((member) => ({ title: memberName(member), value: member.memberId })),
    limits: { note: LIMITS.note },
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? EMPTY_ERRORS,
    values: typed?.values ?? { ...EMPTY_RECORD, heldOn: meeting.date, chair: meeting.chair ?? '', noteTaker: meeting.noteTaker ?? '' },
    requestId,
  });
}

/** The follow-up obligations' words: what, and where it stands. */
function statusOf(obligation: Obligation): string {
  if (obligation.status === 'met') return `Done ${formatLongDate(obligation.metOn!)}`;
  const owner = ROLE_LABEL[obligation.owner];
  if (obligation.firmness === 'undated') return `Owed after the meeting; the procedure sets no timescale · ${owner}`;
  const status = describeStatus(obligation);
  return `${status.charAt(0).toUpperCase()}${status.slice(1)}: due by ${formatLongDate(obligation.due)} · ${owner}`;
}

/** What follows the meeting held: one line per obligation the engine started, with a date and Record for those the asker may record. */
/** `notice` may be worked out from the lines drawn (what was just recorded, in the card's own words). */
function followUpsFor(deps: BotServices, view: CaseView, meeting: MeetingView, notice: string | ((lines: readonly FollowUpLine[]) => string) = '', error = ''): AdaptiveCardJson {
  const held = meeting.held;
  if (!held) throw new MeetingNotFound(view.caseRef, meeting.meetingId);
  const allowed = new Set(view.viewer.roles);
  const lines = followUpsOf(timelineOfCase(view, deps.clock.today(), deps), held.heldOn).map(({ obligation, event }) => {
    const operation = CASE_OPERATIONS.find((candidate) => candidate === `record-${event}`);
    return {
      what: describeObligation(obligation),
      status: statusOf(obligation),
      event,
      inputId: `${DONE_INPUT}${event}`,
      canRecord: obligation.status !== 'met' && obligation.status !== 'missed' && operation !== undefined && isAllowed(allowed, operation),
    };
  });
  return followUpsCard({
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    title: `After the core group of ${formatLongDate(held.heldOn)} for ${caseLabel(view)}`,
    notice: typeof notice === 'string' ? notice : notice(lines),
    error,
    today: deps.clock.today(),
    lines,
    requestId: deps.newRequestId(),
  });
}

/** verb meeting.recordForm: the record form for one meeting, for those who may record it. */
export const recordMeetingFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  return recordFormFor(deps, asker, caseRef, meetingId);
};

export async function recordFormFor(deps: BotServices, asker: Actor, caseRef: string, meetingId: string): Promise<AdaptiveCardJson> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'record-meeting-held', view.caseRef);
  const meeting = meetingIn(view, meetingId);
  return meeting.held ? followUpsFor(deps, view, meeting, `This core group was already recorded as held on ${formatLongDate(meeting.held.heldOn)}.`) : recordForm(deps, view, meeting);
}

/** verb meeting.followUps: what follows a meeting already recorded. */
export const followUpsAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  return followUpsCardFor(deps, asker, caseRef, meetingId);
};

export async function followUpsCardFor(deps: BotServices, asker: Actor, caseRef: string, meetingId: string): Promise<AdaptiveCardJson> {
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'view-core-group', view.caseRef);
  return followUpsFor(deps, view, meetingIn(view, meetingId));
}

/** Where the domain's attendance problems are shown: under the members, wherever it named them. */
const ATTENDANCE_FIELDS: ReadonlySet<string> = new Set(['attendees', 'apologies', 'absentees']);
const onForm = (problems: readonly Problem[]): Problem[] => problems.map((problem) => (ATTENDANCE_FIELDS.has(problem.field) ? { ...problem, field: 'attendance' } : problem));

/**
 * verb meeting.record: the form's Record. The lists come from each member's choice; a member left unchosen is
 * named by the domain ("Say whether M3 attended, …"). Recorded, the answer is what follows the meeting.
 */
export const recordMeetingAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const request = formRequest.safeParse(data);
  const typed = recordMeetingValues.safeParse(data);
  const values = typed.success ? typed.data : EMPTY_RECORD;
  const attendance = inputsNamed(data, ATTENDANCE_INPUT);
  const listed = (choice: string) => [...attendance].flatMap(([memberId, value]) => (value === choice ? [memberId] : []));
  const checked = recordMeetingHeldInput.safeParse({
    meetingId,
    heldOn: values.heldOn,
    attendees: listed('attended'),
    apologies: listed('apologies'),
    absentees: listed('absent'),
    chair: values.chair,
    noteTaker: values.noteTaker,
    childViewsRecorded: values.childViewsRecorded === 'true',
    ...(values.childViewsNote !== '' && { childViewsNote: values.childViewsNote }),
    parentsViewsRecorded: values.parentsViewsRecorded === 'true',
    ...(values.parentsViewsNote !== '' && { parentsViewsNote: values.parentsViewsNote }),
    membershipReviewed: values.membershipReviewed === 'true',
  });
  const redraw = async (problems: readonly Problem[], requestId?: string) => {
    const view = await deps.cases.queries.getCase(asker, caseRef);
    return recordForm(deps, view, meetingIn(view, meetingId), { values, attendance }, refusalOf(EMPTY_ERRORS, onForm(problems)), requestId);
  };
  if (!request.success || !typed.success || !checked.success) {
    return redraw([request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues))));
  }
  try {
    const { view } = await deps.cases.commands.recordMeetingHeld(asker, caseRef, checked.data, { idempotencyKey: `meeting.record:${request.data.requestId}` });
    return followUpsFor(deps, view, meetingIn(view, meetingId), `Recorded: the core group was held on ${formatLongDate(checked.data.heldOn)}. Record each of these as it is done.`);
  } catch (error) {
    const problems = fixableOnForm(error);
    if (problems === undefined || error instanceof TryAgain) throw error;
    return redraw(problems, request.data.requestId);
  }
};

const followUpPress = meetingRequest.extend({
  event: z.enum(RECORDED_EVENT_KINDS, { errorMap: () => ({ message: 'The card did not say what was done' }) }),
});

/** verb meeting.followUp: Record beside one follow-up, with the date beside it (today unless changed). */
export const followUpAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId, event } = parseInput(followUpPress, data);
  const { requestId } = parseInput(formRequest, data);
  const date = inputsNamed(data, DONE_INPUT).get(event) ?? '';
  try {
    const { view, eventId } = await deps.cases.commands.recordEvent(asker, caseRef, { kind: event, date, meetingId }, { idempotencyKey: `meeting.followUp:${requestId}:${event}` });
    const recorded = view.recordedEvents.find((candidate) => candidate.eventId === eventId);
    return followUpsFor(deps, view, meetingIn(view, meetingId), (lines) => {
      const line = lines.find((candidate) => candidate.event === event);
      return line && recorded ? `Recorded: ${line.what}, done ${formatLongDate(recorded.date)}.` : '';
    });
  } catch (error) {
    const problems = fixableOnForm(error);
    if (problems === undefined || error instanceof TryAgain) throw error;
    const view = await deps.cases.queries.getCase(asker, caseRef);
    return followUpsFor(deps, view, meetingIn(view, meetingId), '', `Nothing was saved: ${problems.map((problem) => problem.message).join(' ')}`);
  }
};
