import type { ApologyRules } from '../policy/schema.js';
import { MEETING_EVENT_KINDS } from '../timeline/events.js';
import { asksForContribution, checkAnswer } from './apologies.js';
import type { z } from 'zod';
import { compareDates, formatShortDate, type LocalDate } from '../time/localDate.js';
import { authorize, type CaseOperation } from './authorization.js';
import type { CaseWrite } from './caseRepository.js';
import { Conflict, InvalidInput, MeetingNotFound, MemberNotFound, NotAllowed } from './errors.js';
import { isFamilyRole } from './membership.js';
import { isFamilyMember, MEETING_ARRANGEMENTS, memberSchema, type MeetingArrangement, type Actor, type Answer, type CaseHeader, type CaseRole, type CaseState, type FamilyMember, type Meeting, type MeetingHeld, type Member, type RecordedEvent } from './model.js';
import { assertStaffed, type ListedStaff } from './staffing.js';
import type {
  addMemberInput,
  correctMeetingHeldInput,
  answerInput,
  confirmVerbalUpdateInput,
  cancelMeetingInput,
  createCaseInput,
  recordEventInput,
  recordMeetingHeldInput,
  removeMemberInput,
  rescheduleMeetingInput,
  scheduleMeetingInput,
  updateMemberInput,
} from './validation.js';

/**
 * The case operations as pure decisions: given the case as read, the actor's roles and today's date, either
 * refuse (a typed error, nothing to write) or say which rows change, what the audit trail records and what
 * the operation returns. No I/O here, so the service can re-run a decision after losing a race.
 * Audit summaries use ids, roles and dates only: never names, contact details, venues or free text.
 */
export interface DecisionContext {
  readonly actor: Actor;
  readonly roles: ReadonlySet<CaseRole>;
  readonly now: Date;
  readonly today: LocalDate;
}

/** What the audit trail calls a change: an operation of the role matrix, or another social worker's request for a reference. */
export type AuditedOperation = CaseOperation | 'claim-reference';

export interface Decision<R extends object> {
  readonly operation: AuditedOperation;
  /** The changed case row; the service stamps its version and next due date. */
  readonly header?: CaseHeader;
  readonly writes: readonly CaseWrite[];
  readonly before: string;
  readonly after: string;
  readonly result: R;
}

export type NoIds = Record<string, never>;

export function assertOpen(header: CaseHeader): void {
  if (header.status === 'ended') {
    throw new Conflict(`The plan for case ${header.caseRef} has ended, so the case can no longer be changed.`);
  }
}

function activeMember(state: CaseState, memberId: string): Member {
  const member = state.members.find((candidate) => candidate.memberId === memberId && candidate.status === 'active');
  if (!member) throw new MemberNotFound(state.header.caseRef, memberId);
  return member;
}

function meetingOf(state: CaseState, meetingId: string): Meeting {
  const meeting = state.meetings.find((candidate) => candidate.meetingId === meetingId);
  if (!meeting) throw new MeetingNotFound(state.header.caseRef, meetingId);
  return meeting;
}

/** A fact being recorded cannot be in the future, nor before the conference that started the plan. */
function assertRecordableDate(field: string, date: LocalDate, header: CaseHeader, today: LocalDate): void {
  if (compareDates(date, today) > 0) throw new InvalidInput(field, `${formatShortDate(date)} is in the future; record it on or after the day.`);
  if (compareDates(date, header.initialConferenceDate) < 0) {
    throw new InvalidInput(field, `${formatShortDate(date)} is before the initial conference on ${formatShortDate(header.initialConferenceDate)}.`);
  }
}

export function describeMember(member: Member): string {
  const reach = member.aadObjectId ? `Teams user ${member.aadObjectId}` : 'outside Teams';
  const removal = member.removal ? `; reason ${member.removal.reason}` : '';
  return `${member.memberId} ${member.status} ${member.role}, ${reach}${removal}`;
}

/** Labels as people read them: "parent a" and "Parent  A" are the same label. */
const sameLabel = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').toLowerCase() === b.replace(/\s+/g, ' ').toLowerCase();

/** Two family members are told apart on cards by their labels alone, so no two active ones share one. */
function assertLabelFree(state: CaseState, label: string, except?: string): void {
  const holder = state.members.find(
    (member): member is FamilyMember => member.status === 'active' && member.memberId !== except && isFamilyMember(member) && sameLabel(member.label, label),
  );
  if (holder) {
    throw new InvalidInput('label', `${holder.memberId} in this core group is already labelled "${holder.label}": give each family member a label of their own, such as Parent B.`);
  }
}

