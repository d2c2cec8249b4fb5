import type { WorkingCalendar } from '../calendar/index.js';
import { nextScheduled, type ScheduledMeeting } from '../cases/caseDigest.js';
import type { CaseState } from '../cases/model.js';
import { FOLLOW_UP_KINDS, JOINT_REPORT_KINDS, type Role } from '../policy/schema.js';
import type { SweepDeps } from '../sweep/index.js';
import { addWeeks, type LocalDate } from '../time/localDate.js';
import { describeObligation, isMetByEvent, isOpen, MET_BY, type CaseEventKind, type Firmness, type Obligation, type ObligationKind, type Timeline } from '../timeline/index.js';

/**
 * A chair's or team manager's digest: what is overdue across the cases they chair or manage, then what falls due
 * within five working days, grouped by case, each line with the engine's reason and what resolves it; weekly, a
 * record of timeliness too. Pure: the same cases and day give the same digest. Case references and aliases only.
 */

/** The roles a digest is for. */
const DIGEST_ROLES = ['chair', 'team-manager'] as const;
export type DigestRole = (typeof DIGEST_ROLES)[number];

export type DigestVariant = 'daily' | 'weekly';

/** Whom a digest is for, and in which of their roles (a case they are only a member of is not theirs to chase). */
export interface DigestPerson {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly roles: readonly DigestRole[];
}

/** One of their cases, with its timeline for today (as the sweep computed it). */
export interface DigestCase {
  readonly state: CaseState;
  readonly timeline: Timeline;
}

export type DigestDeps = Pick<SweepDeps, 'policies' | 'calendars'>;

/** "Due within 5 working days" (issue 10), counted in each case's nation, today as day 0. */
export const DUE_WITHIN_WORKING_DAYS = 5;
/** The timeliness record looks back this far (issue 10: "over the last 12 weeks"). */
export const TIMELINESS_WEEKS = 12;

/**
 * What resolves a line, as data: the bot words it, with the chat phrase or button where it has one.
 * - `schedule`: no core group is arranged; `record-held`: one is arranged on or before today and not recorded;
 *   `hold`: one is arranged for a later day.
 * - `record-follow-up`: paperwork recorded against the core group it follows (the follow-ups of that meeting).
 * - `outside`: done and recorded outside the bot (a review conference, a visit, the ISU's outline plan).
 */
export type DigestAction =
  | { readonly kind: 'schedule' }
  | { readonly kind: 'record-held'; readonly meeting: ScheduledMeeting }
  | { readonly kind: 'hold'; readonly meeting: ScheduledMeeting }
  | { readonly kind: 'record-follow-up'; readonly event: CaseEventKind; readonly meetingId: string; readonly lastHeld: boolean }
  | { readonly kind: 'outside' };

export interface DigestLine {
  readonly kind: ObligationKind;
  /** "Core group 2", "Plan circulated": the engine's words (describeObligation). */
  readonly label: string;
  readonly due: LocalDate;
  readonly status: 'overdue' | 'due-today' | 'upcoming';
  readonly firmness: Firmness;
  /** The engine's basis: what the date is counted from, in the procedure's words. */
  readonly basis: string;
  /** Whose it is to do, as the procedure says. */
  readonly owner: Role;
  /** The core group it follows, for paperwork. */
  readonly follows?: LocalDate;
  readonly action: DigestAction;
}

export interface DigestCaseLines {
  readonly caseRef: string;
  readonly alias?: string;
  /** The person's roles on this case. */
  readonly roles: readonly DigestRole[];
  readonly lines: readonly DigestLine[];
}

/** Deadlines that fell due in the period: met by their date, met after it, or not met (missed, or still overdue). */
export interface Tally {
  readonly onTime: number;
  readonly late: number;
  readonly missed: number;
}

export interface Timeliness {
  /** The first day of the period; it runs to the day before the digest's. */
  readonly from: LocalDate;
  readonly coreGroups: Tally;
  readonly paperwork: Tally;
}

export interface Digest {
  readonly tenantId: string;
  readonly recipientId: string;
  readonly date: LocalDate;
  readonly variant: DigestVariant;
  /** How many cases of theirs were read: "across your 4 cases". */
  readonly caseCount: number;
  readonly overdue: readonly DigestCaseLines[];
  readonly dueSoon: readonly DigestCaseLines[];
  /** Weekly only. */
  readonly timeliness?: Timeliness;
}

/** The person's roles on a case, of those the digest is for; none when it is not theirs to chase. */
export function rolesOn(person: DigestPerson, state: CaseState): DigestRole[] {
  const holds: Readonly<Record<DigestRole, string>> = { chair: state.header.chair, 'team-manager': state.header.teamManager };
  return person.roles.filter((role) => holds[role] === person.aadObjectId);
}

/** The open cases the digest reads: those the person chairs or manages, in the roles asked for. */
export function casesFor(person: DigestPerson, cases: readonly DigestCase[]): DigestCase[] {
  return cases.filter((item) => item.state.header.status === 'open' && item.state.header.tenantId === person.tenantId && rolesOn(person, item.state).length > 0);
}

/** The working calendar of the case's nation. */
export const calendarOf = (item: DigestCase, deps: DigestDeps): WorkingCalendar => deps.calendars[deps.policies.require(item.state.header.policyId).nation];

