import { createCalendars } from '../../src/calendar/index.js';
import type { Answer, CaseState, Contribution, Meeting, Member, MeetingType, RecordedEvent, RecordedEventKind } from '../../src/cases/model.js';
import { createPolicyRegistry } from '../../src/policy/index.js';
import { noticesDue, sweepSettingsSchema, type Notice, type SweepSettingsInput } from '../../src/sweep/index.js';
import { parseLocalDate, type LocalDate } from '../../src/time/localDate.js';

/** Fixed ids, so expected keys can be written out. */
export const TENANT = '0f6e2a52-0000-4000-8000-000000000000';
export const SW = '00000000-0000-4000-8000-0000000000a1';
export const TM = '00000000-0000-4000-8000-0000000000b2';
export const CHAIR = '00000000-0000-4000-8000-0000000000c3';
export const HEALTH = '00000000-0000-4000-8000-0000000000d4';
export const SCHOOL = '00000000-0000-4000-8000-0000000000e5';
export const CASE_REF = 'CP-1042';

const at = '2027-01-01T09:00:00.000Z';
const professional = (memberId: string, aadObjectId: string | undefined, agency: string): Member => ({
  memberId,
  ...(aadObjectId !== undefined && { aadObjectId }),
  role: 'professional',
  displayName: `Person ${memberId}`,
  agency,
  status: 'active',
  addedAt: at,
});

/**
 * The social worker (M1), a health visitor (M2) and a school nurse (M3) in Teams, a parent known as "Parent A"
 * (M4) and a police officer outside Teams (M5): whom each rule picks from is the point of most tests.
 */
export const MEMBERS: readonly Member[] = [
  professional('M1', SW, "Children's social care"),
  professional('M2', HEALTH, 'Health visiting'),
  professional('M3', SCHOOL, 'School nursing'),
  { memberId: 'M4', role: 'parent-or-carer', label: 'Parent A', status: 'active', addedAt: at },
  professional('M5', undefined, 'Police'),
];

export const scheduled = (meetingId: string, date: string, type: MeetingType = 'subsequent'): Meeting => ({
  meetingId,
  date: parseLocalDate(date),
  time: '10:00',
  type,
  chair: 'M1',
  noteTaker: 'M2',
});

export const held = (meetingId: string, date: string, noteTaker = 'M2', type: MeetingType = 'subsequent'): Meeting => ({
  ...scheduled(meetingId, date, type),
  held: {
    heldOn: parseLocalDate(date),
    attendees: ['M1', 'M2', 'M3'],
    apologies: [],
    absentees: [],
    chair: 'M1',
    noteTaker,
    childViewsRecorded: true,
    parentsViewsRecorded: true,
    recordedAt: at,
  },
});

const CONTRIBUTION: Contribution = { chronology: 'c', progressOfPlan: 'p', updatesForPlan: 'u', riskAndProtectiveFactors: 'r', voiceOfChild: 'v' };

export const answer = (meetingId: string, memberId: string, response: Answer['response'], withContribution = false): Answer => ({
  meetingId,
  memberId,
  response,
  ...(response === 'apologies' && { update: { progressOnActions: 'p', whatIsWorking: 'w', whatIsNotWorking: 'n', changesToPlan: 'c' } }),
  ...(withContribution && { contribution: CONTRIBUTION }),
  answeredBy: memberId,
  onBehalf: false,
  answeredAt: at,
});

export const recorded = (kind: RecordedEventKind, date: string, follows?: string): RecordedEvent => ({
  eventId: `E${date}${kind}`,
  kind,
  date: parseLocalDate(date),
  ...(follows !== undefined && { follows: parseLocalDate(follows) }),
  recordedBy: SW,
  recordedAt: at,
});

export interface CaseSpec {
  readonly policyId: string;
  readonly icpc: string;
  readonly meetings?: readonly Meeting[];
  readonly answers?: readonly Answer[];
  readonly events?: readonly RecordedEvent[];
  readonly status?: CaseState['header']['status'];
  readonly serviceDeliveryManager?: string;
}

export function caseState(spec: CaseSpec): CaseState {
  return {
    header: {
      tenantId: TENANT,
      caseRef: CASE_REF,
      alias: 'Blue',
      policyId: spec.policyId,
      initialConferenceDate: parseLocalDate(spec.icpc),
      socialWorker: SW,
      teamManager: TM,
      chair: CHAIR,
      ...(spec.serviceDeliveryManager !== undefined && { serviceDeliveryManager: spec.serviceDeliveryManager }),
      status: spec.status ?? 'open',
      confirmation: 'confirmed',
      pendingClaims: 0,
      createdAt: at,
      version: 1,
      nextMemberNo: 6,
      nextMeetingNo: (spec.meetings?.length ?? 0) + 1,
      nextEventNo: (spec.events?.length ?? 0) + 1,
      nextClaimNo: 1,
      nextDue: null,
      attentionDate: null,
    },
    members: MEMBERS,
    meetings: spec.meetings ?? [],
    answers: spec.answers ?? [],
    events: spec.events ?? [],
    claims: [],
  };
}

const policies = createPolicyRegistry();
const calendars = createCalendars();

export function sweep(state: CaseState, today: string, settings: SweepSettingsInput = {}): Notice[] {
  return noticesDue(state, parseLocalDate(today), { policies, calendars, settings: sweepSettingsSchema.parse(settings) });
}

/** Notices as `kind subject recipient-role[/member] date`: one line each, for tables of days. */
export const brief = (notices: readonly Notice[]): string[] =>
  notices.map((n) => `${n.kind} ${n.key.subject} ${n.recipient.role}${n.recipient.memberId ? `/${n.recipient.memberId}` : ''} ${n.key.date}`);

export const day = (date: string): LocalDate => parseLocalDate(date);
