import { CASE_OPERATIONS, isAllowed } from './authorization.js';
import { caseEvents } from './caseEvents.js';
import type { CaseRole, CaseState, CaseView, Member } from './model.js';

const byNumber = (id: string): number => Number(id.replace(/^\D+/, ''));

/**
 * The case as one person may see it. Those who may see the whole core group (the role matrix: social worker,
 * team manager, chair) see everything; a member sees the meetings, their own member details and their own answers, not other people's
 * contact details or written updates.
 */
export function viewFor(state: CaseState, roles: ReadonlySet<CaseRole>, actorAadObjectId: string): CaseView {
  const { header } = state;
  const self: Member | undefined = state.members.find((member) => member.status === 'active' && member.aadObjectId === actorAadObjectId);
  const seesAll = isAllowed(roles, 'view-core-group');
  const members = (seesAll ? [...state.members] : state.members.filter((member) => member === self)).sort(
    (a, b) => byNumber(a.memberId) - byNumber(b.memberId),
  );
  const answers = seesAll ? state.answers : state.answers.filter((answer) => answer.memberId === self?.memberId);
  const meetings = [...state.meetings]
    .sort((a, b) => byNumber(a.meetingId) - byNumber(b.meetingId))
    .map((meeting) => ({ ...meeting, answers: answers.filter((answer) => answer.meetingId === meeting.meetingId) }));
  return {
    caseRef: header.caseRef,
    ...(header.alias !== undefined ? { alias: header.alias } : {}),
    policyId: header.policyId,
    status: header.status,
    confirmation: header.confirmation,
    initialConferenceDate: header.initialConferenceDate,
    socialWorker: header.socialWorker,
    teamManager: header.teamManager,
    chair: header.chair,
    ...(header.serviceDeliveryManager !== undefined ? { serviceDeliveryManager: header.serviceDeliveryManager } : {}),
    nextDue: header.nextDue,
    version: header.version,
    members,
    meetings,
    recordedEvents: seesAll ? [...state.events].sort((a, b) => byNumber(a.eventId) - byNumber(b.eventId)) : [],
    events: caseEvents(state),
    claims: isAllowed(roles, 'view-claims') ? state.claims.filter((claim) => claim.status === 'pending') : [],
    viewer: { roles: [...roles], allowed: CASE_OPERATIONS.filter((operation) => isAllowed(roles, operation)), ...(self ? { memberId: self.memberId } : {}) },
  };
}
