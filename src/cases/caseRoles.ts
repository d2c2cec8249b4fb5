import { z } from 'zod';
import { STAFF_ROLE_WORDS, STAFF_ROLES, type StaffRole } from '../directory/staff.js';
import { authorize } from './authorization.js';
import { assertOpen, describeMember, type Decision, type DecisionContext } from './caseChanges.js';
import { InvalidInput } from './errors.js';
import type { CaseHeader, CaseState, Member } from './model.js';
import { notListedAs, type ListedStaff } from './staffing.js';
import { entraId } from './validation.js';

/**
 * Roles over time: a case's social worker, team manager and chair change hands (a worker leaves, a case moves
 * team), and the service delivery manager its escalations name is recorded. The people who may hold each role are
 * the staff directory's (staffing.ts), as when the case was created.
 */
export const reassignRoleInput = z.object({
  role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: 'Choose which role changes hands' }) }),
  to: entraId('New holder', "Pick the person from your organisation's people"),
});
export type ReassignRoleInput = z.input<typeof reassignRoleInput>;

/** Who held the role before (none for a first service delivery manager) and who holds it now: whom the bot tells. */
export interface Reassigned {
  readonly role: StaffRole;
  readonly from: string | null;
  readonly to: string;
}

const HEADER_FIELD = {
  'social-worker': 'socialWorker',
  'team-manager': 'teamManager',
  chair: 'chair',
  'service-delivery-manager': 'serviceDeliveryManager',
} as const satisfies { readonly [role in StaffRole]: keyof CaseHeader };

const isStaffRole = (role: string): role is StaffRole => Object.hasOwn(HEADER_FIELD, role);

/** Who holds a role named on the case row (a procedure's `notify` list names them); undefined for nobody or a role not kept there. */
export function staffHolder(holders: Pick<CaseHeader, 'socialWorker' | 'teamManager' | 'chair' | 'serviceDeliveryManager'>, role: string): string | undefined {
  return isStaffRole(role) ? holders[HEADER_FIELD[role]] : undefined;
}

/**
 * The social worker is a core group member (the lead professional), so their member row changes hands too: the
 * one leaving is taken off as replaced, the one arriving joins with the same agency. Someone already in the group
 * in another capacity is refused rather than holding two member rows.
 */
function socialWorkerRows(state: CaseState, to: string, displayName: string, context: DecisionContext): { leaving?: Member; arriving: Member } {
  const already = state.members.find((member) => member.status === 'active' && member.aadObjectId === to);
  if (already) {
    throw new InvalidInput('to', `They are already in this core group as ${already.memberId}: remove them from it first, then make them the social worker.`);
  }
  const current = state.members.find((member) => member.status === 'active' && member.aadObjectId === state.header.socialWorker);
  const leaving: Member | undefined = current && { ...current, status: 'removed', removal: { reason: 'replaced', on: context.today, by: context.actor.aadObjectId } };
  const arriving: Member = {
    memberId: `M${state.header.nextMemberNo}`,
    aadObjectId: to,
    displayName,
    agency: current && 'agency' in current ? current.agency : "Children's social care",
    role: 'professional',
    status: 'active',
    addedAt: context.now.toISOString(),
  };
  return { ...(leaving && { leaving }), arriving };
}

/**
 * The team manager hands a role to someone the directory lists in it. A new team manager has not yet said the case
 * is theirs, so the case awaits their confirmation (work goes on meanwhile, as for a new case).
 */
export function decideReassignRole(state: CaseState, input: z.output<typeof reassignRoleInput>, context: DecisionContext, listed: ListedStaff): Decision<Reassigned> {
  const { header } = state;
  assertOpen(header);
  authorize(context.roles, 'reassign-role', header.caseRef);
  const field = HEADER_FIELD[input.role];
  const from = header[field] ?? null;
  if (from === input.to) throw new InvalidInput('to', `They are already the ${STAFF_ROLE_WORDS[input.role]} for ${header.caseRef}.`);
  const problem = notListedAs(input.to, input.role, listed, context.actor);
  if (problem !== undefined) throw new InvalidInput('to', problem);

  const handedOver = input.role === 'social-worker' ? socialWorkerRows(state, input.to, listed.get(input.to)?.displayName ?? '', context) : undefined;
  const next: CaseHeader = {
    ...header,
    [field]: input.to,
    ...(input.role === 'team-manager' && { confirmation: 'awaiting-team-manager' as const }),
    ...(handedOver && { nextMemberNo: header.nextMemberNo + 1 }),
  };
  const before = handedOver?.leaving ? [state.members.find((member) => member.memberId === handedOver.leaving?.memberId)] : [];
  const after = handedOver ? [handedOver.leaving, handedOver.arriving] : [];
  const described = (members: ReadonlyArray<Member | undefined>) => members.flatMap((member) => (member ? [`; ${describeMember(member)}`] : [])).join('');
  return {
    operation: 'reassign-role',
    header: next,
    writes: after.flatMap((value) => (value ? [{ kind: 'member' as const, value }] : [])),
    before: `${input.role} ${from ?? 'none'}${described(before)}`,
    after: `${input.role} ${input.to}${described(after)}${input.role === 'team-manager' ? '; awaiting the team manager' : ''}`,
    result: { role: input.role, from, to: input.to },
  };
}
