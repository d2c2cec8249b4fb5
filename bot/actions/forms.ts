import { z } from 'zod';
import type { AnswerValues } from '../../cards/index.js';
import { MEMBER_ROLES } from '../../src/cases/membership.js';
import { isEntraId } from '../../src/store/keys.js';

/**
 * What card submits carry. Adaptive Card inputs are client hints only (isRequired, maxLength, regex), so every
 * submit is parsed here; the case service then applies the domain rules. Missing inputs arrive as absent or
 * empty strings: both become ''.
 */
const field = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? value.trim() : ''))
  .pipe(z.string().max(10_000, 'That is longer than any field allows'));

const EXPIRED = 'This form has expired: open a new one';
const requestId = z.string({ required_error: EXPIRED, invalid_type_error: EXPIRED }).uuid(EXPIRED);
/** What the card itself carries (not what a person typed): missing or wrong, the card is not one of ours. */
const NO_CASE = 'The card did not say which case';
const caseRef = z.string({ required_error: NO_CASE, invalid_type_error: NO_CASE }).trim().min(1, NO_CASE).max(32, NO_CASE);

export const newCaseValues = z.object({
  caseRef: field,
  alias: field,
  policyId: field,
  initialConferenceDate: field,
  teamManager: field,
  chair: field,
});

/** A card that acts on one case: the members card's buttons, the add-member form, a case's Members button. */
export const caseRequest = z.object({ caseRef });

/** The request that a form belongs to: without it the form is stale. */
export const formRequest = z.object({ requestId });

export const addMemberValues = z.object({
  role: field,
  aadObjectId: field,
  displayName: field,
  agency: field,
  email: field,
  label: field,
  contactRoute: field,
});

/** Checked before the domain's own rules, so the person reads what to do rather than a list of codes. */
export const memberRole = z.object({ role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: 'Choose the member’s role in the core group' }) }) });

const NO_MEMBER = 'The card did not say which member';

/** A Remove button on the members card, or the confirmation it opens: which member of which case. */
export const memberRequest = z.object({
  caseRef,
  memberId: z.string({ required_error: NO_MEMBER, invalid_type_error: NO_MEMBER }).trim().min(1, NO_MEMBER).max(16, NO_MEMBER),
});

export const staffValues = z.object({ aadObjectId: field, displayName: field, roles: field });

const NO_PERSON = 'The card did not say who';
/** Our cards name a person by their Entra id; anything else would reach storage as a key it refuses, a fault. */
const person = z.string({ required_error: NO_PERSON, invalid_type_error: NO_PERSON }).trim().refine(isEntraId, NO_PERSON);

/** "Change" on the staff card names the person; "Add a person" names nobody. */
export const staffFormSubmit = z.object({ aadObjectId: person.optional() });

/** "Remove" on the staff card: the person, and the card's request id, which makes a re-sent press the same request. */
export const staffRemoveSubmit = z.object({ aadObjectId: person, requestId });

export const removeMemberValues = z.object({ reason: field });
const NO_MEETING = 'The card did not say which meeting';
/** A card about one meeting of a case: recording it, what follows it, rescheduling or cancelling it. */
export const meetingRequest = z.object({
  caseRef,
  meetingId: z.string({ required_error: NO_MEETING, invalid_type_error: NO_MEETING }).trim().min(1, NO_MEETING).max(16, NO_MEETING),
});

export const recordMeetingValues = z.object({
  heldOn: field,
  chair: field,
  noteTaker: field,
  childViewsRecorded: field,
  childViewsNote: field,
  parentsViewsRecorded: field,
  parentsViewsNote: field,
  membershipReviewed: field,
  reason: field,
});

/** Each member's attendance input, by member id, as the record form names them. */
export const ATTENDANCE_INPUT = 'attendance-';
/** The date beside each follow-up's Record, by event, as the follow-ups card names them. */
export const DONE_INPUT = 'done-';

/** The inputs a card sent whose ids start with `prefix`, by the rest of the id. */
export function inputsNamed(data: unknown, prefix: string): Map<string, string> {
  const sent = z.record(z.unknown()).safeParse(data);
  if (!sent.success) return new Map();
  // A value no field could hold reads as not given, which the domain then names.
  const valueOf = (value: unknown) => field.safeParse(value).data ?? '';
  return new Map(Object.entries(sent.data).flatMap(([id, value]) => (id.startsWith(prefix) ? [[id.slice(prefix.length), valueOf(value)] as const] : [])));
}

/** The role hand-over form: which role, and who (as the people picker returned them). */
export const reassignRoleValues = z.object({ role: field, to: field });
/** Confirm, Reject or "Give … to" on a team manager's decision card; the reason is the card's input, checked by the domain. */
export const caseDecisionSubmit = z.object({ caseRef, requestId, reason: field, claimId: field });

/** "Confirm or reject" on a line of the team manager's lists. */
export const caseDecideSubmit = z.object({ caseRef });

/** An invitation's or answer card's button: the meeting, and for whom when recorded on their behalf ('' for oneself). */
export const answerRequest = meetingRequest.extend({
  memberId: field.pipe(z.string().max(16, NO_MEMBER)).transform((memberId) => (memberId === '' ? undefined : memberId)),
});

/** The apologies form's boxes; the toggle submits "true" or "false". */
export const answerValues = z.object({
  progressOnActions: field,
  whatIsWorking: field,
  whatIsNotWorking: field,
  changesToPlan: field,
  chronology: field,
  progressOfPlan: field,
  updatesForPlan: field,
  riskAndProtectiveFactors: field,
  voiceOfChild: field,
  verbalUpdate: field,
}) satisfies z.ZodType<AnswerValues, z.ZodTypeDef, unknown>;

export const scheduleMeetingValues = z.object({ date: field, time: field, venue: field, onlineLink: field, type: field, chair: field, noteTaker: field });
