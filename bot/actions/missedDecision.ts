import { z } from 'zod';
import { confirmationCard, reminderCard } from '../../cards/index.js';
import type { CaseResult } from '../../src/cases/caseCommands.js';
import { staffHolder } from '../../src/cases/caseRoles.js';
import { TryAgain } from '../../src/cases/errors.js';
import { parseInput } from '../../src/cases/validation.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { describeObligation, ROLE_LABEL } from '../../src/timeline/index.js';
import { caseLabel } from '../views/caseSummary.js';
import { refusedDecisionData } from '../views/reminders.js';
import { staffNames } from '../views/staffNames.js';
import { fixableOnForm } from './formErrors.js';
import { caseRequest, formRequest } from './forms.js';
import type { ActionHandler } from './types.js';

const decisionSubmit = caseRequest.merge(formRequest).extend({ decision: z.string().default('') });

/**
 * verb case.missedDecision: the chair's quality-assurance decision on a missed core group (seed 000), written on
 * the sweep's card. Recorded as the case's event (the engine then sets the "hold within" deadline, swept like any
 * other), and sent to those the procedure says the chair tells (the team manager and service delivery manager).
 */
export const missedDecisionAction: ActionHandler = async ({ asker, data, notify }, deps) => {
  const { caseRef, requestId, decision } = parseInput(decisionSubmit, data);
  const today = deps.clock.today();
  let recorded: CaseResult<{ readonly eventId: string }>;
  try {
    recorded = await deps.cases.commands.recordEvent(asker, caseRef, { kind: 'missed-core-group-decision', date: today, note: decision }, { idempotencyKey: `case.missedDecision:${requestId}` });
  } catch (error) {
    // Refused for what the chair wrote: the card again. Storage trouble ("try again") is the general answer's.
    const problems = fixableOnForm(error);
    if (problems === undefined || error instanceof TryAgain) throw error;
    const view = await deps.cases.queries.getCase(asker, caseRef);
    const missed = timelineOfCase(view, today, deps).nextCoreGroup;
    const message = `Nothing was saved: ${problems.map((problem) => problem.message).join(' ')}`;
    return reminderCard(refusedDecisionData(view, missed ? describeObligation(missed) : 'The core group', requestId, decision, message));
  }
  const { view, replayed } = recorded;
  const profile = deps.policies.require(view.policyId);
  const hold = timelineOfCase(view, today, deps).obligations.find((obligation) => obligation.kind === 'missed-core-group-escalation' && obligation.status !== 'met');
  const deadline = hold ? ` A core group must now be held by ${formatLongDate(hold.due)}.` : '';
  const roles = profile.missedCoreGroup?.notify ?? [];
  const told = roles.flatMap((role) => {
    const id = staffHolder(view, role);
    return id === undefined || id === asker.aadObjectId ? [] : [{ role, id }];
  });
  const reached = replayed
    ? told.map(() => true)
    : await Promise.all(
        told.map(({ id }) =>
          notify.tell(
            { tenantId: asker.tenantId, aadObjectId: id },
            { name: 'notice', data: { title: `The chair's decision on a missed core group for ${caseLabel(view)}`, message: `${decision.trim()}${deadline}`, hint: 'It is recorded on the case and followed up by the reminders.' } },
            { caseRef: view.caseRef, kind: 'missed-decision' },
          ),
        ),
      );
  const names = await staffNames(deps, asker.tenantId, told.map(({ id }) => id));
  const tellings = told.map(({ role, id }, index) => (reached[index] ? `${names(id)} (${ROLE_LABEL[role]}) is being told.` : `I could not tell ${names(id)} (${ROLE_LABEL[role]}) in Teams just now: please let them know.`));
  return confirmationCard({ title: `Decision recorded for ${caseLabel(view)}`, message: `${decision.trim()}${deadline}`, hint: tellings.join(' ') });
};
