import { z } from 'zod';
import { isEntraId } from '../store/keys.js';
import { characterCount } from '../store/text.js';
import { isLocalDate, type LocalDate } from '../time/localDate.js';
import { InvalidInput } from './errors.js';
import { FAMILY_ROLES, MEMBER_ROLES, PROFESSIONAL_ROLES, REMOVAL_REASONS } from './membership.js';
import { CONTRIBUTION_LABELS, problemWith, UPDATE_PART_LABELS } from './apologies.js';
import { CONTRIBUTION_HEADINGS, MEETING_TYPES, RECORDED_EVENT_KINDS, REJECT_REASONS, WRITTEN_UPDATE_PARTS } from './model.js';

/**
 * The shape of every operation's input. Text is limited in characters (as people count them) and refused, not
 * cut, when too long; the limits keep every stored property far below Azure's 64 KiB.
 */
export const LIMITS = {
  caseRef: 32,
  alias: 40,
  name: 200,
  email: 254,
  agency: 200,
  /** A family member's neutral label ("Parent A", "Grandparent"): short, as it heads their line on every card. */
  label: 30,
  contactRoute: 200,
  venue: 500,
  link: 2000,
  /** Each of the four parts of a written update. */
  writtenUpdatePart: 8000,
  note: 2000,
  /** Why a held core group's record was corrected. */
  correctionReason: 1000,
  businessKey: 256,
} as const;

/**
 * Refused in any text: C0 and C1 control characters (tab and line breaks apart) and the bidirectional
 * embeddings, overrides and isolates, which make text display in an order other than the one it is stored in.
 * The plain direction marks (U+200E, U+200F) reorder nothing by themselves and occur in real names: allowed.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAK = /[\r\n\t\u2028\u2029]/;

export function text(label: string, max: number, options: { multiline?: boolean; required?: boolean; needed?: string } = {}) {
  const needed = options.needed ?? `${label} is needed`;
  return z
    .string({ required_error: needed, invalid_type_error: `${label} must be text` })
    .transform((value) => value.trim())
    .superRefine((value, context) => {
      const count = characterCount(value);
      if (options.required !== false && count === 0) context.addIssue({ code: 'custom', message: needed });
      if (count > max) {
        context.addIssue({ code: 'custom', message: `${label} can be at most ${max.toLocaleString('en-GB')} characters (this is ${count.toLocaleString('en-GB')})` });
      }
      if (CONTROL.test(value) || (!options.multiline && LINE_BREAK.test(value))) {
        context.addIssue({ code: 'custom', message: `${label} contains characters that cannot be stored` });
      }
    });
}

function optionalText(label: string, max: number) {
  return text(label, max, { required: false })
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value));
}

export const localDate = (label: string) =>
  z
    .string({ required_error: `${label} is needed`, invalid_type_error: `${label} must be a date` })
    .refine((value): value is LocalDate => isLocalDate(value), { message: `${label} must be a real date written YYYY-MM-DD` })
    .transform((value) => value as LocalDate);

/** People are picked, not typed: the message says where from (the check itself is isEntraId's, store/keys.ts). */
export const entraId = (label: string, message = `Pick the ${label.toLowerCase()} from your organisation's people`) =>
  z
    .string({ required_error: message })
    .refine(isEntraId, { message })
    .transform((value) => value.toLowerCase());

/** A London wall-clock time, "HH:MM" on the 24-hour clock. */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export const caseRef = z
  .string({ required_error: 'Case reference is needed' })
  .transform((value) => value.trim().toUpperCase())
  .refine((value) => value.length > 0 && value.length <= LIMITS.caseRef && /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/.test(value), {
    message: `Case reference must be letters, digits and single hyphens, at most ${LIMITS.caseRef} characters (e.g. CP-1042)`,
  });

export const memberId = z.string({ required_error: 'Member is needed' }).regex(/^M\d{1,6}$/, 'Member must be a member id such as M3');
export const meetingId = z.string({ required_error: 'Meeting is needed' }).regex(/^CG\d{1,6}$/, 'Meeting must be a meeting id such as CG2');

export const businessKey = z
  .string()
  .min(1, 'Request id must not be empty')
  .max(LIMITS.businessKey, `Request id can be at most ${LIMITS.businessKey} characters`)
  .refine((value) => !CONTROL.test(value) && !LINE_BREAK.test(value), { message: 'Request id contains control characters' });

