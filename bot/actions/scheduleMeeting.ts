import { EMPTY_SCHEDULE, meetingScheduledCard } from '../../cards/index.js';
import { TryAgain } from '../../src/cases/errors.js';
import { parseInput, scheduleMeetingInput } from '../../src/cases/validation.js';
import { scheduledData } from '../views/meetings.js';
import { fixableOnForm, problemsOf, refusalOf } from './formErrors.js';
import { caseRequest, formRequest, scheduleMeetingValues } from './forms.js';
import { nextCoreGroupOf, scheduleMeetingForm } from './scheduleMeetingForm.js';
import type { ActionHandler } from './types.js';

/**
 * verb meeting.schedule: the form's Schedule. Refused, the same form comes back as typed with every problem beside
 * its field and nothing saved; accepted, what was scheduled, with the warnings still standing. A re-sent submit
 * (the same request id) is recognised and answered from the stored meeting.
 */
export const scheduleMeetingAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef } = parseInput(caseRequest, data);
  const request = formRequest.safeParse(data);
  const typed = scheduleMeetingValues.safeParse(data);
  const form = typed.success ? typed.data : EMPTY_SCHEDULE;
  // Boxes left empty are not given: the domain says what is needed ("Give a venue or an online link").
  const checked = scheduleMeetingInput.safeParse(Object.fromEntries(Object.entries(form).filter(([, value]) => value !== '')));
  const problems = [request, typed, checked].flatMap((result) => (result.success ? [] : problemsOf(result.error.issues)));
  if (!request.success || !checked.success || problems.length > 0) {
    return scheduleMeetingForm(deps, await deps.cases.queries.getCase(asker, caseRef), form, refusalOf(EMPTY_SCHEDULE, problems));
  }
  try {
    const { view, meetingId } = await deps.cases.commands.scheduleMeeting(asker, caseRef, checked.data, { idempotencyKey: `meeting.schedule:${request.data.requestId}` });
    const meeting = view.meetings.find((candidate) => candidate.meetingId === meetingId);
    if (meeting === undefined) throw new Error(`${caseRef}: meeting ${meetingId} was scheduled but is not in the case`);
    return meetingScheduledCard(scheduledData(view, meeting, nextCoreGroupOf(deps, view).warn(meeting)));
  } catch (error) {
    const problems = fixableOnForm(error);
    // Storage that just failed cannot draw the form's members again: the error card says nothing was saved, to try again.
    if (problems === undefined || error instanceof TryAgain) throw error;
    return scheduleMeetingForm(deps, await deps.cases.queries.getCase(asker, caseRef), form, refusalOf(EMPTY_SCHEDULE, problems), request.data.requestId);
  }
};