/** A proposed case as the creator gave it: who may create it, its procedure and date, and who would hold its roles. */
export function checkProposal(input: z.output<typeof createCaseInput>, context: DecisionContext, policyIds: ReadonlySet<string>, listed: ListedStaff): void {
  // Authorised against the case as proposed: the creator must be its social worker or team manager.
  authorize(proposedRoles(input, context.actor), 'create-case', input.caseRef);
  if (!policyIds.has(input.policyId)) throw new InvalidInput('policyId', `"${input.policyId}" is not a policy this bot knows.`);
  if (compareDates(input.initialConferenceDate, context.today) > 0) {
    throw new InvalidInput('initialConferenceDate', 'The initial conference date is in the future; create the case once it has been held.');
  }
  assertStaffed({ socialWorker: input.socialWorker.aadObjectId, teamManager: input.teamManager, chair: input.chair }, listed, context.actor);
}

function proposedRoles(input: Pick<z.output<typeof createCaseInput>, 'socialWorker' | 'teamManager'>, actor: Actor): Set<CaseRole> {
  const roles = new Set<CaseRole>();
  if (input.socialWorker.aadObjectId === actor.aadObjectId) roles.add('social-worker');
  if (input.teamManager === actor.aadObjectId) roles.add('team-manager');
  return roles;
}

/**
 * A new case. It awaits its team manager's confirmation unless the team manager created it, or decided it (a
 * reference they handed over to this request); either way work on it starts at once.
 */
export function decideCreateCase(
  input: z.output<typeof createCaseInput>,
  context: DecisionContext,
  policyIds: ReadonlySet<string>,
  listed: ListedStaff,
  decidedBy?: string,
): Decision<NoIds> {
  checkProposal(input, context, policyIds, listed);
  const confirmed = input.teamManager === context.actor.aadObjectId || input.teamManager === decidedBy;
  const header: CaseHeader = {
    tenantId: context.actor.tenantId,
    caseRef: input.caseRef,
    ...(input.alias !== undefined ? { alias: input.alias } : {}),
    policyId: input.policyId,
    initialConferenceDate: input.initialConferenceDate,
    socialWorker: input.socialWorker.aadObjectId,
    teamManager: input.teamManager,
    chair: input.chair,
    status: 'open',
    confirmation: confirmed ? 'confirmed' : 'awaiting-team-manager',
    pendingClaims: 0,
    createdAt: context.now.toISOString(),
    version: 0,
    nextMemberNo: 2,
    nextMeetingNo: 1,
    nextEventNo: 1,
    nextClaimNo: 1,
    nextDue: null,
    attentionDate: null,
  };
  // The social worker is the lead professional and always a core group member (M1).
  const socialWorker: Member = {
    memberId: 'M1',
    aadObjectId: input.socialWorker.aadObjectId,
    displayName: input.socialWorker.displayName,
    ...(input.socialWorker.email !== undefined ? { email: input.socialWorker.email } : {}),
    agency: input.socialWorker.agency,
    role: 'professional',
    status: 'active',
    addedAt: header.createdAt,
  };
  return {
    operation: 'create-case',
    header,
    writes: [{ kind: 'member', value: socialWorker }],
    before: 'no case',
    after:
      `case ${header.caseRef} open; policy ${header.policyId}; initial conference ${header.initialConferenceDate}; ` +
      `social worker ${header.socialWorker}; team manager ${header.teamManager}; chair ${header.chair}; ${describeMember(socialWorker)}; ` +
      (confirmed ? 'confirmed' : 'awaiting the team manager'),
    result: {},
  };
}

/** The member already in the group whom this input names again, and the field that says so. */
function alreadyIn(state: CaseState, input: z.output<typeof addMemberInput>): { member: Member; field: string } | undefined {
  const active = state.members.filter((member) => member.status === 'active');
  if (input.kind === 'teams') {
    const member = active.find((candidate) => candidate.aadObjectId === input.aadObjectId);
    return member && { member, field: 'aadObjectId' };
  }
  if (input.kind === 'family') return undefined; // told apart by label: assertLabelFree
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
  for (const member of active) {
    if (isFamilyMember(member) || member.aadObjectId !== undefined) continue;
    if (same(member.email, input.email)) return { member, field: 'email' };
    if (same(member.displayName, input.displayName) && same(member.agency, input.agency)) return { member, field: 'displayName' };
  }
  return undefined;
}

