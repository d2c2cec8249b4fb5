import { confirmationCard, EMPTY_REASSIGNMENT, membersCard, reassignRoleFormCard, type AdaptiveCardJson, type ReassignRoleValues } from '../../cards/index.js';
import { authorize } from '../../src/cases/authorization.js';
import { reassignRoleInput, type Reassigned } from '../../src/cases/caseRoles.js';
import { TryAgain } from '../../src/cases/errors.js';
import type { Actor, CaseView } from '../../src/cases/model.js';
import { parseInput } from '../../src/cases/validation.js';
import { STAFF_ROLE_WORDS, STAFF_ROLES, type StaffRole } from '../../src/directory/staff.js';
import type { Notifier } from '../notify/tell.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { membersData } from '../views/members.js';
import { staffNames, staffNamesFor } from '../views/staffNames.js';
import { askTeamManager } from './createCase.js';
import { fixableOnForm, problemsOf, refusalOf, type Refusal } from './formErrors.js';
import { caseRequest, formRequest, reassignRoleValues } from './forms.js';
import { choicesFor } from './people.js';
import type { ActionHandler } from './types.js';

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** Who holds a role on the case, by object id; the service delivery manager may not be recorded yet. */
const holderOf = (view: CaseView, role: StaffRole): string | undefined =>
  ({ 'social-worker': view.socialWorker, 'team-manager': view.teamManager, chair: view.chair, 'service-delivery-manager': view.serviceDeliveryManager })[role];

/** The hand-over form: who holds each role now, then which role and who takes it on. */
async function reassignForm(
  deps: BotServices,
  asker: Actor,
  view: CaseView,
  typed: ReassignRoleValues = EMPTY_REASSIGNMENT,
  refusal?: Refusal<ReassignRoleValues>,
  requestId = deps.newRequestId(),
): Promise<AdaptiveCardJson> {
  const held = STAFF_ROLES.flatMap((role) => holderOf(view, role) ?? []);
  const names = await staffNamesFor(deps, asker, held);
  return reassignRoleFormCard({
    caseRef: view.caseRef,
    caseLabel: caseLabel(view),
    holders: STAFF_ROLES.map((role) => {
      const holder = holderOf(view, role);
      return { title: capitalised(STAFF_ROLE_WORDS[role]), value: holder === undefined ? 'none recorded' : names(holder) };
    }),
    roles: STAFF_ROLES.map((role) => ({ title: capitalised(STAFF_ROLE_WORDS[role]), value: role })),
    picker: choicesFor(deps.people, typed.to),
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? { role: '', to: '' },
    values: typed,
    requestId,
  });
}

/** verb case.rolesForm: "Change roles" on the members card, for the case's team manager. */
export const reassignRoleFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(caseRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'reassign-role', view.caseRef);
  return reassignForm(deps, asker, view);
};

/**
 * Who is told: the new holder (a new team manager gets the card to confirm the case) and the one before, unless
 * that is the person acting. A re-sent submit was told the first time.
 */
async function tellHolders(deps: BotServices, notify: Notifier, tenantId: string, view: CaseView, change: Reassigned, newName: string): Promise<boolean> {
  const role = STAFF_ROLE_WORDS[change.role];
  const label = caseLabel(view);
  const told =
    change.role === 'team-manager'
      ? await askTeamManager(deps, notify, tenantId, change.to, view.caseRef)
      : await notify.tell(
          { tenantId, aadObjectId: change.to },
          {
            name: 'notice',
            data: {
              title: `You are now the ${role} for ${label}`,
              message: change.role === 'service-delivery-manager' ? `You will be told of escalations on ${label}.` : `Ask "my cases" to see it with your other cases.`,
              hint: '',
            },
          },
          { caseRef: view.caseRef, kind: 'role-given' },
        );
  if (change.from !== null) {
    await notify.tell(
      { tenantId, aadObjectId: change.from },
      { name: 'notice', data: { title: `${label} has a new ${role}`, message: `${newName} is now the ${role} for ${label} instead of you.`, hint: '' } },
      { caseRef: view.caseRef, kind: 'role-taken' },
    );
  }
  return told;
}

/** verb case.reassignRole: the form's Hand over. */
export const reassignRoleAction: ActionHandler = async ({ asker, data, notify }, deps) => {
  const { caseRef } = parseInput(caseRequest, data);
  const request = formRequest.safeParse(data);
  const typed = reassignRoleValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_REASSIGNMENT;
  const redraw = async (refusal: Refusal<ReassignRoleValues>, requestId?: string) =>
    reassignForm(deps, asker, await deps.cases.queries.getCase(asker, caseRef), form, refusal, requestId);
  const checked = reassignRoleInput.safeParse({ role: form.role, to: form.to === '' ? '' : deps.people.idOf(form.to) });
  if (!request.success || !typed.success || !checked.success) {
    return redraw(refusalOf(EMPTY_REASSIGNMENT, [request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)))));
  }
  try {
    const result = await deps.cases.commands.reassignRole(asker, caseRef, checked.data, { idempotencyKey: `case.reassignRole:${request.data.requestId}` });
    const newName = (await staffNames(deps, asker.tenantId, [result.to]))(result.to);
    const told = result.replayed || (await tellHolders(deps, notify, asker.tenantId, result.view, result, newName));
    const done = `${newName} is now the ${STAFF_ROLE_WORDS[result.role]} for ${caseLabel(result.view)}.${told ? '' : ' I could not tell them in Teams just now: they will see it when they ask for their cases.'}`;
    // Handing on one's own role ends one's view of the case: the answer says so instead of an empty members card.
    if (result.view.viewer.roles.length === 0) return confirmationCard({ title: 'Handed over', message: done, hint: 'You no longer see this case.' });
    return membersCard(membersData(result.view, done));
  } catch (error) {
    const problems = fixableOnForm(error);
    if (problems === undefined || error instanceof TryAgain) throw error;
    return redraw(refusalOf(EMPTY_REASSIGNMENT, problems), request.data.requestId);
  }
};