/** The core group and its escalation are resolved by holding one: arrange it, record it, or hold the one arranged. */
function meetingAction(state: CaseState, today: LocalDate): DigestAction {
  const meeting = nextScheduled(state.meetings);
  if (meeting === null) return { kind: 'schedule' };
  return meeting.date <= today ? { kind: 'record-held', meeting } : { kind: 'hold', meeting };
}

function actionOf(obligation: Obligation, state: CaseState, today: LocalDate): DigestAction {
  if (obligation.kind === 'core-group' || obligation.kind === 'missed-core-group-escalation') return meetingAction(state, today);
  const { follows } = obligation;
  const held = state.meetings.filter((meeting) => meeting.held !== undefined);
  const meeting = held.find((candidate) => candidate.held?.heldOn === follows);
  if (!isMetByEvent(obligation.kind) || follows === undefined || meeting === undefined) return { kind: 'outside' };
  const lastHeld = held.every((other) => (other.held?.heldOn ?? '') <= follows);
  return { kind: 'record-follow-up', event: MET_BY[obligation.kind], meetingId: meeting.meetingId, lastHeld };
}

function lineOf(obligation: Obligation, state: CaseState, today: LocalDate): DigestLine {
  const { kind, due, firmness, basis, owner, follows } = obligation;
  const status = obligation.status === 'overdue' || obligation.status === 'due-today' ? obligation.status : 'upcoming';
  return { kind, label: describeObligation(obligation), due, status, firmness, basis, owner, ...(follows !== undefined && { follows }), action: actionOf(obligation, state, today) };
}

const caseLines = (person: DigestPerson, item: DigestCase, lines: readonly DigestLine[]): DigestCaseLines => {
  const { caseRef, alias } = item.state.header;
  return { caseRef, ...(alias !== undefined && { alias }), roles: rolesOn(person, item.state), lines };
};

/** Cases in the order their first line falls due, then by reference. */
const byFirstDue = (a: DigestCaseLines, b: DigestCaseLines): number => {
  const [first, second] = [a.lines[0]?.due ?? '', b.lines[0]?.due ?? ''];
  return first < second ? -1 : first > second ? 1 : a.caseRef.localeCompare(b.caseRef);
};

const PAPERWORK: ReadonlySet<ObligationKind> = new Set([...FOLLOW_UP_KINDS, ...JOINT_REPORT_KINDS]);

function tally(obligations: readonly Obligation[]): Tally {
  return {
    onTime: obligations.filter((o) => o.status === 'met' && o.daysLate === undefined).length,
    late: obligations.filter((o) => o.status === 'met' && o.daysLate !== undefined).length,
    missed: obligations.filter((o) => o.status === 'missed' || o.status === 'overdue').length,
  };
}

/**
 * Deadlines (not targets, which are no breach; not undated duties) that fell due in the last 12 weeks, before
 * today, across the cases: a chair's quality-assurance record. The engine says which were met late (met-late).
 */
function timelinessOf(cases: readonly DigestCase[], today: LocalDate): Timeliness {
  const from = addWeeks(today, -TIMELINESS_WEEKS);
  const due = cases.flatMap((item) => item.timeline.obligations.filter((o) => o.firmness === 'deadline' && o.due >= from && o.due < today));
  return { from, coreGroups: tally(due.filter((o) => o.kind === 'core-group')), paperwork: tally(due.filter((o) => PAPERWORK.has(o.kind))) };
}

const isEmpty = ({ onTime, late, missed }: Tally): boolean => onTime + late + missed === 0;

/**
 * The digest for one person on one day, or null when there is nothing to say: no line, and (weekly) no deadline
 * in the period either. Overdue holds what is past its date (a passed target too, worded as one); due soon what
 * falls due from today to 5 working days ahead in the case's nation.
 */
export function digestFor(person: DigestPerson, cases: readonly DigestCase[], today: LocalDate, variant: DigestVariant, deps: DigestDeps): Digest | null {
  const theirs = casesFor(person, cases);
  const overdue: DigestCaseLines[] = [];
  const dueSoon: DigestCaseLines[] = [];
  for (const item of theirs) {
    const horizon = calendarOf(item, deps).addWorkingDays(today, DUE_WITHIN_WORKING_DAYS);
    const open = item.timeline.obligations.filter(isOpen);
    const past = open.filter((o) => o.status === 'overdue');
    const coming = open.filter((o) => o.status !== 'overdue' && o.due <= horizon);
    if (past.length > 0) overdue.push(caseLines(person, item, past.map((o) => lineOf(o, item.state, today))));
    if (coming.length > 0) dueSoon.push(caseLines(person, item, coming.map((o) => lineOf(o, item.state, today))));
  }
  const timeliness = variant === 'weekly' ? timelinessOf(theirs, today) : undefined;
  const quiet = overdue.length === 0 && dueSoon.length === 0 && (timeliness === undefined || (isEmpty(timeliness.coreGroups) && isEmpty(timeliness.paperwork)));
  if (quiet) return null;
  return {
    tenantId: person.tenantId,
    recipientId: person.aadObjectId,
    date: today,
    variant,
    caseCount: theirs.length,
    overdue: overdue.sort(byFirstDue),
    dueSoon: dueSoon.sort(byFirstDue),
    ...(timeliness !== undefined && { timeliness }),
  };
}
