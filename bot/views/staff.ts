import { EMPTY_STAFF_FORM, noErrors, staffCard, staffFormCard, type AdaptiveCardJson, type PickerChoice, type StaffFormValues } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import { STAFF_ROLES, STAFF_ROLE_WORDS, type StaffRole } from '../../src/directory/staff.js';
import type { Refusal } from '../actions/formErrors.js';
import { choicesFor } from '../actions/people.js';
import type { BotServices } from '../services.js';

/** "a team manager and chair": the roles in a sentence, in the directory's order. */
export function rolesInWords(roles: readonly StaffRole[]): string {
  const words = roles.map((role) => STAFF_ROLE_WORDS[role]);
  const list = words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return /^[aeiou]/.test(list) ? `an ${list}` : `a ${list}`;
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The directory card for an administrator (the directory refuses anyone else), with what the last change did. */
export async function staffList(deps: BotServices, admin: Actor, notice = ''): Promise<AdaptiveCardJson> {
  const people = await deps.staff.list(admin);
  return staffCard({
    summary: people.length === 1 ? '1 person is listed.' : `${people.length} people are listed.`,
    notice,
    people: people.map((member) => ({ aadObjectId: member.aadObjectId, name: member.displayName, roles: capitalised(member.roles.map((role) => STAFF_ROLE_WORDS[role]).join(', ')) })),
    requestId: deps.newRequestId(),
  });
}

const ROLE_CHOICES: readonly PickerChoice[] = STAFF_ROLES.map((role) => ({ title: capitalised(STAFF_ROLE_WORDS[role]), value: role }));

/**
 * The add-or-change form, for an administrator only; a refused one comes back exactly as typed with every problem
 * beside its field. `known` is who the picker holds, when the directory already lists them.
 */
export function staffForm(
  deps: BotServices,
  admin: Actor,
  typed: Partial<StaffFormValues> = {},
  options: { readonly refusal?: Refusal<StaffFormValues>; readonly known?: PickerChoice; readonly requestId?: string } = {},
): AdaptiveCardJson {
  deps.staff.admin(admin);
  const values = { ...EMPTY_STAFF_FORM, ...typed };
  return staffFormCard({
    title: options.known ? `Change ${options.known.title}` : 'Add a person to the staff directory',
    error: options.refusal?.error ?? '',
    errors: options.refusal?.errors ?? noErrors(EMPTY_STAFF_FORM),
    pickers: { aadObjectId: options.known ? [options.known] : choicesFor(deps.people, values.aadObjectId) },
    roleChoices: ROLE_CHOICES,
    values,
    requestId: options.requestId ?? deps.newRequestId(),
  });
}
