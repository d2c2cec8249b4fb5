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
import type { HeldField } from '../../src/cases/caseChanges.js';
import { isFamilyMember, RECORDED_EVENT_KINDS, type Actor, type Answer, type CaseView, type MeetingHeld, type MeetingView, type Member } from '../../src/cases/model.js';
import type { OperationOptions } from '../../src/cases/caseCommands.js';
import { correctMeetingHeldInput, LIMITS, parseInput, recordMeetingHeldInput, type RecordMeetingHeldInput } from '../../src/cases/validation.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { followUpsOf } from '../../src/due/meetingFollowUps.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { describeObligation, describeStatus, ROLE_LABEL, type Obligation } from '../../src/timeline/index.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { inWords, meetingIn, MEETING_NAMES } from '../views/meetings.js';
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

/** What each member did, as the record form's choices name it. */
const ATTENDANCE_CHOICES = { attendees: 'attended', apologies: 'apologies', absentees: 'absent' } as const;
const ATTENDANCE_LISTS = ['attendees', 'apologies', 'absentees'] as const satisfies ReadonlyArray<keyof typeof ATTENDANCE_CHOICES>;

/** A held record as the form shows it, to be corrected. */
function valuesOf(held: MeetingHeld): RecordMeetingValues {
  const toggle = (value: boolean | undefined) => String(value === true);
  return {
    heldOn: held.heldOn,
    chair: held.chair,
    noteTaker: held.noteTaker,
    childViewsRecorded: toggle(held.childViewsRecorded),
    childViewsNote: held.childViewsNote ?? '',
    parentsViewsRecorded: toggle(held.parentsViewsRecorded),
    parentsViewsNote: held.parentsViewsNote ?? '',
    membershipReviewed: toggle(held.membershipReviewed),
    reason: '',
  };
}

interface RecordFormState {
  /** Correcting the meeting's record (when it has one) rather than recording it. */
  readonly correcting?: boolean;
  readonly typed?: { values: RecordMeetingValues; attendance: ReadonlyMap<string, string> };
  readonly refusal?: RecordErrors;
  readonly requestId?: string;
}

/**
 * The record form. Recording: every current member, pre-set from their answer, the chair and note taker from the
 * scheduling. Correcting a record made: the people that record named (members removed since among them), pre-set
 * from it, and a Reason box.
 */
