import { hasRole, STAFF_ROLE_WORDS, type StaffMember, type StaffRole } from '../directory/staff.js';
import { InvalidInput, type FieldProblem } from './errors.js';
import type { Actor } from './model.js';

/** The directory entries a decision needs, by object id: those not listed are missing. */
export type ListedStaff = ReadonlyMap<string, Pick<StaffMember, 'displayName' | 'roles'>>;

export interface ProposedStaffing {
  readonly socialWorker: string;
  readonly teamManager: string;
  readonly chair: string;
}

const ROLE_TO_PICK: ReadonlyArray<readonly [keyof ProposedStaffing, StaffRole]> = [
  ['socialWorker', 'social-worker'],
  ['teamManager', 'team-manager'],
  ['chair', 'chair'],
];

/**
 * Why `id` cannot take `role` on a case, in words a social worker can act on; undefined when the staff directory
 * lists them in it. Who may hold a case's roles is the organisation's word, not the creator's.
 */
export function notListedAs(id: string, role: StaffRole, listed: ListedStaff, actor: Actor): string | undefined {
  const entry = listed.get(id);
  if (hasRole(entry, role)) return undefined;
  const words = STAFF_ROLE_WORDS[role];
  if (role === 'social-worker' && id === actor.aadObjectId) {
    return 'You are not listed as a social worker in the staff directory, so you cannot create a case. Ask your staff administrator to list you.';
  }
  const who = entry ? `${entry.displayName} is not listed as a ${words}` : 'The person picked is not in the staff directory';
  return `${who}. Pick a ${words}, or ask your staff administrator to list them.`;
}

/**
 * A new case's social worker, team manager and chair must each be listed in the staff directory in that role.
 * Every problem is found at once, each on its field.
 */
export function assertStaffed(proposed: ProposedStaffing, listed: ListedStaff, actor: Actor): void {
  const problems: FieldProblem[] = [];
  for (const [field, role] of ROLE_TO_PICK) {
    const message = notListedAs(proposed[field], role, listed, actor);
    if (message !== undefined) problems.push({ field, message });
  }
  const [first, ...also] = problems;
  if (first) throw new InvalidInput(first.field, first.message, also);
}