const SIGN_IN = 'Your Teams sign-in could not be read: sign out of Teams and in again';
export const actor = z.object({ tenantId: entraId('Tenant id', SIGN_IN), aadObjectId: entraId('User id', SIGN_IN) });

const email = z
  .string()
  .trim()
  .max(LIMITS.email, `Email can be at most ${LIMITS.email} characters`)
  .email('Email must be an email address');

/*
 * What a card shows must not identify a family or hold their contact details: a route or a label shows on the
 * members card, so the details themselves (numbers, addresses, emails) are refused there with where they belong.
 */
/** Seven or more digits however spaced or punctuated: a phone number (a room or house number is shorter). */
const PHONE_NUMBER = /\+?\d(?:[\s().-]*\d){6,}/;
/** A UK postcode, the surest sign of an address in a line of text. */
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/i;
const EMAIL_ADDRESS = /[^\s@]+@[^\s@]+\.[^\s@]+/;
/** A label has no use for a run of digits: four or more would be a year of birth or part of a number. */
const DIGIT_RUN = /\d{4,}/;

/** One problem, however many of the patterns the text matches. */
function refusing(patterns: readonly RegExp[], message: string) {
  return (value: string | undefined, context: z.RefinementCtx) => {
    if (value !== undefined && patterns.some((pattern) => pattern.test(value))) context.addIssue({ code: 'custom', message });
  };
}

const ROUTE_DETAILS =
  'No phone numbers, addresses or email addresses here: say how (e.g. secure email, printed copy handed over at home visits) and keep the details in the case file';
const ROUTE = 'How they are reached and sent papers';
const noRouteDetails = refusing([PHONE_NUMBER, POSTCODE, EMAIL_ADDRESS], ROUTE_DETAILS);
/** Needed for everyone outside Teams, whom the bot cannot message. */
const contactRoute = text(ROUTE, LIMITS.contactRoute, { needed: 'Say how they are reached and sent papers, e.g. secure email' }).superRefine(noRouteDetails);
/** A colleague in Teams is reached there; a route for papers is theirs to give or not. */
const optionalContactRoute = optionalText(ROUTE, LIMITS.contactRoute).superRefine(noRouteDetails);

const familyLabel = text('Label', LIMITS.label, { needed: 'Give them a neutral label, such as Parent A or Grandparent' }).superRefine(
  refusing([DIGIT_RUN, PHONE_NUMBER, EMAIL_ADDRESS], 'A label says who they are in the family, such as Parent A or Grandparent: no names, numbers, dates or email addresses'),
);

/** A field that does not belong to this kind of member: refused, saying what to do, rather than quietly dropped. */
const leaveOut = (message: string) => z.undefined({ invalid_type_error: message }).optional();

const professionalRole = z.enum(PROFESSIONAL_ROLES, {
  errorMap: () => ({ message: `A professional's role is one of: ${PROFESSIONAL_ROLES.join(', ')}` }),
});
const familyRole = z.enum(FAMILY_ROLES, { errorMap: () => ({ message: `A family member's role is one of: ${FAMILY_ROLES.join(', ')}` }) });

const professional = {
  displayName: text('Name', LIMITS.name),
  email: email.optional(),
  agency: text('Agency', LIMITS.agency),
  role: professionalRole,
  label: leaveOut('Labels are for family members: a professional is known by name and agency, so leave the label empty'),
};

const NOT_FOR_FAMILY = {
  aadObjectId: leaveOut("Family members are not picked from your organisation's people: clear the colleague box"),
  displayName: leaveOut('Family members are known by a neutral label, never by name: leave the name empty'),
  email: leaveOut("Keep a family member's email in the case file (the bot emails no one): leave this empty"),
  agency: leaveOut('Family members have no agency: leave the agency empty'),
};

export const createCaseInput = z.object({
  caseRef,
  alias: optionalText('Alias', LIMITS.alias),
  policyId: z.string({ required_error: 'Policy is needed' }).trim().min(1, 'Policy is needed').max(100, 'Policy is not a known policy id'),
  initialConferenceDate: localDate('Initial conference date'),
  socialWorker: z.object({
    aadObjectId: entraId('Social worker'),
    displayName: professional.displayName,
    email: professional.email,
    agency: professional.agency,
  }),
  teamManager: entraId('Team manager'),
  chair: entraId('Chair'),
});
export type CreateCaseInput = z.input<typeof createCaseInput>;

