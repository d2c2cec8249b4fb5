import { confirmationCard, EMPTY_NEW_CASE, infoCard, type AdaptiveCardJson } from '../../cards/index.js';
import type { CreateOutcome } from '../../src/cases/caseCommands.js';
import { ReferenceInUse } from '../../src/cases/errors.js';
import type { Actor } from '../../src/cases/model.js';
import { createCaseInput, type CreateCaseInput } from '../../src/cases/validation.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { timelineOfCase } from '../../src/due/caseTimelines.js';
import { newCaseForm } from '../commands/newCase.js';
import type { Notifier } from '../notify/tell.js';
import type { BotServices } from '../services.js';
import { caseDecisionData } from '../views/caseDecision.js';
import { caseLabel } from '../views/caseSummary.js';
import { staffNames } from '../views/staffNames.js';
import { formRequest, newCaseValues } from './forms.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import type { ActionHandler } from './types.js';

/** Sends the team manager the card to confirm or reject a case created under them (or to decide who keeps its reference). */
export async function askTeamManager(deps: BotServices, notify: Notifier, tenantId: string, teamManager: string, caseRef: string): Promise<boolean> {
  const person = { tenantId, aadObjectId: teamManager };
  const data = await caseDecisionData(deps, tenantId, await deps.cases.queries.getCase(person, caseRef));
  return notify.tell(person, { name: 'caseDecision', data }, { caseRef, kind: 'case-confirmation' });
}

/** What the social worker reads once their case is set up: when the first core group is due, and who confirms it. */
async function setUp(deps: BotServices, notify: Notifier, asker: Actor, outcome: Extract<CreateOutcome, { outcome: 'created' }>): Promise<AdaptiveCardJson> {
  const { view } = outcome;
  const first = timelineOfCase(view, deps.clock.today(), deps).nextCoreGroup;
  const next = `Add the core group: type "members ${view.caseRef}".`;
  let confirming = '';
  if (view.confirmation === 'awaiting-team-manager') {
    const manager = (await staffNames(deps, asker.tenantId, [view.teamManager]))(view.teamManager);
    // A re-sent submit was answered the first time: the team manager is not asked twice.
    const told = outcome.replayed || (await askTeamManager(deps, notify, asker.tenantId, view.teamManager, view.caseRef));
    confirming = told
      ? ` ${manager} is asked to confirm it in Teams; work on it can start now.`
      : ` I could not ask ${manager} in Teams just now to confirm it: they will see it awaiting their confirmation when they ask for their cases. Work on it can start now.`;
  }
  return confirmationCard({
    title: `Case ${caseLabel(view)} is set up`,
    message: first ? `First core group due by ${formatLongDate(first.due)}: ${first.basis}` : 'No core group is due.',
    hint: `${next}${confirming}`,
  });
}

/** The reference is taken by a case awaiting its team manager: the request waits for their decision, and both managers are told. */
async function claimed(deps: BotServices, notify: Notifier, asker: Actor, input: CreateCaseInput, outcome: Extract<CreateOutcome, { outcome: 'claimed' }>): Promise<AdaptiveCardJson> {
  const { caseRef, teamManager } = outcome;
  let told = outcome.replayed;
  if (!outcome.replayed) {
    told = await askTeamManager(deps, notify, asker.tenantId, teamManager, caseRef);
    const ownManager = input.teamManager.toLowerCase();
    if (ownManager !== teamManager) {
      const name = await staffNames(deps, asker.tenantId, [asker.aadObjectId]);
      await notify.tell(
        { tenantId: asker.tenantId, aadObjectId: ownManager },
        {
          name: 'notice',
          data: {
            title: `${caseRef}: a request with you as team manager`,
            message: `${name(asker.aadObjectId)} asked to set up ${caseRef} with you as team manager, but the reference is taken by another case still awaiting its own team manager's confirmation. That team manager decides who keeps it; ${name(asker.aadObjectId)} will be told.`,
            hint: '',
          },
        },
        { caseRef, kind: 'reference-claimed' },
      );
    }
  }
  return infoCard({
    title: `${caseRef} is awaiting a decision`,
    message: `${caseRef} is already taken by a case that is awaiting its team manager's confirmation. I have kept your request${told ? ' and sent it to that team manager' : ''}: they decide who keeps the reference, and I will tell you what they decide.`,
    hint: told ? 'Nothing else was set up.' : 'I could not send it to that team manager just now: they will see your request when they ask for their cases. Nothing else was set up.',
  });
}

/** A confirmed case holds the reference: its team manager is told who tried, and the person trying is told that. */
async function inUse(deps: BotServices, notify: Notifier, asker: Actor, error: ReferenceInUse): Promise<string> {
  const name = await staffNames(deps, asker.tenantId, [asker.aadObjectId]);
  const told = await notify.tell(
    { tenantId: asker.tenantId, aadObjectId: error.teamManager },
    {
      name: 'notice',
      data: {
        title: `Someone tried to set up ${error.caseRef}`,
        message: `${name(asker.aadObjectId)} tried to set up ${error.caseRef}, which is a confirmed case of yours. They were told that you can sort it out with them.`,
        hint: 'Nothing was changed on your case.',
      },
    },
    { caseRef: error.caseRef, kind: 'reference-attempt' },
  );
  return told
    ? `${error.message} I am telling its team manager that you tried; they can sort it out with you.`
    : `${error.message} I could not tell its team manager just now: ask your own team manager to sort it out.`;
}

/** verb case.create: the social worker who submits the form becomes the case's social worker and member M1. */
export const createCaseAction: ActionHandler = async ({ asker, askerName, data, notify }, deps) => {
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
    const outcome = await deps.cases.commands.createCase(asker, input, { idempotencyKey: `case.create:${request.data.requestId}` });
    return outcome.outcome === 'created' ? await setUp(deps, notify, asker, outcome) : await claimed(deps, notify, asker, input, outcome);
  } catch (error) {
    const refused = error instanceof ReferenceInUse ? [{ field: 'caseRef', message: await inUse(deps, notify, asker, error) }] : fixableOnForm(error);
    if (refused === undefined) throw error;
    // The same request id: after "try again" the resubmit is recognised if the first one was saved after all.
    return newCaseForm(deps, form, refusalOf(EMPTY_NEW_CASE, refused), request.data.requestId);
  }
};