export function decideAddMember(state: CaseState, input: z.output<typeof addMemberInput>, context: DecisionContext): Decision<{ memberId: string }> {
  authorize(context.roles, 'add-member', state.header.caseRef);
  assertOpen(state.header);
  const duplicate = alreadyIn(state, input);
  if (duplicate) throw new InvalidInput(duplicate.field, `That person is already in this core group as ${duplicate.member.memberId}.`);
  if (input.kind === 'family') assertLabelFree(state, input.label);
  const common = {
    memberId: `M${state.header.nextMemberNo}`,
    ...(input.contactRoute !== undefined ? { contactRoute: input.contactRoute } : {}),
    status: 'active',
    addedAt: context.now.toISOString(),
  } as const;
  const member: Member =
    input.kind === 'family'
      ? { ...common, role: input.role, label: input.label }
      : {
          ...common,
          role: input.role,
          ...(input.kind === 'teams' ? { aadObjectId: input.aadObjectId } : {}),
          displayName: input.displayName,
          ...(input.email !== undefined ? { email: input.email } : {}),
          agency: input.agency,
        };
  return {
    operation: 'add-member',
    header: { ...state.header, nextMemberNo: state.header.nextMemberNo + 1 },
    writes: [{ kind: 'member', value: member }],
    before: `${member.memberId} not in core group`,
    after: describeMember(member),
    result: { memberId: member.memberId },
  };
}

const FAMILY_FIELDS = new Set(['label', 'role', 'contactRoute']);
const PROFESSIONAL_FIELDS = new Set(['displayName', 'email', 'agency', 'role', 'contactRoute']);

export function decideUpdateMember(state: CaseState, input: z.output<typeof updateMemberInput>, context: DecisionContext): Decision<NoIds> {
  authorize(context.roles, 'update-member', state.header.caseRef);
  assertOpen(state.header);
  const member = activeMember(state, input.memberId);
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, value]) => value !== undefined));
  const family = isFamilyMember(member);
  const fits = family ? FAMILY_FIELDS : PROFESSIONAL_FIELDS;
  const misfit = Object.keys(changes).find((field) => !fits.has(field));
  if (misfit !== undefined) {
    throw new InvalidInput(misfit, family ? 'A family member is known by their label and role only.' : 'A professional is known by name and agency, not by a label.');
  }
  // Name or label, the member stays the kind they were added as: the other kind's details were never asked for.
  if (input.changes.role !== undefined && isFamilyRole(input.changes.role) !== family) {
    throw new InvalidInput('role', 'A professional cannot become a family member or the other way round: remove them and add them again.');
  }
  if (input.changes.label !== undefined) assertLabelFree(state, input.changes.label, member.memberId);
  const updated = memberSchema.parse({ ...member, ...changes });
  const changed = Object.keys(changes).filter((field) => member[field as keyof Member] !== updated[field as keyof Member]);
  return {
    operation: 'update-member',
    header: state.header,
    writes: [{ kind: 'member', value: updated }],
    before: `${describeMember(member)}`,
    after: `${describeMember(updated)}; changed: ${changed.join(', ') || 'nothing'}`,
    result: {},
  };
}

/** The social worker leads the core group: they stay on it while the case is theirs. */
export const isRemovable = (header: Pick<CaseHeader, 'socialWorker'>, member: Pick<Member, 'aadObjectId'>): boolean => member.aadObjectId !== header.socialWorker;

export function assertRemovable(header: Pick<CaseHeader, 'socialWorker'>, member: Pick<Member, 'aadObjectId'>): void {
  if (!isRemovable(header, member)) throw new InvalidInput('memberId', 'The social worker leads the core group and cannot be removed from it.');
}

export function decideRemoveMember(state: CaseState, input: z.output<typeof removeMemberInput>, context: DecisionContext): Decision<NoIds> {
  authorize(context.roles, 'remove-member', state.header.caseRef);
  assertOpen(state.header);
  const member = activeMember(state, input.memberId);
  assertRemovable(state.header, member);
  // Kept, marked removed with why: their past answers and attendance stay readable.
  const removed: Member = { ...member, status: 'removed', removal: { reason: input.reason, on: context.today, by: context.actor.aadObjectId } };
  return {
    operation: 'remove-member',
    header: state.header,
    writes: [{ kind: 'member', value: removed }],
    before: describeMember(member),
    after: describeMember(removed),
    result: {},
  };
}

/** "CG1 first core group scheduled 2027-02-10 14:30, in person; chair M2; note taker M1": ids, dates and codes only. */
function describeMeeting(meeting: Meeting, done: string): string {
  const where = `${meeting.onlineLink ? ', online' : ''}${meeting.venue ? ', in person' : ''}`;
  return `${meeting.meetingId} ${meeting.type} core group ${done} ${meeting.date} ${meeting.time}${where}; chair ${meeting.chair ?? 'not set'}; note taker ${meeting.noteTaker ?? 'not set'}`;
}

