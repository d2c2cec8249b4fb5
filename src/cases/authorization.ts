import { NotAllowed, NotOnCase } from './errors.js';
import type { Actor, CaseHeader, CaseRole, Member } from './model.js';

/**
 * Who may do what on a case: a pure role × operation matrix, so it can be read, reviewed and tested whole.
 * - The social worker and team manager manage the case.
 * - The chair sees everything on cases they chair, records the review conference, the end of the plan and
 *   quality-assurance decisions.
 * - The team manager alone records that the joint report for a review was authorised: that is their decision.
 * - The team manager alone confirms or rejects a case created under them, decides who keeps a reference that
 *   another social worker asked for, and hands the case to another social worker, team manager or chair.
 * - A member answers only for themself; the social worker or team manager may record an answer on behalf of a
 *   member outside Teams (marked as such). Who the answer is for is checked by the service, not here.
 * - The social worker alone confirms a verbal update given to them instead of a written one (where allowed).
 */
export const CASE_OPERATIONS = [
  'create-case',
  'confirm-case',
  'reject-case',
  'view-claims',
  'decide-claim',
  'view-case',
  'view-core-group',
  'view-audit',
  'add-member',
  'update-member',
  'remove-member',
  'schedule-meeting',
  'reschedule-meeting',
  'cancel-meeting',
  'reassign-role',
  'answer-own',
  'answer-on-behalf',
  'confirm-verbal-update',
  'record-meeting-held',
  'correct-meeting-held',
  'record-plan-updated',
  'record-plan-circulated',
  'record-plan-sent-to-isu',
  'record-minutes-received',
  'record-minutes-disseminated',
  'record-record-distributed',
  'record-chronology-updated',
  'record-child-seen',
  'record-outline-plan-sent',
  'record-review-conference-held',
  'record-joint-report-draft-sent',
  'record-joint-report-comments-received',
  'record-joint-report-sent-to-manager',
  'record-joint-report-authorised',
  'record-joint-report-final-sent',
  'record-missed-core-group-decision',
  'record-plan-ended',
] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];

export const CASE_ROLES = ['social-worker', 'team-manager', 'chair', 'member'] as const satisfies readonly CaseRole[];

const MANAGERS = ['social-worker', 'team-manager'] as const;
const MANAGERS_AND_CHAIR = ['social-worker', 'team-manager', 'chair'] as const;

export const MATRIX: { readonly [operation in CaseOperation]: readonly CaseRole[] } = {
  'create-case': MANAGERS,
  'confirm-case': ['team-manager'],
  'reject-case': ['team-manager'],
  // Who else asked for the reference: for the one who decides; never for the case's other people.
  'view-claims': ['team-manager'],
  'decide-claim': ['team-manager'],
  'view-case': [...MANAGERS_AND_CHAIR, 'member'],
  // Everyone's details, answers and written updates, and the recorded events; a member sees only their own.
  'view-core-group': MANAGERS_AND_CHAIR,
  'view-audit': MANAGERS_AND_CHAIR,
  'add-member': MANAGERS,
  'update-member': MANAGERS,
  'remove-member': MANAGERS,
  'schedule-meeting': MANAGERS,
  'reschedule-meeting': MANAGERS,
  'cancel-meeting': MANAGERS,
  // Allocating the case's people is the team manager's decision.
  'reassign-role': ['team-manager'],
  'answer-own': ['member'],
  'answer-on-behalf': MANAGERS,
  // Seed 003: the verbal update is given to the key worker, so only they can say it arrived.
  'confirm-verbal-update': ['social-worker'],
  'record-meeting-held': MANAGERS,
  // Whoever may record a core group may put its record right (with a reason, kept on the case).
  'correct-meeting-held': MANAGERS,
  'record-plan-updated': MANAGERS,
  'record-plan-circulated': MANAGERS,
  'record-plan-sent-to-isu': MANAGERS,
  'record-minutes-received': MANAGERS,
  'record-minutes-disseminated': MANAGERS,
  'record-record-distributed': MANAGERS,
  'record-chronology-updated': MANAGERS,
  'record-child-seen': MANAGERS,
  // Seed 000: the ISU, whose chairs chair the conferences, sends the outline plan.
  'record-outline-plan-sent': MANAGERS_AND_CHAIR,
  'record-review-conference-held': MANAGERS_AND_CHAIR,
  'record-joint-report-draft-sent': MANAGERS,
  'record-joint-report-comments-received': MANAGERS,
  'record-joint-report-sent-to-manager': MANAGERS,
  'record-joint-report-authorised': ['team-manager'],
  'record-joint-report-final-sent': MANAGERS,
  'record-missed-core-group-decision': ['chair'],
  'record-plan-ended': MANAGERS_AND_CHAIR,
};

