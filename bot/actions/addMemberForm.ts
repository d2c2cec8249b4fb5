import { addMemberFormCard, EMPTY_MEMBER, noErrors, type AddMemberValues, type AdaptiveCardJson } from '../../cards/index.js';
import { authorize } from '../../src/cases/authorization.js';
import { isProfessionalRole } from '../../src/cases/membership.js';
import type { CaseView } from '../../src/cases/model.js';
import { LIMITS, parseInput } from '../../src/cases/validation.js';
import type { BotServices } from '../services.js';
import { caseLabel } from '../views/caseSummary.js';
import { ROLE_CHOICES } from '../views/members.js';
import type { Refusal } from './formErrors.js';
import { caseRequest } from './forms.js';
import { choicesFor } from './people.js';
import type { ActionHandler } from './types.js';

/** What could say who a family is: left out of a redrawn form unless the member is known to be a professional. */
const IDENTIFYING: ReadonlyArray<keyof AddMemberValues> = ['displayName', 'email'];
/** Shown on the members card once accepted, so redrawn as typed, unless refused: a refused one may hold a phone number. */
const SHOWN_ON_CARDS: ReadonlyArray<keyof AddMemberValues> = ['label', 'contactRoute'];

/** The fields a refused form must not draw again: Teams keeps every card in the chat's history. */
function withheld(values: AddMemberValues, refusal: Refusal<AddMemberValues> | undefined): Array<keyof AddMemberValues> {
  if (refusal === undefined) return [];
  const identifying = isProfessionalRole(values.role) ? [] : IDENTIFYING;
  const refused = SHOWN_ON_CARDS.filter((field) => refusal.errors[field] !== '');
  return [...identifying, ...refused].filter((field) => values[field] !== '');
}

/**
 * The add-member form. A refused form comes back as typed, except what could identify a family or reach them
 * (a name or email unless the member is a professional, a label or route refused for holding a number): Teams
 * keeps every card in the chat's history, and those details belong only in the case file. The form says so.
 */
export function addMemberForm(
  deps: BotServices,
  view: Pick<CaseView, 'caseRef' | 'alias'>,
  typed: Partial<AddMemberValues> = {},
  refusal?: Refusal<AddMemberValues>,
  requestId = deps.newRequestId(),
): AdaptiveCardJson {
  const values = { ...EMPTY_MEMBER, ...typed };
  const cleared = withheld(values, refusal);
  return addMemberFormCard({
    caseRef: view.caseRef,
    caseLabel: caseLabel(view),
    error: refusal?.error ?? '',
    errors: refusal?.errors ?? noErrors(EMPTY_MEMBER),
    personalCleared: cleared.length > 0,
    pickers: { aadObjectId: choicesFor(deps.people, values.aadObjectId) },
    roles: ROLE_CHOICES,
    limits: { name: LIMITS.name, agency: LIMITS.agency, email: LIMITS.email, label: LIMITS.label, contactRoute: LIMITS.contactRoute },
    values: { ...values, ...Object.fromEntries(cleared.map((field) => [field, ''])) },
    requestId,
  });
}

/** verb member.addForm: the "Add a member" button on the members card; only for those who may add members. */
export const addMemberFormAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(caseRequest, data);
  const view = await deps.cases.queries.getCase(asker, caseRef);
  authorize(new Set(view.viewer.roles), 'add-member', view.caseRef);
  return addMemberForm(deps, view);
};