/** A meeting as arranged: not in the past, run by professionals of the core group. */
function meetingFromInput(state: CaseState, meetingId: string, input: z.output<typeof scheduleMeetingInput>, today: LocalDate): Meeting {
  if (compareDates(input.date, today) < 0) throw new InvalidInput('date', `${formatShortDate(input.date)} has already passed.`);
  for (const field of ['chair', 'noteTaker'] as const) {
    const memberId = input[field];
    // The family are in the core group to be heard, known by a label only: a professional runs the meeting.
    if (memberId !== undefined && isFamilyMember(activeMember(state, memberId))) {
      throw new InvalidInput(field, `${memberId} is a family member: choose a professional to ${field === 'chair' ? 'chair the meeting' : 'take the notes'}.`);
    }
  }
  return {
    meetingId,
    date: input.date,
    time: input.time,
    ...(input.venue !== undefined ? { venue: input.venue } : {}),
    ...(input.onlineLink !== undefined ? { onlineLink: input.onlineLink } : {}),
    type: input.type,
    ...(input.chair !== undefined ? { chair: input.chair } : {}),
    ...(input.noteTaker !== undefined ? { noteTaker: input.noteTaker } : {}),
  };
}

export function decideScheduleMeeting(
  state: CaseState,
  input: z.output<typeof scheduleMeetingInput>,
  context: DecisionContext,
): Decision<{ meetingId: string }> {
  authorize(context.roles, 'schedule-meeting', state.header.caseRef);
  assertOpen(state.header);
  const meeting = meetingFromInput(state, `CG${state.header.nextMeetingNo}`, input, context.today);
  return {
    operation: 'schedule-meeting',
    header: { ...state.header, nextMeetingNo: state.header.nextMeetingNo + 1 },
    writes: [{ kind: 'meeting', value: meeting }],
    before: `${meeting.meetingId} not scheduled`,
    after: describeMeeting(meeting, 'scheduled'),
    result: { meetingId: meeting.meetingId },
  };
}

/** A meeting of the case that can still be changed: neither held nor called off (for the forms that change it too). */
export function stillArranged<M extends Meeting>(caseRef: string, meetings: readonly M[], meetingId: string): M {
  const meeting = meetings.find((candidate) => candidate.meetingId === meetingId);
  if (!meeting) throw new MeetingNotFound(caseRef, meetingId);
  if (meeting.held) throw new Conflict(`${meeting.meetingId} was recorded as held on ${formatShortDate(meeting.held.heldOn)}, so it can no longer be changed.`);
  if (meeting.cancelled) throw new Conflict(`${meeting.meetingId} was cancelled on ${formatShortDate(meeting.cancelled.on)}, so it can no longer be changed: schedule a new core group instead.`);
  return meeting;
}

/**
 * What a change to a meeting's arrangements changed, for whoever tells the invitees (the invitations, later):
 * the meeting as it now is and which of its arrangements are new.
 */
export interface Rescheduled {
  readonly meetingId: string;
  readonly changed: readonly MeetingArrangement[];
}

export function decideRescheduleMeeting(state: CaseState, input: z.output<typeof rescheduleMeetingInput>, context: DecisionContext): Decision<Rescheduled> {
  authorize(context.roles, 'reschedule-meeting', state.header.caseRef);
  assertOpen(state.header);
  const before = stillArranged(state.header.caseRef, state.meetings, input.meetingId);
  const after = meetingFromInput(state, before.meetingId, input, context.today);
  const changed = MEETING_ARRANGEMENTS.filter((field) => before[field] !== after[field]);
  if (changed.length === 0) throw new InvalidInput('', `That is how ${before.meetingId} is arranged already: change what is to change, then try again.`);
  return {
    operation: 'reschedule-meeting',
    header: state.header,
    writes: [{ kind: 'meeting', value: after }],
    before: describeMeeting(before, 'scheduled'),
    after: `${describeMeeting(after, 'rescheduled to')}; changed: ${changed.join(', ')}`,
    result: { meetingId: after.meetingId, changed },
  };
}

export function decideCancelMeeting(state: CaseState, input: z.output<typeof cancelMeetingInput>, context: DecisionContext): Decision<{ meetingId: string }> {
  authorize(context.roles, 'cancel-meeting', state.header.caseRef);
  assertOpen(state.header);
  const meeting = stillArranged(state.header.caseRef, state.meetings, input.meetingId);
  return {
    operation: 'cancel-meeting',
    header: state.header,
    writes: [{ kind: 'meeting', value: { ...meeting, cancelled: { on: context.today, by: context.actor.aadObjectId } } }],
    before: describeMeeting(meeting, 'scheduled'),
    after: `${meeting.meetingId} cancelled on ${context.today}`,
    result: { meetingId: meeting.meetingId },
  };
}