const DOING: { readonly [operation in CaseOperation]: string } = {
  'create-case': 'create a case',
  'confirm-case': 'confirm a case',
  'reject-case': 'reject a case',
  'view-claims': 'see who else asked for this reference',
  'decide-claim': 'decide who keeps this reference',
  'view-case': 'see this case',
  'view-core-group': 'see the whole core group',
  'view-audit': 'see the audit trail',
  'add-member': 'add members',
  'update-member': 'change member details',
  'remove-member': 'remove members',
  'schedule-meeting': 'schedule core group meetings',
  'reschedule-meeting': 'reschedule core group meetings',
  'cancel-meeting': 'cancel core group meetings',
  'reassign-role': "change who holds the case's roles",
  'answer-own': 'answer an invitation',
  'answer-on-behalf': 'record an answer for someone else',
  'confirm-verbal-update': 'confirm a verbal update',
  'record-meeting-held': 'record a core group as held',
  'correct-meeting-held': 'correct the record of a core group',
  'record-plan-updated': 'record that the plan was updated',
  'record-plan-circulated': 'record that the plan was circulated',
  'record-plan-sent-to-isu': 'record that the plan was sent to the ISU',
  'record-minutes-received': 'record that minutes were received',
  'record-minutes-disseminated': 'record that the minutes and plan went to every member',
  'record-record-distributed': 'record that the record was distributed',
  'record-chronology-updated': 'record that the chronology was updated',
  'record-child-seen': 'record that the child was seen',
  'record-outline-plan-sent': 'record that the outline plan was sent',
  'record-review-conference-held': 'record a review conference',
  'record-joint-report-draft-sent': 'record that the draft joint report was sent',
  'record-joint-report-comments-received': 'record that comments on the joint report came back',
  'record-joint-report-sent-to-manager': 'record that the joint report went to the team manager',
  'record-joint-report-authorised': 'record that the joint report was authorised',
  'record-joint-report-final-sent': 'record that the final joint report was sent',
  'record-missed-core-group-decision': 'record a quality-assurance decision',
  'record-plan-ended': 'record that the plan ended',
};

const ROLE_NAMES: { readonly [role in CaseRole]: string } = {
  'social-worker': 'the social worker',
  'team-manager': 'the team manager',
  chair: 'the chair',
  member: 'core group members',
};

/** What an operation does, as a refusal or a reply says it: "record that the plan was circulated". */
export const describeOperation = (operation: CaseOperation): string => DOING[operation];

export function isAllowed(roles: ReadonlySet<CaseRole>, operation: CaseOperation): boolean {
  return MATRIX[operation].some((role) => roles.has(role));
}

/** The actor's roles on a case; members are matched by aadObjectId among current (not removed) members. */
export function rolesOf(header: CaseHeader, members: ReadonlyArray<Pick<Member, 'status' | 'aadObjectId'>>, actor: Actor): Set<CaseRole> {
  const roles = new Set<CaseRole>();
  // A withdrawn case is kept for its audit trail only: nobody holds a role on it, so it is in no one's lists.
  if (header.tenantId !== actor.tenantId || header.status === 'withdrawn') return roles;
  if (header.socialWorker === actor.aadObjectId) roles.add('social-worker');
  if (header.teamManager === actor.aadObjectId) roles.add('team-manager');
  if (header.chair === actor.aadObjectId) roles.add('chair');
  if (members.some((member) => member.status === 'active' && member.aadObjectId === actor.aadObjectId)) roles.add('member');
  return roles;
}

function either(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export function authorize(roles: ReadonlySet<CaseRole>, operation: CaseOperation, caseRef: string): void {
  if (isAllowed(roles, operation)) return;
  if (roles.size === 0) throw new NotOnCase(caseRef, `You are not part of case ${caseRef}, so you cannot ${DOING[operation]}.`);
  const allowed = MATRIX[operation].map((role) => ROLE_NAMES[role]);
  throw new NotAllowed(`Only ${either(allowed)} can ${DOING[operation]} on case ${caseRef}.`);
}
