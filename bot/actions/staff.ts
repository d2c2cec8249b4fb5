import { EMPTY_STAFF_FORM } from '../../cards/index.js';
import { staffEntryInput } from '../../src/directory/staff.js';
import { parseInput } from '../../src/cases/validation.js';
import { rolesInWords, staffForm, staffList } from '../views/staff.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import { formRequest, staffFormSubmit, staffRemoveSubmit, staffValues } from './forms.js';
import type { ActionHandler } from './types.js';

/** verb staff.list: back to the directory. */
export const staffListAction: ActionHandler = async ({ asker }, deps) => staffList(deps, asker);

/** verb staff.form: "Add a person", or "Change" with the person's name and roles filled in. */
export const staffFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { aadObjectId } = parseInput(staffFormSubmit, data);
  const member = aadObjectId === undefined ? null : await deps.staff.find(asker.tenantId, aadObjectId);
  if (!member) return staffForm(deps, asker);
  return staffForm(deps, asker, { aadObjectId: member.aadObjectId, displayName: member.displayName, roles: member.roles.join(',') }, { known: { title: member.displayName, value: member.aadObjectId } });
};

/** verb staff.set: lists the person picked with the roles ticked (or changes them), then shows the directory. */
export const staffSetAction: ActionHandler = async ({ asker, data }, deps) => {
  deps.staff.admin(asker);
  const request = formRequest.safeParse(data);
  const typed = staffValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_STAFF_FORM;
  const roles = form.roles.split(',').map((role) => role.trim()).filter((role) => role !== '');
  const checked = staffEntryInput.safeParse({ aadObjectId: deps.people.idOf(form.aadObjectId), displayName: form.displayName, roles });
  const problems = [request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
  if (!request.success || !checked.success || problems.length > 0) return staffForm(deps, asker, form, { refusal: refusalOf(EMPTY_STAFF_FORM, problems) });
  try {
    const { member } = await deps.staff.set(asker, checked.data, { idempotencyKey: `staff.set:${request.data.requestId}` });
    return await staffList(deps, asker, `${member.displayName} is listed as ${rolesInWords(member.roles)}.`);
  } catch (error) {
    const problems = fixableOnForm(error);
    if (problems === undefined) throw error;
    // The same request id: after "try again" a resubmit is recognised if the first one was saved after all.
    return staffForm(deps, asker, form, { refusal: refusalOf(EMPTY_STAFF_FORM, problems), requestId: request.data.requestId });
  }
};

/** verb staff.remove: off the directory; cases the person already holds are left as they are. */
export const staffRemoveAction: ActionHandler = async ({ asker, data }, deps) => {
  const { aadObjectId, requestId } = parseInput(staffRemoveSubmit, data);
  const { removed, replayed } = await deps.staff.remove(asker, aadObjectId, { idempotencyKey: `staff.remove:${aadObjectId}:${requestId}` });
  const notice = removed
    ? `${removed.displayName} is no longer listed. Cases they already hold are unchanged.`
    : replayed ? 'That person is no longer listed.' : 'That person was not listed: nothing was changed.';
  return staffList(deps, asker, notice);
};