function describeAnswer(answer: Answer | undefined): string {
  if (!answer) return 'no answer';
  const filled = (parts: Readonly<Record<string, string>> | undefined) => (parts ? Object.values(parts).filter((part) => part !== '').length : 0);
  const written = answer.update ? ` with written update (${filled(answer.update)} of 4 parts)` : '';
  const verbal = answer.verbalUpdate
    ? `${written ? ' and' : ' with'} verbal update${answer.verbalUpdate.confirmedBy ? `, confirmed by ${answer.verbalUpdate.confirmedBy}` : ', awaiting confirmation'}`
    : '';
  const update = `${written}${verbal}`;
  const contribution = answer.contribution ? `, joint-report contribution (${filled(answer.contribution)} of 5 headings)` : '';
  return `${answer.memberId} ${answer.response}${update}${contribution}${answer.onBehalf ? `, recorded on their behalf by ${answer.answeredBy}` : ''}`;
}

/**
 * Answers never touch the case row, so many members answering at once do not contend: each answer is its own
 * row, written on condition that the member row is unchanged (not removed meanwhile).
 */
/** `apologiesOf`: the procedure's rules for apologies, read once the answer is known to be the actor's to give. */
export function decideAnswer(state: CaseState, input: z.output<typeof answerInput>, context: DecisionContext, apologiesOf: (policyId: string) => ApologyRules): Decision<NoIds> {
  const { caseRef } = state.header;
  const own = state.members.find((member) => member.status === 'active' && member.aadObjectId === context.actor.aadObjectId);
  // No member named means "for myself", which only a member can do.
  const onBehalf = input.memberId !== undefined && input.memberId !== own?.memberId;
  authorize(context.roles, onBehalf ? 'answer-on-behalf' : 'answer-own', caseRef);
  assertOpen(state.header);
  const member = activeMember(state, input.memberId ?? own?.memberId ?? '');
  if (onBehalf) assertAnswersOnBehalf(member);
  const meeting = openMeeting(state, input.meetingId);
  const rules = apologiesOf(state.header.policyId);
  checkAnswer(rules, meeting.type, input);
  const previous = state.answers.find((answer) => answer.meetingId === meeting.meetingId && answer.memberId === member.memberId);
  const answer: Answer = {
    meetingId: meeting.meetingId,
    memberId: member.memberId,
    response: input.response,
    // A verbal update may come with some writing too: whatever was written is kept beside it.
    ...(input.response === 'apologies' && (!input.verbalUpdate || Object.values(input.update).some((part) => part !== '')) && { update: input.update }),
    ...(input.response === 'apologies' && input.verbalUpdate && { verbalUpdate: { statedAt: context.now.toISOString() } }),
    ...(asksForContribution(rules, meeting.type) && { contribution: input.contribution }),
    answeredBy: context.actor.aadObjectId,
    onBehalf,
    answeredAt: context.now.toISOString(),
  };
  return answerDecision(onBehalf ? 'answer-on-behalf' : 'answer-own', meeting, previous, answer);
}

/** Members in Teams answer for themselves; the social worker records answers only for those the bot cannot reach. */
export function assertAnswersOnBehalf(member: Member): void {
  if (member.aadObjectId !== undefined) {
    throw new NotAllowed(`${member.memberId} uses Teams and answers for themself; answers can be recorded on someone's behalf only for members outside Teams.`);
  }
}

/** A meeting takes answers (and their confirmation) until it is recorded as held; a cancelled one takes none. */
export function assertTakesAnswers(meeting: Meeting): void {
  if (meeting.held) {
    throw new Conflict(`${meeting.meetingId} was recorded as held on ${formatShortDate(meeting.held.heldOn)}; it no longer takes answers.`);
  }
  if (meeting.cancelled) throw new Conflict(`${meeting.meetingId} was cancelled on ${formatShortDate(meeting.cancelled.on)}; it takes no answers.`);
}

function openMeeting(state: CaseState, meetingId: string): Meeting {
  const meeting = meetingOf(state, meetingId);
  assertTakesAnswers(meeting);
  return meeting;
}

function answerDecision(operation: CaseOperation, meeting: Meeting, previous: Answer | undefined, answer: Answer): Decision<NoIds> {
  return {
    operation,
    writes: [
      { kind: 'answer', value: answer },
      { kind: 'member-unchanged', memberId: answer.memberId },
    ],
    before: `${meeting.meetingId}: ${describeAnswer(previous)}`,
    after: `${meeting.meetingId}: ${describeAnswer(answer)}`,
    result: {},
  };
}

