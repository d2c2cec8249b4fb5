import { confirmationCard, EMPTY_NEW_CASE } from '../../cards/index.js';
import { createCaseInput, type CreateCaseInput } from '../../src/cases/validation.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { newCaseForm } from '../commands/newCase.js';
import { caseLabel } from '../views/caseSummary.js';
import { formRequest, newCaseValues } from './forms.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import type { ActionHandler } from './types.js';

/** verb case.create: the social worker who submits the form becomes the case's social worker and member M1. */
export const createCaseAction: ActionHandler = async ({ asker, askerName, data }, deps) => {
  const request = formRequest.safeParse(data);
  const typed = newCaseValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_NEW_CASE;
  const input: CreateCaseInput = {
    caseRef: form.caseRef,
    ...(form.alias !== '' && { alias: form.alias }),
    policyId: form.policyId,
    initialConferenceDate: form.initialConferenceDate,
    socialWorker: {
      aadObjectId: asker.aadObjectId,
      displayName: askerName,
      agency: "Children's social care",
    },
    teamManager: deps.people.idOf(form.teamManager),
    chair: deps.people.idOf(form.chair),
  };
  // The domain's rules are read here too, so every problem comes back at once rather than one per try.
  const checked = createCaseInput.safeParse(input);
  const problems = [request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
  if (!request.success || problems.length > 0) return newCaseForm(deps, form, refusalOf(EMPTY_NEW_CASE, problems));
  try {
    const { view } = await deps.cases.commands.createCase(asker, input, { idempotencyKey: `case.create:${request.data.requestId}` });
    const first = timelineOfCase(view, deps.clock.today(), deps).nextCoreGroup;
    return confirmationCard({
      title: `Case ${caseLabel(view)} is set up`,
      message: first ? `First core group due by ${formatLongDate(first.due)}: ${first.basis}` : 'No core group is due.',
      hint: `Add the core group: type "members ${view.caseRef}".`,
    });
  } catch (error) {
    const problem = fixableOnForm(error);
    if (problem === undefined) throw error;
    // The same request id: after "try again" the resubmit is recognised if the first one was saved after all.
    return newCaseForm(deps, form, refusalOf(EMPTY_NEW_CASE, [problem]), request.data.requestId);
  }
};
