import { confirmationCard } from '../../cards/index.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { newCaseForm } from '../commands/newCase.js';
import { caseLabel } from '../views/caseSummary.js';
import { firstProblem, newCaseSubmit } from './forms.js';
import { fixableOnForm } from './formErrors.js';
import type { ActionHandler } from './types.js';

/** verb case.create: the social worker who submits the form becomes the case's social worker and member M1. */
export const createCaseAction: ActionHandler = async ({ asker, askerName, data }, deps) => {
  const parsed = newCaseSubmit.safeParse(data);
  if (!parsed.success) {
    const values = newCaseSubmit.omit({ requestId: true }).safeParse(data);
    return newCaseForm(deps, values.success ? values.data : {}, firstProblem(parsed.error));
  }
  const { requestId, ...form } = parsed.data;
  try {
    const { view } = await deps.cases.createCase(
      asker,
      {
        caseRef: form.caseRef,
        ...(form.alias !== '' && { alias: form.alias }),
        policyId: form.policyId,
        initialConferenceDate: form.initialConferenceDate,
        socialWorker: {
          aadObjectId: asker.aadObjectId,
          displayName: askerName,
          agency: "Children's social care",
          contactRoute: 'Microsoft Teams',
          secureSharing: 'Microsoft Teams',
        },
        teamManager: form.teamManager,
        chair: form.chair,
      },
      { idempotencyKey: `case.create:${requestId}` },
    );
    const first = timelineOfCase(view, deps.clock.today(), deps).nextCoreGroup;
    return confirmationCard({
      title: `Case ${caseLabel(view)} is set up`,
      message: first ? `First core group due by ${formatLongDate(first.due)}: ${first.basis}` : 'No core group is due.',
      hint: `Add the core group: type "members ${view.caseRef}".`,
    });
  } catch (error) {
    const refusal = fixableOnForm(error);
    if (refusal === undefined) throw error;
    return newCaseForm(deps, form, refusal);
  }
};