export const rejectCaseInput = z.object({ reason: z.enum(REJECT_REASONS, { errorMap: () => ({ message: 'Choose why you are rejecting the case' }) }) });
export type RejectCaseInput = z.input<typeof rejectCaseInput>;

export const handOverInput = z.object({ claimId: z.string({ required_error: 'The card did not say which request' }).regex(/^C\d{1,6}$/, 'The card did not say which request') });
export type HandOverInput = z.input<typeof handOverInput>;

/** A colleague picked in Teams; a professional outside it; or a family member, by label. */
export const addMemberInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('teams'), aadObjectId: entraId('Colleague'), ...professional, contactRoute: optionalContactRoute }),
  z.object({ kind: z.literal('external'), ...professional, contactRoute }),
  z.object({ kind: z.literal('family'), label: familyLabel, role: familyRole, contactRoute, ...NOT_FOR_FAMILY }),
]);
export type AddMemberInput = z.input<typeof addMemberInput>;

/** What can change; which of it fits the member (a label for family, a name for professionals) is the decision's. */
export const updateMemberInput = z.object({
  memberId,
  changes: z
    .object({
      displayName: professional.displayName.optional(),
      label: familyLabel.optional(),
      email: email.optional(),
      agency: professional.agency.optional(),
      role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: 'Choose the member’s role in the core group' }) }).optional(),
      contactRoute: optionalContactRoute,
    })
    .strict('Only name, label, email, agency, role and how they are reached can be changed')
    .refine((changes) => Object.values(changes).some((value) => value !== undefined), { message: 'Say what to change' }),
});
export type UpdateMemberInput = z.input<typeof updateMemberInput>;

export const removeMemberInput = z.object({
  memberId,
  reason: z.enum(REMOVAL_REASONS, { errorMap: () => ({ message: 'Choose why they are leaving the core group' }) }),
});
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

const meetingArrangements = z
  .object({
    date: localDate('Meeting date'),
    time: z.string({ required_error: 'Meeting time is needed' }).regex(TIME_OF_DAY, 'Meeting time must be HH:MM, 24-hour'),
    venue: optionalText('Venue', LIMITS.venue),
    onlineLink: z
      .string()
      .trim()
      .max(LIMITS.link, `Online link can be at most ${LIMITS.link} characters`)
      .url('Online link must be a web address')
      .refine((value) => value.startsWith('https://'), { message: 'Online link must start with https://' })
      .optional(),
    type: z.enum(MEETING_TYPES, { errorMap: () => ({ message: `Meeting type must be one of: ${MEETING_TYPES.join(', ')}` }) }),
    chair: memberId.optional(),
    noteTaker: memberId.optional(),
  });

const somewhere = <T extends { venue?: string | undefined; onlineLink?: string | undefined }>(meeting: T) => meeting.venue !== undefined || meeting.onlineLink !== undefined;
const SOMEWHERE = { message: 'Give a venue or an online link', path: ['venue'] };

export const scheduleMeetingInput = meetingArrangements.refine(somewhere, SOMEWHERE);
export type ScheduleMeetingInput = z.input<typeof scheduleMeetingInput>;

/** The meeting's arrangements as they are to be: every one, as on the form (what is left out is cleared). */
export const rescheduleMeetingInput = meetingArrangements.extend({ meetingId }).refine(somewhere, SOMEWHERE);
export type RescheduleMeetingInput = z.input<typeof rescheduleMeetingInput>;

export const cancelMeetingInput = z.object({ meetingId });
export type CancelMeetingInput = z.input<typeof cancelMeetingInput>;

/** Every part and heading is free text within the limit here; which must be filled in is the procedure's (apologies.ts). */
const boxesOf = <K extends string>(keys: readonly K[], labelOf: (key: K) => string) =>
  z.object(
    Object.fromEntries(keys.map((key) => [key, text(labelOf(key), LIMITS.writtenUpdatePart, { multiline: true, required: false }).default('')])) as Record<
      K,
      z.ZodDefault<ReturnType<typeof text>>
    >,
  );

const writtenUpdate = boxesOf(WRITTEN_UPDATE_PARTS, (part) => UPDATE_PART_LABELS[part]).default({});
const contribution = boxesOf(CONTRIBUTION_HEADINGS, (heading) => CONTRIBUTION_LABELS[heading].label).default({});

