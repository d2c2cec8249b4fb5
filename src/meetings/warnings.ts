import { NATION_LABEL } from '../calendar/index.js';
import type { WorkingCalendar } from '../calendar/workingDays.js';
import { nextScheduled } from '../cases/caseDigest.js';
import type { CaseView, Member } from '../cases/model.js';
import type { Role, RoleRequirement } from '../policy/schema.js';
import { formatLongDate, type LocalDate } from '../time/localDate.js';
import { citeRule, describeClosure, ROLE_LABEL, type Obligation } from '../timeline/index.js';

/**
 * What is worth knowing before a core group is scheduled, without stopping it: the social worker may have good
 * reason (a date the family can make, a chair off sick). Each says where its rule comes from.
 */
export type SchedulingWarningKind = 'already-arranged' | 'after-due' | 'not-working-day' | 'chair-rule' | 'chair-rule-unchecked' | 'attendance' | 'chair-is-note-taker';

export interface SchedulingWarning {
  readonly kind: SchedulingWarningKind;
  readonly text: string;
}

/** The case as scheduling sees it: its procedure, who holds its roles, its core group and its meetings. */
export type SchedulingCase = Pick<CaseView, 'policyId' | 'socialWorker' | 'teamManager' | 'chair' | 'members' | 'meetings'>;

/** The choices on the form that the rules look at. */
export interface ChosenMeeting {
  /** The meeting being rescheduled; none for a new one. */
  readonly meetingId?: string | undefined;
  /** Left out while the date typed is not a date: the rest is still checked. */
  readonly date?: LocalDate | undefined;
  readonly chair?: string | undefined;
  readonly noteTaker?: string | undefined;
}

/** The roles a case records who holds; the rest (a band 7 manager, the ISU) the case cannot name. */
const CASE_ROLES = { 'social-worker': 'socialWorker', 'team-manager': 'teamManager', chair: 'chair' } as const satisfies Partial<Record<Role, keyof SchedulingCase>>;
type CaseRoleName = keyof typeof CASE_ROLES;
const isCaseRole = (role: Role): role is CaseRoleName => Object.hasOwn(CASE_ROLES, role);

/** The active member who holds a case role, if they are in the core group. */
const holderOf = (kase: SchedulingCase, role: CaseRoleName): Member | undefined =>
  kase.members.find((member) => member.status === 'active' && member.aadObjectId === kase[CASE_ROLES[role]]);

/** The member the procedure's chair rule names for this core group, for the form to propose; none if it names nobody the case records. */
export function proposedChair(kase: SchedulingCase, due: Obligation): string | undefined {
  const rule = (due.coreGroup?.requirements ?? []).find((requirement) => requirement.requirement === 'chairs' && requirement.when === undefined);
  return rule !== undefined && isCaseRole(rule.role) ? holderOf(kase, rule.role)?.memberId : undefined;
}

function chairWarning(kase: SchedulingCase, chosen: ChosenMeeting, rule: RoleRequirement): SchedulingWarning | undefined {
  const cited = citeRule(kase.policyId, rule.citation);
  const role = ROLE_LABEL[rule.role];
  if (rule.when === 'case-coordinator-is-aye') {
    // The case does not record the co-ordinator's assessed year, nor who is a band 7 manager: said, not guessed.
    const text = `The case does not record whether the case co-ordinator is in their assessed year in employment (AYE), so I cannot check the chair: if they are, a ${role} must chair ${cited}.`;
    return { kind: 'chair-rule-unchecked', text };
  }
  if (!isCaseRole(rule.role)) return { kind: 'chair-rule-unchecked', text: `The case does not record who the ${role} is, so I cannot check the chair: a ${role} must chair ${cited}.` };
  const holder = holderOf(kase, rule.role);
  if (holder !== undefined && holder.memberId === chosen.chair) return undefined;
  const join = holder === undefined ? ` The ${role} is not in the core group: add them as a member to choose them.` : '';
  const chosenText = chosen.chair === undefined ? 'No chair is chosen' : `The chair chosen is not the case's ${role}`;
  return { kind: 'chair-rule', text: `${chosenText}: the ${role} chairs this core group ${cited}.${join}` };
}

function attendanceWarning(kase: SchedulingCase, rule: RoleRequirement): SchedulingWarning | undefined {
  if (!isCaseRole(rule.role) || holderOf(kase, rule.role) !== undefined) return undefined;
  const role = ROLE_LABEL[rule.role];
  return { kind: 'attendance', text: `The ${role} is not in the core group, so they will not be invited: the ${role} attends this core group ${citeRule(kase.policyId, rule.citation)}. Add them as a member.` };
}

function requirementWarning(kase: SchedulingCase, chosen: ChosenMeeting, rule: RoleRequirement): SchedulingWarning | undefined {
  switch (rule.requirement) {
    case 'chairs':
      return chairWarning(kase, chosen, rule);
    case 'attends':
      return attendanceWarning(kase, rule);
    case 'chair-is-not-note-taker': {
      const same = chosen.chair !== undefined && chosen.chair === chosen.noteTaker;
      return same ? { kind: 'chair-is-note-taker', text: `The same person is chosen to chair and to take notes ${citeRule(kase.policyId, rule.citation)}.` } : undefined;
    }
  }
}

/** Another meeting arranged and not yet held: scheduling is not the way to move it (a case may still want both). */
function alsoArranged(kase: SchedulingCase, chosen: ChosenMeeting): SchedulingWarning | undefined {
  const other = nextScheduled(kase.meetings.filter((meeting) => meeting.meetingId !== chosen.meetingId));
  if (other === null) return undefined;
  const when = `${formatLongDate(other.date)} at ${other.time}`;
  return { kind: 'already-arranged', text: `${other.meetingId} is also scheduled, for ${when}, and not yet recorded as held: to move it rather than arrange another, use "Change the arrangements" on its scheduled card.` };
}

function dateWarnings(kase: SchedulingCase, chosen: ChosenMeeting, due: Obligation, calendar: WorkingCalendar): SchedulingWarning[] {
  const { date } = chosen;
  if (date === undefined) return [];
  const warnings: SchedulingWarning[] = [];
  const closed = calendar.closedBecause(date);
  if (closed !== undefined) {
    const text = `${formatLongDate(date)} is ${describeClosure(closed)}, not a working day in ${NATION_LABEL[calendar.nation]} (the calendar ${kase.policyId}'s timescales are counted on).`;
    warnings.push({ kind: 'not-working-day', text });
  }
  if (date > due.due) {
    const when = due.firmness === 'target' ? 'target date (a target, not a deadline)' : 'due date';
    warnings.push({ kind: 'after-due', text: `${formatLongDate(date)} is after this core group's ${when}, ${formatLongDate(due.due)}: ${due.basis}.` });
  }
  return warnings;
}

/**
 * Everything a social worker should know about a core group as chosen, before or after scheduling it: the date
 * against the timeline's due date and the nation's working days, and the chair, note taker and attendance rules
 * of the procedure for this core group (its requirements, from the timeline, so the form and the engine agree on
 * which meeting this is).
 */
export function schedulingWarnings(kase: SchedulingCase, chosen: ChosenMeeting, due: Obligation, calendar: WorkingCalendar): SchedulingWarning[] {
  const rules = (due.coreGroup?.requirements ?? []).flatMap((rule) => requirementWarning(kase, chosen, rule) ?? []);
  const arranged = alsoArranged(kase, chosen);
  return [...(arranged ? [arranged] : []), ...dateWarnings(kase, chosen, due, calendar), ...rules];
}
