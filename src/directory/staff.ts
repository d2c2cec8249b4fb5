import { z } from 'zod';
import { NotAllowed } from '../cases/errors.js';
import type { Actor } from '../cases/model.js';
import { entraId, LIMITS, text } from '../cases/validation.js';

/**
 * The staff directory: who in an organisation may hold which role on a case. A case's social worker, team manager
 * and chair must each be listed in the role they take (src/cases checks this when a case is created); the
 * directory itself is kept by the staff administrators named in configuration (STAFF_ADMINS), by card or by import.
 */
export const STAFF_ROLES = ['social-worker', 'team-manager', 'chair', 'service-delivery-manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** How each role reads in a sentence ("listed as a team manager"). */
export const STAFF_ROLE_WORDS: { readonly [role in StaffRole]: string } = {
  'social-worker': 'social worker',
  'team-manager': 'team manager',
  chair: 'chair',
  'service-delivery-manager': 'service delivery manager',
};

const inRoleOrder = (roles: readonly StaffRole[]): StaffRole[] => STAFF_ROLES.filter((role) => roles.includes(role));

const role = z.enum(STAFF_ROLES, { errorMap: () => ({ message: `Roles must be among: ${STAFF_ROLES.join(', ')}` }) });

/** A row of the Staff table, as stored and read back (roles as JSON text in the row, parsed here). */
export const staffMemberSchema = z
  .object({
    tenantId: z.string(),
    aadObjectId: z.string(),
    /** The person's name as the organisation knows them: a professional's, shown to colleagues on cards. */
    displayName: z.string(),
    roles: z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), z.array(role).readonly()),
    /** Who last changed the entry: an administrator's object id, or `import` for the CSV import. */
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .readonly();
export type StaffMember = z.output<typeof staffMemberSchema>;

/** What an administrator gives for one person: everything but the bookkeeping. */
export const staffEntryInput = z.object({
  aadObjectId: entraId('Person'),
  displayName: text('Name', LIMITS.name),
  roles: z
    .array(role, { required_error: 'Choose at least one role', invalid_type_error: 'Choose at least one role' })
    .min(1, 'Choose at least one role')
    .transform(inRoleOrder),
});
export type StaffEntryInput = z.input<typeof staffEntryInput>;
export type StaffEntry = z.output<typeof staffEntryInput>;

export const hasRole = (member: Pick<StaffMember, 'roles'> | undefined, wanted: StaffRole): boolean => member?.roles.includes(wanted) ?? false;

/** Staff administrators are named in configuration, by object id; they keep the directory of their own tenant. */
export function authorizeStaffAdmin(admins: ReadonlySet<string>, actor: Actor): void {
  if (!admins.has(actor.aadObjectId.toLowerCase())) {
    throw new NotAllowed('Only a staff administrator can see or change the staff directory. Ask your team manager who administers it.');
  }
}

/** For the audit trail: roles only, never a name. */
export const describeRoles = (member: Pick<StaffMember, 'roles'> | null | undefined): string =>
  member ? `roles ${member.roles.join(',')}` : 'not listed';

/** What an import or a card change does to one person, decided from what is stored. */
export type StaffChange = 'added' | 'changed' | 'unchanged';

export function changeOf(before: Pick<StaffMember, 'displayName' | 'roles'> | null | undefined, after: StaffEntry): StaffChange {
  if (!before) return 'added';
  const same = before.displayName === after.displayName && before.roles.length === after.roles.length && before.roles.every((r, i) => r === after.roles[i]);
  return same ? 'unchanged' : 'changed';
}
