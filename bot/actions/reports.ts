import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/index.js';
import { authorize, isAllowed } from '../../src/cases/authorization.js';
import { MeetingNotFound } from '../../src/cases/errors.js';
import type { Actor, CaseRole, CaseView, MeetingView } from '../../src/cases/model.js';
import { parseInput } from '../../src/cases/validation.js';
import { meetingForReports } from '../../src/meetings/reports.js';
import type { BotServices } from '../services.js';
import { reportsPackCards } from '../views/reports.js';
import { meetingRequest } from './forms.js';
import type { ActionHandler } from './types.js';

/**
 * The case with everyone's answers, for those who may read a meeting's reports: whoever may see the whole core
 * group (the role matrix's view-core-group), and that meeting's note taker while a member. Seed 002 has the note
 * taker write the minutes the reports go out with, and each update already reaches them as it arrives (answer.ts);
 * a member's own view holds only their own answer, so theirs is read as the social worker's.
 */
async function caseForReports(deps: BotServices, asker: Actor, caseRef: string, meetingId?: string): Promise<{ view: CaseView; meeting: MeetingView; roles: ReadonlySet<CaseRole> } | undefined> {
  const own = await deps.cases.queries.getCase(asker, caseRef);
  const meeting = meetingId === undefined ? meetingForReports(own.meetings) : own.meetings.find((candidate) => candidate.meetingId === meetingId);
  const roles = new Set(own.viewer.roles);
  const seesAll = isAllowed(roles, 'view-core-group');
  const takesNotes = meeting !== undefined && own.viewer.memberId !== undefined && meeting.noteTaker === own.viewer.memberId;
  if (!seesAll && !takesNotes) authorize(roles, 'view-core-group', own.caseRef);
  if (!meeting) {
    if (meetingId !== undefined) throw new MeetingNotFound(own.caseRef, meetingId);
    return undefined;
  }
  const view = seesAll ? own : await deps.cases.queries.getCase({ tenantId: asker.tenantId, aadObjectId: own.socialWorker }, own.caseRef);
  const whole = view.meetings.find((candidate) => candidate.meetingId === meeting.meetingId);
  if (!whole) throw new MeetingNotFound(own.caseRef, meeting.meetingId);
  return { view, meeting: whole, roles };
}

/**
 * "reports CP-1042": every part of the pack for the next meeting waiting (or the last held), to send in order;
 * words instead when the case has no meeting to report on.
 */
export async function reportsPackFor(deps: BotServices, asker: Actor, caseRef: string): Promise<AdaptiveCardJson[] | string> {
  const found = await caseForReports(deps, asker, caseRef);
  return found ? reportsPackCards(found.view, found.meeting) : `No core group has been arranged or held for ${caseRef} yet, so there are no reports to show.`;
}

const reportsPress = meetingRequest.extend({ part: z.coerce.number({ invalid_type_error: 'The card did not say which part to show' }).int().min(1).default(1) });

/**
 * verb meeting.reports (the record form's and the scheduled card's Reports, and a part's Previous and Next): one
 * part of the pack in place of the card pressed. It reads only, so a re-sent press shows the same part again.
 */
export const reportsAction: ActionHandler = async ({ asker, data }, deps) => {
  const { caseRef, meetingId, part } = parseInput(reportsPress, data);
  const found = await caseForReports(deps, asker, caseRef, meetingId);
  if (!found) throw new MeetingNotFound(caseRef, meetingId);
  const { view, meeting, roles } = found;
  const canRecord = !meeting.held && !meeting.cancelled && isAllowed(roles, 'record-meeting-held');
  const parts = reportsPackCards(view, meeting, { pager: true, canRecord });
  // A part past the end (the pack is read afresh on each press) shows the last.
  return parts[Math.min(part, parts.length) - 1] ?? parts[0];
};