/** The social worker confirms that a member's verbal update reached them (seed 003: apologies "to the key-worker"). */
export function decideConfirmVerbalUpdate(state: CaseState, input: z.output<typeof confirmVerbalUpdateInput>, context: DecisionContext): Decision<NoIds> {
  authorize(context.roles, 'confirm-verbal-update', state.header.caseRef);
  assertOpen(state.header);
  const meeting = openMeeting(state, input.meetingId);
  const member = activeMember(state, input.memberId);
  const previous = state.answers.find((answer) => answer.meetingId === meeting.meetingId && answer.memberId === member.memberId);
  if (previous?.verbalUpdate === undefined) throw new Conflict(`${member.memberId} has not said they gave a verbal update for ${meeting.meetingId}, so there is nothing to confirm.`);
  if (previous.verbalUpdate.confirmedBy !== undefined) return answerDecision('confirm-verbal-update', meeting, previous, previous);
  const confirmed: Answer = { ...previous, verbalUpdate: { ...previous.verbalUpdate, confirmedBy: context.actor.aadObjectId, confirmedAt: context.now.toISOString() } };
  return answerDecision('confirm-verbal-update', meeting, previous, confirmed);
}

type HeldRecord = z.output<typeof recordMeetingHeldInput>;
/** The fields of a held record that a correction can change, as the audit and the bot name them. */
export const HELD_FIELDS = [
  'heldOn',
  'attendees',
  'apologies',
  'absentees',
  'chair',
  'noteTaker',
  'childViewsRecorded',
  'childViewsNote',
  'parentsViewsRecorded',
  'parentsViewsNote',
  'membershipReviewed',
] as const satisfies ReadonlyArray<keyof MeetingHeld & keyof HeldRecord>;
export type HeldField = (typeof HELD_FIELDS)[number];

/**
 * A held record from the form: everyone in `accountable` (and no one else) attended, sent apologies or was absent,
 * once; the chair and note taker attended; the date is not in the future nor before the plan began.
 */
function heldRecord(state: CaseState, input: HeldRecord, accountable: readonly string[], context: DecisionContext, recordedAt: string): MeetingHeld {
  assertRecordableDate('heldOn', input.heldOn, state.header, context.today);
  const lists = { attendees: input.attendees, apologies: input.apologies, absentees: input.absentees };
  const seen = new Map<string, string>();
  for (const [field, memberIds] of Object.entries(lists)) {
    for (const memberId of memberIds) {
      if (!accountable.includes(memberId)) throw new MemberNotFound(state.header.caseRef, memberId);
      const earlier = seen.get(memberId);
      if (earlier !== undefined) throw new InvalidInput(field, `${memberId} is listed in both ${earlier} and ${field}.`);
      seen.set(memberId, field);
    }
  }
  const unaccounted = accountable.filter((memberId) => !seen.has(memberId));
  if (unaccounted.length > 0) {
    throw new InvalidInput('absentees', `Say whether ${unaccounted.join(', ')} attended, sent apologies or were absent.`);
  }
  if (!input.attendees.includes(input.chair)) throw new InvalidInput('chair', `The chair (${input.chair}) must be among the attendees.`);
  if (!input.attendees.includes(input.noteTaker)) throw new InvalidInput('noteTaker', `The note taker (${input.noteTaker}) must be among the attendees.`);
  return {
    heldOn: input.heldOn,
    ...lists,
    chair: input.chair,
    noteTaker: input.noteTaker,
    childViewsRecorded: input.childViewsRecorded,
    ...(input.childViewsNote !== undefined && { childViewsNote: input.childViewsNote }),
    parentsViewsRecorded: input.parentsViewsRecorded,
    ...(input.parentsViewsNote !== undefined && { parentsViewsNote: input.parentsViewsNote }),
    membershipReviewed: input.membershipReviewed,
    recordedAt,
  };
}

/** A held record for the audit: ids, dates and yes/no only (the views' notes stay on the meeting). */
function describeHeld(meetingId: string, held: MeetingHeld): string {
  const yesNo = (value: boolean | undefined) => (value === undefined ? 'not asked' : value ? 'yes' : 'no');
  return (
    `${meetingId} held ${held.heldOn}; attended ${held.attendees.join(',')}; apologies ${held.apologies.join(',') || 'none'}; ` +
    `absent ${held.absentees.join(',') || 'none'}; chair ${held.chair}; note taker ${held.noteTaker}; ` +
    `child's views recorded ${yesNo(held.childViewsRecorded)}; parents' views recorded ${yesNo(held.parentsViewsRecorded)}; ` +
    `membership reviewed ${yesNo(held.membershipReviewed)}`
  );
}

