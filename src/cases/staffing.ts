import { hasRole, type StaffMember, type StaffRole } from '../directory/staff.js';
import { InvalidInput, type FieldProblem } from './errors.js';
import type { Actor } from './model.js';

/** The directory entries a decision needs, by object id: those not listed are missing. */
export type ListedStaff = ReadonlyMap<string, Pick<StaffMember, 'displayName' | 'roles'>>;

export interface ProposedStaffing {
  readonly socialWorker: string;
  readonly teamManager: string;
  readonly chair: string;
}

const ROLE_TO_PICK: ReadonlyArray<readonly [keyof ProposedStaffing, StaffRole, string]> = [
  ['socialWorker', 'social-worker', 'social worker'],
  ['teamManager', 'team-manager', 'team manager'],
  ['chair', 'chair', 'chair'],
];

/**
 * Who may hold a case's roles is the organisation's word, not the creator's: its social worker, team manager and
 * chair must each be listed in the staff directory in that role. Every problem is found at once, each on its field,
 * in words a social worker can act on.
 */
export function assertStaffed(proposed: ProposedStaffing, listed: ListedStaff, actor: Actor): void {
  const problems: FieldProblem[] = [];
  for (const [field, role, words] of ROLE_TO_PICK) {
    const id = proposed[field];
    const entry = listed.get(id);
    if (hasRole(entry, role)) continue;
    if (field === 'socialWorker' && id === actor.aadObjectId) {
      problems.push({ field, message: 'You are not listed as a social worker in the staff directory, so you cannot create a case. Ask your staff administrator to list you.' });
      continue;
    }
    const who = entry ? `${entry.displayName} is not listed as a ${words}` : 'The person picked is not in the staff directory';
    problems.push({ field, message: `${who}. Pick a ${words}, or ask your staff administrator to list them.` });
  }
  const [first, ...also] = problems;
  if (first) throw new InvalidInput(first.field, first.message, also);
}
