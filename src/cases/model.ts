import { z } from 'zod';
import type { ContributionHeading, WrittenUpdatePart } from '../policy/schema.js';
import { isLocalDate, type LocalDate } from '../time/localDate.js';
import { CASE_EVENT_KINDS, type CaseEvent, type CaseEventKind } from '../timeline/events.js';
import type { CaseOperation } from './authorization.js';
import { FAMILY_ROLES, PROFESSIONAL_ROLES, REMOVAL_REASONS } from './membership.js';

/**
 * The case domain as stored. Plain data: no Teams types, no storage types. People are identified by Entra
 * aadObjectId (Teams users) or by a case-local member id (M1, M2 …); meetings by CG1, CG2 …
 */

/**
 * A person: who acts (every operation names one), who asks, who is told. The bot's one identity type too (Entra
 * ids, never names). Both ids are Entra ids (GUIDs; see isEntraId in store/keys.ts).
 */
export interface Actor {
  readonly tenantId: string;
  readonly aadObjectId: string;
}

export const MEETING_TYPES = ['first', 'subsequent', 'last-before-review'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Events the case derives rather than records: the initial conference is the case's own date, core groups held are its meetings. */
const DERIVED_EVENT_KINDS = ['initial-conference', 'core-group-held'] as const satisfies readonly CaseEventKind[];

/** Dated facts recorded directly: every other event of the timeline's vocabulary, so the two lists cannot drift. */
export type RecordedEventKind = Exclude<CaseEventKind, (typeof DERIVED_EVENT_KINDS)[number]>;
const isRecorded = (kind: CaseEventKind): kind is RecordedEventKind => !(DERIVED_EVENT_KINDS as readonly CaseEventKind[]).includes(kind);
// A non-empty tuple, as z.enum takes: the vocabulary has many recorded kinds.
export const RECORDED_EVENT_KINDS = CASE_EVENT_KINDS.filter(isRecorded) as [RecordedEventKind, ...RecordedEventKind[]];

/**
 * Facts of the case that the timeline does not count, kept with the recorded events (one numbering, one row
 * kind): a held core group's record corrected, with why (the corrected record is what the timeline reads).
 */
export const CASE_ONLY_EVENT_KINDS = ['core-group-corrected'] as const;
export type CaseOnlyEventKind = (typeof CASE_ONLY_EVENT_KINDS)[number];
export const isCaseOnlyEvent = (kind: RecordedEventKind | CaseOnlyEventKind): kind is CaseOnlyEventKind => (CASE_ONLY_EVENT_KINDS as readonly string[]).includes(kind);

const date = z.string().refine((value): value is LocalDate => isLocalDate(value));
const ids = z.array(z.string()).readonly();

/** Why a team manager rejects a case created under them; the case is then withdrawn. */
export const REJECT_REASONS = ['not-my-team', 'reference-in-use', 'created-in-error'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
/** Why a case was withdrawn: rejected by its team manager, or its reference handed to another social worker's request. */
export const WITHDRAWAL_REASONS = [...REJECT_REASONS, 'reference-handed-over'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/*
 * Each stored row's type is its schema's output, so a field added to the model is a field the schema reads back:
 * it cannot be stripped on reading and then silently dropped by the next Replace write (caseRepository.ts).
 */
export const caseHeaderSchema = z
  .object({
    tenantId: z.string(),
    /** Upper case, e.g. CP-1042. */
    caseRef: z.string(),
    /** A short neutral name the social worker chose; never the child's name. */
    alias: z.string().optional(),
    policyId: z.string(),
    initialConferenceDate: date,
    socialWorker: z.string(),
    teamManager: z.string(),
    /** The conference chair (independent reviewing officer): quality assurance, not core group business. */
    chair: z.string(),
    /** Seed 000's escalations name them (a missed core group under six-weekly-isu); recorded by the team manager. */
    serviceDeliveryManager: z.string().optional(),
    /** Withdrawn: rejected by its team manager or its reference handed over; kept for the audit, seen by nobody. */
    status: z.enum(['open', 'ended', 'withdrawn']),
    /**
     * Whether the team manager named has confirmed the case is theirs. Work goes on while awaiting (statutory clocks
     * run from the conference); a case its own team manager created needs no confirmation.
     */
    confirmation: z.enum(['awaiting-team-manager', 'confirmed']),
    withdrawal: z.object({ reason: z.enum(WITHDRAWAL_REASONS), by: z.string(), at: z.string() }).readonly().optional(),
    /** Other social workers' requests for this reference, waiting for the team manager's decision. */
    pendingClaims: z.number().int(),
    createdAt: z.string(),
    /** Bumped by every change to the case row; index rows record the version they were written for. */
    version: z.number().int(),
    nextMemberNo: z.number().int(),
    nextMeetingNo: z.number().int(),
    nextEventNo: z.number().int(),
    nextClaimNo: z.number().int(),
    /** What the timeline engine said falls due next, as of this version; null when nothing does. */
    nextDue: date.nullable().default(null),
    /**
     * When a sweep must next look at the case: the earlier of nextDue and the next meeting arranged (its invitation
     * reminders go out days before it, maybe long before anything falls due); the due index holds this date. Null
     * when neither is. Case rows written before it have none: their nextDue was their index date.
     */
    attentionDate: date.nullable().optional(),
  })
  .transform(({ attentionDate, ...header }) => ({ ...header, attentionDate: attentionDate === undefined ? header.nextDue : attentionDate }))
  .readonly();
export type CaseHeader = z.output<typeof caseHeaderSchema>;
export type CaseStatus = CaseHeader['status'];

/** Why and when someone left the core group, and who took them off it (a code, never free text). */
const removalSchema = z.object({ reason: z.enum(REMOVAL_REASONS), on: date, by: z.string() }).readonly();

const memberCommon = {
  memberId: z.string(),
  /**
   * How they are reached and sent papers ("secure email", "printed copy handed over at home visits"): needed for
   * everyone outside Teams, whom the bot cannot message. Never a phone number or an address (validation.ts).
   */
  contactRoute: z.string().optional(),
  status: z.enum(['active', 'removed']),
  addedAt: z.string(),
  /** Set when, and only when, status is removed. */
  removal: removalSchema.optional(),
};

/** A professional: a colleague in Teams (with their Entra id) or someone from another agency outside it. */
const professionalSchema = z.object({
  ...memberCommon,
  role: z.enum(PROFESSIONAL_ROLES),
  /** Set for Teams users in the tenant, whom the bot can message; absent for people outside it. */
  aadObjectId: z.string().optional(),
  /** Needed to run the case; never written to the audit trail or logs. */
  displayName: z.string(),
  email: z.string().optional(),
  agency: z.string(),
});

/** A family member or their supporter: known to the bot by a neutral label only (membership.ts says why). */
const familySchema = z.object({
  ...memberCommon,
  role: z.enum(FAMILY_ROLES),
  /** Unique among the case's active family members, so two parents are told apart on cards without names. */
  label: z.string(),
  /** Never a Teams user: the bot does not message the family. */
  aadObjectId: z.undefined().optional(),
});

export const memberSchema = z.discriminatedUnion('role', [professionalSchema, familySchema]).readonly();
export type Member = z.output<typeof memberSchema>;
export type FamilyMember = Extract<Member, { readonly label: string }>;
export type ProfessionalMember = Exclude<Member, FamilyMember>;
export const isFamilyMember = (member: Member): member is FamilyMember => 'label' in member;
export type MemberRemoval = z.output<typeof removalSchema>;

const meetingHeldSchema = z
  .object({
    heldOn: date,
    attendees: ids,
    apologies: ids,
    absentees: ids,
    chair: z.string(),
    noteTaker: z.string(),
    childViewsRecorded: z.boolean(),
    childViewsNote: z.string().optional(),
    parentsViewsRecorded: z.boolean(),
    parentsViewsNote: z.string().optional(),
    /** Absent on meetings recorded before it was asked. */
    membershipReviewed: z.boolean().optional(),
    recordedAt: z.string(),
  })
  .readonly();
export type MeetingHeld = z.output<typeof meetingHeldSchema>;

export const meetingSchema = z
  .object({
    meetingId: z.string(),
    date,
    /** HH:MM, Europe/London. */
    time: z.string(),
    venue: z.string().optional(),
    onlineLink: z.string().optional(),
    type: z.enum(MEETING_TYPES),
    chair: z.string().optional(),
    noteTaker: z.string().optional(),
    held: meetingHeldSchema.optional(),
    /** Called off before it was held: kept, with its answers, for the record. */
    cancelled: z.object({ on: date, by: z.string() }).readonly().optional(),
  })
  .readonly();
export type Meeting = z.output<typeof meetingSchema>;
/** What is arranged about a meeting, as a schedule or reschedule sets it. */
export const MEETING_ARRANGEMENTS = ['date', 'time', 'venue', 'onlineLink', 'type', 'chair', 'noteTaker'] as const satisfies ReadonlyArray<keyof Meeting>;
export type MeetingArrangement = (typeof MEETING_ARRANGEMENTS)[number];

export { CONTRIBUTION_HEADINGS, WRITTEN_UPDATE_PARTS, type ContributionHeading, type WrittenUpdatePart } from '../policy/schema.js';

/** What a member who cannot attend sends instead: the four parts of a written update ('' where left empty). */
const writtenUpdateSchema = z
  .object({
    progressOnActions: z.string().default(''),
    whatIsWorking: z.string().default(''),
    whatIsNotWorking: z.string().default(''),
    changesToPlan: z.string().default(''),
  })
  .readonly() satisfies z.ZodType<Readonly<Record<WrittenUpdatePart, string>>, z.ZodTypeDef, unknown>;
export type WrittenUpdate = z.output<typeof writtenUpdateSchema>;

/** The agency's written contribution to the joint report, under seed 002's headings ('' where not asked). */
const contributionSchema = z
  .object({
    chronology: z.string().default(''),
    progressOfPlan: z.string().default(''),
    updatesForPlan: z.string().default(''),
    riskAndProtectiveFactors: z.string().default(''),
    voiceOfChild: z.string().default(''),
  })
  .readonly() satisfies z.ZodType<Readonly<Record<ContributionHeading, string>>, z.ZodTypeDef, unknown>;
export type Contribution = z.output<typeof contributionSchema>;

/** A verbal update the member says they gave the key worker (seed 003), until and once the social worker confirms it. */
const verbalUpdateSchema = z.object({ statedAt: z.string(), confirmedBy: z.string().optional(), confirmedAt: z.string().optional() }).readonly();

export const answerSchema = z
  .object({
    meetingId: z.string(),
    memberId: z.string(),
    response: z.enum(['attending', 'apologies']),
    /** With apologies: the written update, or (where the profile allows) a verbal one instead. */
    update: writtenUpdateSchema.optional(),
    verbalUpdate: verbalUpdateSchema.optional(),
    /** Before the last core group before a review, where the profile asks for it: attending or not. */
    contribution: contributionSchema.optional(),
    answeredBy: z.string(),
    /** True when the social worker or team manager recorded it for a member outside Teams (from secure email, say). */
    onBehalf: z.boolean(),
    answeredAt: z.string(),
  })
  .readonly();
export type Answer = z.output<typeof answerSchema>;

export const recordedEventSchema = z
  .object({
    eventId: z.string(),
    kind: z.enum([...RECORDED_EVENT_KINDS, ...CASE_ONLY_EVENT_KINDS]),
    date,
    /** For paperwork: the date of the core group it was for (recorded against that meeting). */
    follows: date.optional(),
    /** For a correction: the meeting whose record was corrected. */
    meetingId: z.string().optional(),
    /** The chair's quality-assurance decision, for missed-core-group decisions; why, for a correction. */
    note: z.string().optional(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .readonly();
export type RecordedEvent = z.output<typeof recordedEventSchema>;

/**
 * Another social worker's request for a reference already taken by a case awaiting confirmation: what the new-case
 * form holds and no more (no family details exist there), kept in the case's partition for its team manager to
 * decide. Handed over, it becomes the case.
 */
export const claimSchema = z
  .object({
    claimId: z.string(),
    /** The social worker asking: they would be the case's social worker and member M1. */
    claimant: z.string(),
    socialWorker: z.object({ displayName: z.string(), email: z.string().optional(), agency: z.string() }).readonly(),
    alias: z.string().optional(),
    policyId: z.string(),
    initialConferenceDate: date,
    teamManager: z.string(),
    chair: z.string(),
    status: z.enum(['pending', 'declined', 'accepted']),
    claimedAt: z.string(),
  })
  .readonly();
export type Claim = z.output<typeof claimSchema>;

export interface CaseState {
  readonly header: CaseHeader;
  readonly members: readonly Member[];
  readonly meetings: readonly Meeting[];
  readonly answers: readonly Answer[];
  readonly events: readonly RecordedEvent[];
  readonly claims: readonly Claim[];
}

/** A person's standing on one case; a person may hold several (a social worker is also member M1). */
export type CaseRole = 'social-worker' | 'team-manager' | 'chair' | 'member';

export interface MeetingView extends Meeting {
  readonly answers: readonly Answer[];
}

/** What an operation returns: the case as the actor may see it after the change. */
export interface CaseView {
  readonly caseRef: string;
  readonly alias?: string;
  readonly policyId: string;
  readonly status: CaseStatus;
  readonly confirmation: CaseHeader['confirmation'];
  readonly initialConferenceDate: LocalDate;
  readonly socialWorker: string;
  readonly teamManager: string;
  readonly chair: string;
  readonly serviceDeliveryManager?: string;
  readonly nextDue: LocalDate | null;
  readonly version: number;
  /** Everyone for those who run the case; only themself for a member. */
  readonly members: readonly Member[];
  readonly meetings: readonly MeetingView[];
  readonly recordedEvents: readonly RecordedEvent[];
  /** What the timeline engine sees. */
  readonly events: readonly CaseEvent[];
  /** Pending requests for this reference from other social workers: for the team manager, who decides them. */
  readonly claims: readonly Claim[];
  /** The viewer's roles and what the role matrix lets them do, so forms and views never decide it themselves. */
  readonly viewer: { readonly roles: readonly CaseRole[]; readonly allowed: readonly CaseOperation[]; readonly memberId?: string };
}