export function decideMeetingHeld(state: CaseState, input: HeldRecord, context: DecisionContext): Decision<NoIds> {
  authorize(context.roles, 'record-meeting-held', state.header.caseRef);
  assertOpen(state.header);
  const meeting = meetingOf(state, input.meetingId);
  if (meeting.held) throw new Conflict(`${meeting.meetingId} was already recorded as held on ${formatShortDate(meeting.held.heldOn)}.`);
  if (meeting.cancelled) throw new Conflict(`${meeting.meetingId} was cancelled on ${formatShortDate(meeting.cancelled.on)}, so it cannot be recorded as held.`);
  // Every current member is accounted for.
  const active = state.members.filter((member) => member.status === 'active').map((member) => member.memberId);
  const held = heldRecord(state, input, active, context, context.now.toISOString());
  return {
    operation: 'record-meeting-held',
    header: state.header,
    writes: [{ kind: 'meeting', value: { ...meeting, held } }],
    before: `${meeting.meetingId} scheduled ${meeting.date}`,
    after: describeHeld(meeting.meetingId, held),
    result: {},
  };
}

/** What a correction did: the correction's event (which keeps the reason) and which fields of the record changed. */
export interface Corrected {
  readonly eventId: string;
  readonly changed: readonly HeldField[];
}

/**
 * Puts a held core group's record right, with why. The people are those the record accounted for (members added
 * since were not there; members removed since were). The paperwork recorded for the meeting moves with its date;
 * a corrected date after some of it was done would leave that done before the meeting, so it is refused, as is a
 * date another core group was held on (the paperwork of the two could no longer be told apart). The reason is kept
 * in the correction's event, seen with the core group; the audit names that event, never the words.
 */
export function decideCorrectMeetingHeld(state: CaseState, input: z.output<typeof correctMeetingHeldInput>, context: DecisionContext): Decision<Corrected> {
  authorize(context.roles, 'correct-meeting-held', state.header.caseRef);
  assertOpen(state.header);
  const meeting = meetingOf(state, input.meetingId);
  const before = meeting.held;
  if (!before) throw new Conflict(`${meeting.meetingId} has not been recorded as held, so there is no record to correct: record it first.`);
  const held = heldRecord(state, input, [...before.attendees, ...before.apologies, ...before.absentees], context, before.recordedAt);
  const same = (field: HeldField) => JSON.stringify(before[field]) === JSON.stringify(held[field]);
  const changed = HELD_FIELDS.filter((field) => !same(field));
  if (changed.length === 0) throw new InvalidInput('', `That is what the record of ${meeting.meetingId} says already: change what was recorded wrongly, then try again.`);
  const moved = held.heldOn === before.heldOn ? [] : state.events.filter((event) => event.follows === before.heldOn);
  if (held.heldOn !== before.heldOn) {
    const other = state.meetings.find((candidate) => candidate.meetingId !== meeting.meetingId && candidate.held?.heldOn === held.heldOn);
    if (other) throw new InvalidInput('heldOn', `${other.meetingId} was recorded as held on ${formatShortDate(held.heldOn)}: give the day ${meeting.meetingId} was held.`);
    const tooEarly = moved.filter((event) => compareDates(event.date, held.heldOn) < 0);
    if (tooEarly.length > 0) {
      const done = tooEarly.map((event) => `${event.kind.replace(/-/g, ' ')} on ${formatShortDate(event.date)}`).join(', ');
      throw new InvalidInput('heldOn', `Recorded for this core group as done before ${formatShortDate(held.heldOn)}: ${done}. A core group's paperwork cannot come before it; check the date.`);
    }
  }
  const correction: RecordedEvent = {
    eventId: `E${state.header.nextEventNo}`,
    kind: 'core-group-corrected',
    date: context.today,
    meetingId: meeting.meetingId,
    note: input.reason,
    recordedBy: context.actor.aadObjectId,
    recordedAt: context.now.toISOString(),
  };
  const movedText = moved.length === 0 ? '' : `; paperwork moved with it: ${moved.map((event) => event.eventId).join(',')}`;
  return {
    operation: 'correct-meeting-held',
    header: { ...state.header, nextEventNo: state.header.nextEventNo + 1 },
    writes: [
      { kind: 'meeting', value: { ...meeting, held } },
      ...moved.map((event) => ({ kind: 'event' as const, value: { ...event, follows: held.heldOn } })),
      { kind: 'event', value: correction },
    ],
    before: describeHeld(meeting.meetingId, before),
    after: `${describeHeld(meeting.meetingId, held)}; changed: ${changed.join(', ')}${movedText}; reason in ${correction.eventId}`,
    result: { eventId: correction.eventId, changed },
  };
}

