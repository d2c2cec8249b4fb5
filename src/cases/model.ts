import type { LocalDate } from '../time/localDate.js';
import { CASE_EVENT_KINDS, type CaseEvent, type CaseEventKind } from '../timeline/events.js';

/**
 * The case domain as stored. Plain data: no Teams types, no storage types. People are identified by Entra
 * aadObjectId (Teams users) or by a case-local member id (M1, M2 …); meetings by CG1, CG2 …
 */

/** Who is acting: every operation names one. Both ids are Entra ids (GUIDs; see isEntraId in store/keys.ts). */
export interface Actor {
  readonly tenantId: string;
  readonly aadObjectId: string;
}

export const MEMBER_ROLES = ['professional', 'parent-or-carer', 'child-or-young-person', 'advocate-or-supporter'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEETING_TYPES = ['first', 'subsequent', 'last-before-review'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Events the case derives rather than records: the initial conference is the case's own date, core groups held are its meetings. */
const DERIVED_EVENT_KINDS = ['initial-conference', 'core-group-held'] as const satisfies readonly CaseEventKind[];

/** Dated facts recorded directly: every other event of the timeline's vocabulary, so the two lists cannot drift. */
export type RecordedEventKind = Exclude<CaseEventKind, (typeof DERIVED_EVENT_KINDS)[number]>;
const isRecorded = (kind: CaseEventKind): kind is RecordedEventKind => !(DERIVED_EVENT_KINDS as readonly CaseEventKind[]).includes(kind);
// A non-empty tuple, as z.enum takes: the vocabulary has many recorded kinds.
export const RECORDED_EVENT_KINDS = CASE_EVENT_KINDS.filter(isRecorded) as [RecordedEventKind, ...RecordedEventKind[]];

export type CaseStatus = 'open' | 'ended';

export interface CaseHeader {
  readonly tenantId: string;
  /** Upper case, e.g. CP-1042. */
  readonly caseRef: string;
  /** A short neutral name the social worker chose; never the child's name. */
  readonly alias?: string;
  readonly policyId: string;
  readonly initialConferenceDate: LocalDate;
  readonly socialWorker: string;
  readonly teamManager: string;
  /** The conference chair (independent reviewing officer): quality assurance, not core group business. */
  readonly chair: string;
  readonly status: CaseStatus;
  readonly createdAt: string;
  /** Bumped by every change to the case row; index rows record the version they were written for. */
  readonly version: number;
  readonly nextMemberNo: number;
  readonly nextMeetingNo: number;
  readonly nextEventNo: number;
  /** What the timeline engine said falls due next, as of this version; null when nothing does. */
  readonly nextDue: LocalDate | null;
}

export interface Member {
  readonly memberId: string;
  /** Set for Teams users in the tenant; absent for people outside it. */
  readonly aadObjectId?: string;
  /** False for people outside the tenant: the bot must tell the social worker to reach them another way. */
  readonly reachableInTeams: boolean;
  /** Needed to run the case; never written to the audit trail or logs. */
  readonly displayName: string;
  readonly email?: string;
  readonly agency: string;
  readonly role: MemberRole;
  readonly contactRoute: string;
  /** How information is shared with this person securely (e.g. "secure email", "hand delivered"). */
  readonly secureSharing: string;
  readonly status: 'active' | 'removed';
  readonly addedAt: string;
}

export interface MeetingHeld {
  readonly heldOn: LocalDate;
  readonly attendees: readonly string[];
  readonly apologies: readonly string[];
  readonly absentees: readonly string[];
  readonly chair: string;
  readonly noteTaker: string;
  readonly childViewsRecorded: boolean;
  readonly parentsViewsRecorded: boolean;
  readonly recordedAt: string;
}

export interface Meeting {
  readonly meetingId: string;
  readonly date: LocalDate;
  /** HH:MM, Europe/London. */
  readonly time: string;
  readonly venue?: string;
  readonly onlineLink?: string;
  readonly type: MeetingType;
  readonly chair?: string;
  readonly noteTaker?: string;
  readonly held?: MeetingHeld;
}

/** What a member who cannot attend sends instead: the four parts of a written update. */
export interface WrittenUpdate {
  readonly progressOnActions: string;
  readonly whatIsWorking: string;
  readonly whatIsNotWorking: string;
  readonly changesToPlan: string;
}

export const WRITTEN_UPDATE_PARTS = ['progressOnActions', 'whatIsWorking', 'whatIsNotWorking', 'changesToPlan'] as const;

export interface Answer {
  readonly meetingId: string;
  readonly memberId: string;
  readonly response: 'attending' | 'apologies';
  readonly update?: WrittenUpdate;
  readonly answeredBy: string;
  /** True when the social worker or team manager recorded it for a member outside Teams. */
  readonly onBehalf: boolean;
  readonly answeredAt: string;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly kind: RecordedEventKind;
  readonly date: LocalDate;
  /** For paperwork: the date of the core group it was for (recorded against that meeting). */
  readonly follows?: LocalDate;
  /** The chair's quality-assurance decision, for missed-core-group decisions. */
  readonly note?: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface CaseState {
  readonly header: CaseHeader;
  readonly members: readonly Member[];
  readonly meetings: readonly Meeting[];
  readonly answers: readonly Answer[];
  readonly events: readonly RecordedEvent[];
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
  readonly initialConferenceDate: LocalDate;
  readonly socialWorker: string;
  readonly teamManager: string;
  readonly chair: string;
  readonly nextDue: LocalDate | null;
  readonly version: number;
  /** Everyone for those who run the case; only themself for a member. */
  readonly members: readonly Member[];
  readonly meetings: readonly MeetingView[];
  readonly recordedEvents: readonly RecordedEvent[];
  /** What the timeline engine sees. */
  readonly events: readonly CaseEvent[];
  readonly viewer: { readonly roles: readonly CaseRole[]; readonly memberId?: string };
}