function recordForm(deps: BotServices, view: CaseView, meeting: MeetingView, { correcting = false, typed, refusal, requestId = deps.newRequestId() }: RecordFormState = {}): AdaptiveCardJson {
  const held = correcting ? meeting.held : undefined;
  const named = held && new Map(ATTENDANCE_LISTS.flatMap((list) => held[list].map((memberId) => [memberId, ATTENDANCE_CHOICES[list]] as const)));
  const people = view.members.filter((member) => (named ? named.has(member.memberId) : member.status === 'active'));
  const answerOf = (member: Member) => meeting.answers.find((answer) => answer.memberId === member.memberId);
  const members: AttendanceLine[] = people.map((member) => {
    const answer = answerOf(member);
    return {
      inputId: `${ATTENDANCE_INPUT}${member.memberId}`,
      label: `${memberWithRole(member)}: ${answerWords(answer)}`,
      value: typed?.attendance.get(member.memberId) ?? named?.get(member.memberId) ?? (answer ? ATTENDANCE_FROM_ANSWER[answer.response] : ''),
    };
  });
  const name = MEETING_NAMES[meeting.type].toLowerCase();
  return recordMeetingFormCard({
    caseRef: view.caseRef,
    meetingId: meeting.meetingId,
    correcting: held !== undefined,
    title: held
      ? `Correct the record of the ${name} held on ${formatLongDate(held.heldOn)} for ${caseLabel(view)}`
      : `Record the ${name} of ${formatLongDate(meeting.date)} for ${caseLabel(view)}`,
    subtitle: held
      ? 'Change what was recorded wrongly and say why. The dates that follow the meeting move with a corrected date; what was already done stays done.'
      : 'Check who came against what each member answered; recording it starts the clocks for the plan, the minutes and the record.',
    members,
    people: people.filter((member) => !isFamilyMember(member)).map((member) => ({ title: memberName(member), value: member.memberId })),
    limits: { note: LIMITS.note, reason: LIMITS.correctionReason },
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? EMPTY_ERRORS,
    values: typed?.values ?? (held ? valuesOf(held) : { ...EMPTY_RECORD, heldOn: meeting.date, chair: meeting.chair ?? '', noteTaker: meeting.noteTaker ?? '' }),
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
    canCorrect: view.viewer.allowed.includes('correct-meeting-held'),
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

/** verb meeting.correctForm: "Correct this record", the record form pre-filled from the record, with a Reason box. */
export const correctMeetingFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'correct-meeting-held', view.caseRef);
  // Not recorded yet, there is nothing to correct: the form records it.
  return recordForm(deps, view, meetingIn(view, meetingId), { correcting: true });
};

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
const ATTENDANCE_FIELDS: ReadonlySet<string> = new Set(ATTENDANCE_LISTS);
const onForm = (problems: readonly Problem[]): Problem[] => problems.map((problem) => (ATTENDANCE_FIELDS.has(problem.field) ? { ...problem, field: 'attendance' } : problem));

/** What a correction changed, as its notice says it ("the date held and who came"). */
const HELD_FIELD_WORDS: Readonly<Record<HeldField, string>> = {
  heldOn: 'the date held',
  attendees: 'who came',
  apologies: 'who came',
  absentees: 'who came',
  chair: 'the chair',
  noteTaker: 'the note taker',
  childViewsRecorded: "the child's views",
  childViewsNote: "the child's views",
  parentsViewsRecorded: "the parents' views",
  parentsViewsNote: "the parents' views",
  membershipReviewed: 'the membership review',
};

type RecordVerb = 'meeting.record' | 'meeting.correct';

/**
 * The record form's submit, recording (verb meeting.record) or correcting (meeting.correct). The lists come from
 * each member's choice; a member left unchosen is named by the domain ("Say whether M3 attended, …"). Refused, the
 * same form comes back as typed, nothing saved; saved, the answer is what follows the meeting.
 */
async function submitRecordForm(deps: BotServices, asker: Actor, data: unknown, verb: RecordVerb): Promise<AdaptiveCardJson> {
  const { caseRef, meetingId } = parseInput(meetingRequest, data);
  const request = formRequest.safeParse(data);
  const typed = recordMeetingValues.safeParse(data);
  const values = typed.success ? typed.data : EMPTY_RECORD;
  const attendance = inputsNamed(data, ATTENDANCE_INPUT);
  const listed = (choice: string) => [...attendance].flatMap(([memberId, value]) => (value === choice ? [memberId] : []));
  const record: RecordMeetingHeldInput = {
    meetingId,
    heldOn: values.heldOn,
    attendees: listed(ATTENDANCE_CHOICES.attendees),
    apologies: listed(ATTENDANCE_CHOICES.apologies),
    absentees: listed(ATTENDANCE_CHOICES.absentees),
    chair: values.chair,
    noteTaker: values.noteTaker,
    childViewsRecorded: values.childViewsRecorded === 'true',
    ...(values.childViewsNote !== '' && { childViewsNote: values.childViewsNote }),
    parentsViewsRecorded: values.parentsViewsRecorded === 'true',
    ...(values.parentsViewsNote !== '' && { parentsViewsNote: values.parentsViewsNote }),
    membershipReviewed: values.membershipReviewed === 'true',
  };
  const redraw = async (problems: readonly Problem[], requestId?: string) => {
    const view = await deps.cases.queries.getCase(asker, caseRef);
    return recordForm(deps, view, meetingIn(view, meetingId), { correcting: verb === 'meeting.correct', typed: { values, attendance }, refusal: refusalOf(EMPTY_ERRORS, onForm(problems)), ...(requestId !== undefined && { requestId }) });
  };
  const save = saving(deps, asker, caseRef, verb, record, values.reason);
  if (!request.success || !typed.success || Array.isArray(save)) {
    return redraw([...[request, typed].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues))), ...(Array.isArray(save) ? save : [])]);
  }
  try {
    const { view, notice } = await save({ idempotencyKey: `${verb}:${request.data.requestId}` });
    return followUpsFor(deps, view, meetingIn(view, meetingId), notice);
  } catch (error) {
    const problems = fixableOnForm(error);
    if (problems === undefined || error instanceof TryAgain) throw error;
    return redraw(problems, request.data.requestId);
  }
}

type Save = (options: OperationOptions) => Promise<{ readonly view: CaseView; readonly notice: string }>;

/** The record as the form gave it, checked: its problems, or how to save it and what to say once saved. */
function saving(deps: BotServices, asker: Actor, caseRef: string, verb: RecordVerb, record: RecordMeetingHeldInput, reason: string): Problem[] | Save {
  if (verb === 'meeting.correct') {
    const checked = correctMeetingHeldInput.safeParse({ ...record, reason });
    if (!checked.success) return problemsOf(checked.error.issues);
    return async (options) => {
      const { view, changed } = await deps.cases.commands.correctMeetingHeld(asker, caseRef, checked.data, options);
      const what = inWords([...new Set(changed.map((field) => HELD_FIELD_WORDS[field]))]);
      const heldOn = meetingIn(view, checked.data.meetingId).held?.heldOn ?? checked.data.heldOn;
      return { view, notice: `Corrected: ${what}, with your reason. The core group was held on ${formatLongDate(heldOn)}; what follows it is counted from that day.` };
    };
  }
  const checked = recordMeetingHeldInput.safeParse(record);
  if (!checked.success) return problemsOf(checked.error.issues);
  return async (options) => {
    const { view } = await deps.cases.commands.recordMeetingHeld(asker, caseRef, checked.data, options);
    return { view, notice: `Recorded: the core group was held on ${formatLongDate(checked.data.heldOn)}. Record each of these as it is done.` };
  };
}

/** verb meeting.record: the record form's Record. */
export const recordMeetingAction: ActionHandler = ({ asker, data }, deps) => submitRecordForm(deps, asker, data, 'meeting.record');

/** verb meeting.correct: the corrected record form's "Save the correction". */
export const correctMeetingAction: ActionHandler = ({ asker, data }, deps) => submitRecordForm(deps, asker, data, 'meeting.correct');

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