export function decideRecordEvent(state: CaseState, input: z.output<typeof recordEventInput>, context: DecisionContext): Decision<{ eventId: string }> {
  const operation = `record-${input.kind}` as const satisfies CaseOperation;
  authorize(context.roles, operation, state.header.caseRef);
  // Paperwork owed before the plan ended can still be recorded; no meeting or decision can.
  if (MEETING_EVENT_KINDS.has(input.kind)) assertOpen(state.header);
  assertRecordableDate('date', input.date, state.header, context.today);
  const follows = input.meetingId === undefined ? undefined : heldMeetingDate(state, input.meetingId, input.date);
  const recorded = (eventNo: number, kind: RecordedEvent['kind']): RecordedEvent => ({
    eventId: `E${eventNo}`,
    kind,
    date: input.date,
    ...(follows !== undefined && kind === input.kind ? { follows } : {}),
    ...(input.note !== undefined && kind === input.kind ? { note: input.note } : {}),
    recordedBy: context.actor.aadObjectId,
    recordedAt: context.now.toISOString(),
  });
  const event = recorded(state.header.nextEventNo, input.kind);
  // Seed 004: only a review conference ends a plan, so the review that decided it is recorded with it.
  const ending = input.kind === 'plan-ended';
  const needsReview = ending && !state.events.some((other) => other.kind === 'review-conference-held' && other.date === input.date);
  const events = needsReview ? [event, recorded(state.header.nextEventNo + 1, 'review-conference-held')] : [event];
  const last = state.events.filter((candidate) => candidate.kind === input.kind).map((candidate) => candidate.date).sort().pop();
  const meetingText = input.meetingId === undefined ? '' : ` for ${input.meetingId}`;
  return {
    operation,
    header: {
      ...state.header,
      nextEventNo: state.header.nextEventNo + events.length,
      ...(ending ? { status: 'ended' as const } : {}),
    },
    writes: events.map((value) => ({ kind: 'event' as const, value })),
    before: `last ${input.kind}: ${last ?? 'none'}; case ${state.header.status}`,
    after: events.map((value) => `${value.eventId} ${value.kind} on ${value.date}`).join('; ') + meetingText + (ending ? '; case ended' : ''),
    result: { eventId: event.eventId },
  };
}

/** The date a recorded meeting was held, for paperwork recorded against it: on or after that day only. */
function heldMeetingDate(state: CaseState, meetingId: string, date: LocalDate): LocalDate {
  const held = state.meetings.find((meeting) => meeting.meetingId === meetingId)?.held;
  if (!held) throw new InvalidInput('meetingId', `Meeting ${meetingId} has not been recorded as held on case ${state.header.caseRef}.`);
  if (compareDates(date, held.heldOn) < 0) {
    throw new InvalidInput('date', `${formatShortDate(date)} is before meeting ${meetingId} was held on ${formatShortDate(held.heldOn)}.`);
  }
  return held.heldOn;
}

/** The state a decision leads to: rows replaced by id, new rows appended. */
export function applyDecision(state: CaseState | null, header: CaseHeader, writes: readonly CaseWrite[]): CaseState {
  let members = state?.members ?? [];
  let meetings = state?.meetings ?? [];
  let answers = state?.answers ?? [];
  let events = state?.events ?? [];
  let claims = state?.claims ?? [];
  const upsert = <T>(list: readonly T[], value: T, same: (a: T, b: T) => boolean): T[] =>
    list.some((item) => same(item, value)) ? list.map((item) => (same(item, value) ? value : item)) : [...list, value];
  for (const write of writes) {
    if (write.kind === 'member') members = upsert(members, write.value, (a, b) => a.memberId === b.memberId);
    else if (write.kind === 'meeting') meetings = upsert(meetings, write.value, (a, b) => a.meetingId === b.meetingId);
    else if (write.kind === 'answer') answers = upsert(answers, write.value, (a, b) => a.meetingId === b.meetingId && a.memberId === b.memberId);
    else if (write.kind === 'event') events = upsert(events, write.value, (a, b) => a.eventId === b.eventId);
    else if (write.kind === 'claim') claims = upsert(claims, write.value, (a, b) => a.claimId === b.claimId);
  }
  return { header, members, meetings, answers, events, claims };
}