export const answerInput = z.discriminatedUnion('response', [
  z.object({ meetingId, memberId: memberId.optional(), response: z.literal('attending'), contribution }),
  z.object({
    meetingId,
    memberId: memberId.optional(),
    response: z.literal('apologies'),
    update: writtenUpdate,
    /** The member says they gave the key worker a verbal update instead (only where the procedure takes one). */
    verbalUpdate: z.boolean({ invalid_type_error: 'Say whether you gave a verbal update' }).default(false),
    contribution,
  }),
]);
export type AnswerInput = z.input<typeof answerInput>;

export const confirmVerbalUpdateInput = z.object({ meetingId, memberId });
export type ConfirmVerbalUpdateInput = z.input<typeof confirmVerbalUpdateInput>;

const memberList = (label: string) => z.array(memberId, { required_error: `${label} is needed` }).max(500);

/** What a held core group's record says, as recorded and as corrected. */
const meetingHeldRecord = z.object({
  meetingId,
  heldOn: localDate('Date held'),
  attendees: memberList('Attendees').min(1, 'At least one member must have attended'),
  apologies: memberList('Apologies'),
  absentees: memberList('Absentees'),
  chair: memberId,
  noteTaker: memberId,
  childViewsRecorded: z.boolean({ required_error: "Say whether the child's views were recorded" }),
  childViewsNote: optionalText("Why the child's views were not recorded", LIMITS.note),
  parentsViewsRecorded: z.boolean({ required_error: "Say whether the parents' views were recorded" }),
  parentsViewsNote: optionalText("Why the parents' views were not recorded", LIMITS.note),
  /** Seed 002: members are opted in and out as the needs of the family change, so each meeting reviews them. */
  membershipReviewed: z.boolean({ required_error: "Say whether the core group's membership was reviewed" }),
});

/**
 * Seeds 001 and 002: the child's and the parents' views are always to be represented and recorded; when they
 * were not, the record says why and how they will be gathered.
 */
function viewsExplained(input: z.output<typeof meetingHeldRecord>, context: z.RefinementCtx): void {
  const missing = [
    ['childViewsNote', input.childViewsRecorded, input.childViewsNote, "child's"],
    ['parentsViewsNote', input.parentsViewsRecorded, input.parentsViewsNote, "parents'"],
  ] as const;
  for (const [field, recorded, note, whose] of missing) {
    if (!recorded && note === undefined) context.addIssue({ code: 'custom', path: [field], message: `Say why the ${whose} views were not recorded, and how they will be gathered` });
  }
}

export const recordMeetingHeldInput = meetingHeldRecord.superRefine(viewsExplained);
export type RecordMeetingHeldInput = z.input<typeof recordMeetingHeldInput>;

export const CORRECTION_REASON_LABEL = 'Why the record is being corrected';

/**
 * The record as it should have been, every field as on the form, and why: a reason that says something (checked as
 * the apologies' required boxes are, so "n/a" is refused), kept on the case with the correction.
 */
export const correctMeetingHeldInput = meetingHeldRecord
  .extend({ reason: text(CORRECTION_REASON_LABEL, LIMITS.correctionReason, { multiline: true, required: false }) })
  .superRefine(viewsExplained)
  .superRefine((input, context) => {
    const problem = problemWith('reason', CORRECTION_REASON_LABEL, input.reason);
    if (problem) context.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type CorrectMeetingHeldInput = z.input<typeof correctMeetingHeldInput>;

export const recordEventInput = z
  .object({
    kind: z.enum(RECORDED_EVENT_KINDS, { errorMap: () => ({ message: `Event must be one of: ${RECORDED_EVENT_KINDS.join(', ')}` }) }),
    date: localDate('Date'),
    /** The core group the paperwork was for; without it, the earliest one still waiting. */
    meetingId: meetingId.optional(),
    note: optionalText('Decision', LIMITS.note),
  })
  .refine((event) => event.kind !== 'missed-core-group-decision' || event.note !== undefined, {
    message: 'Write down the decision',
    path: ['note'],
  });
export type RecordEventInput = z.input<typeof recordEventInput>;

/** Parses input or throws InvalidInput naming the first field at fault; runs before anything is read or written. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new InvalidInput(field, issue?.message ?? 'The request was not understood');
}
