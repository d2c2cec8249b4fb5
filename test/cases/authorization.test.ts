import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_OPERATIONS, CASE_ROLES, isAllowed, MATRIX, type CaseOperation } from '../../src/cases/authorization.js';
import { casePartition } from '../../src/cases/caseRepository.js';
import type { CaseServices } from '../../src/cases/caseService.js';
import type { Actor, CaseRole } from '../../src/cases/model.js';
import { apologiesFrom, createPolicyRegistry } from '../../src/policy/index.js';
import { readAuditPage, type AuditEntry } from '../../src/store/audit.js';
import type { StoreTables } from '../../src/store/connect.js';
import type { Clock } from '../../src/time/clock.js';
import { caseWithMeeting, createInput, HELD, newCaseRef, partitionSnapshot, people, serviceOn, teamsMember, tickingClock, TODAY, type People } from './fixtures.js';

/** The policy, written out independently of the code: who may do what. */
const EXPECTED: { readonly [operation in CaseOperation]: readonly CaseRole[] } = {
  'create-case': ['social-worker', 'team-manager'],
  'confirm-case': ['team-manager'],
  'reject-case': ['team-manager'],
  'view-claims': ['team-manager'],
  'decide-claim': ['team-manager'],
  'view-case': ['social-worker', 'team-manager', 'chair', 'member'],
  'view-core-group': ['social-worker', 'team-manager', 'chair'],
  'view-audit': ['social-worker', 'team-manager', 'chair'],
  'add-member': ['social-worker', 'team-manager'],
  'update-member': ['social-worker', 'team-manager'],
  'remove-member': ['social-worker', 'team-manager'],
  'schedule-meeting': ['social-worker', 'team-manager'],
  'reschedule-meeting': ['social-worker', 'team-manager'],
  'cancel-meeting': ['social-worker', 'team-manager'],
  'reassign-role': ['team-manager'],
  'answer-own': ['member'],
  'answer-on-behalf': ['social-worker', 'team-manager'],
  'confirm-verbal-update': ['social-worker'],
  'record-meeting-held': ['social-worker', 'team-manager'],
  'correct-meeting-held': ['social-worker', 'team-manager'],
  'record-plan-updated': ['social-worker', 'team-manager'],
  'record-plan-circulated': ['social-worker', 'team-manager'],
  'record-minutes-received': ['social-worker', 'team-manager'],
  'record-record-distributed': ['social-worker', 'team-manager'],
  'record-plan-sent-to-isu': ['social-worker', 'team-manager'],
  'record-minutes-disseminated': ['social-worker', 'team-manager'],
  'record-chronology-updated': ['social-worker', 'team-manager'],
  'record-child-seen': ['social-worker', 'team-manager'],
  'record-outline-plan-sent': ['social-worker', 'team-manager', 'chair'],
  'record-review-conference-held': ['social-worker', 'team-manager', 'chair'],
  'record-joint-report-draft-sent': ['social-worker', 'team-manager'],
  'record-joint-report-comments-received': ['social-worker', 'team-manager'],
  'record-joint-report-sent-to-manager': ['social-worker', 'team-manager'],
  'record-joint-report-authorised': ['team-manager'],
  'record-joint-report-final-sent': ['social-worker', 'team-manager'],
  'record-missed-core-group-decision': ['chair'],
  'record-plan-ended': ['social-worker', 'team-manager', 'chair'],
};

describe('authorization matrix (pure)', () => {
  it('covers every operation', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...CASE_OPERATIONS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...CASE_OPERATIONS].sort());
  });

  const pairs = CASE_OPERATIONS.flatMap((operation) => CASE_ROLES.map((role) => [operation, role] as const));
  it.each(pairs)('%s by %s', (operation, role) => {
    expect(isAllowed(new Set([role]), operation)).toBe(EXPECTED[operation].includes(role));
  });

  it('allows nothing to someone with no role', () => {
    for (const operation of CASE_OPERATIONS) expect(isAllowed(new Set(), operation)).toBe(false);
  });
});

/**
 * The matrix through the service against Azurite: every operation × everyone who might try it, generated from
 * MATRIX (a new operation does not type-check until it has a check here). Allowed: it succeeds and, if it changes
 * the case, appends exactly the audit entries named below (who, the injected clock's time, what, the case); a read
 * appends none. Refused: the domain's error and not a row of the case's partition changed, its audit trail included.
 */
type Person = 'social-worker' | 'team-manager' | 'chair' | 'member' | 'former-member' | 'outsider' | 'other-tenant';
const PERSONS: readonly Person[] = ['social-worker', 'team-manager', 'chair', 'member', 'former-member', 'outsider', 'other-tenant'];

/** The case's people, and three with no role: a member since removed, someone never on it, and the member's own id in another tenant. */
interface Cast extends People {
  readonly former: Actor;
  readonly otherTenant: Actor;
}

function actorOf(cast: Cast, person: Person): Actor {
  switch (person) {
    case 'social-worker':
      return cast.socialWorker;
    case 'team-manager':
      return cast.teamManager;
    case 'chair':
      return cast.chair;
    case 'member':
      return cast.member;
    case 'former-member':
      return cast.former;
    case 'outsider':
      return cast.outsider;
    case 'other-tenant':
      return cast.otherTenant;
  }
}

/** The roles each person holds on the case: the social worker is also member M1, so may answer for themself. */
const HELD_ROLES: { readonly [person in Person]: readonly CaseRole[] } = {
  'social-worker': ['social-worker', 'member'],
  'team-manager': ['team-manager'],
  chair: ['chair'],
  member: ['member'],
  'former-member': [],
  outsider: [],
  'other-tenant': [],
};

/** What an operation needs in place: the case (a fresh reference for create-case) and a waiting request's id. */
interface Scene {
  readonly caseRef: string;
  readonly claimId: string;
}

/** An audit entry expected: the operation it names and who did it (the actor unless said). */
interface Audited {
  readonly operation: string;
  readonly by?: (cast: Cast) => Actor;
}

interface Check {
  /** The case as the operation needs it; onCase unless said. */
  readonly arrange?: (service: CaseServices, cast: Cast) => Promise<Scene>;
  /** Performs the operation; what it resolves to matters only for a read that narrows (below). */
  readonly act: (service: CaseServices, actor: Actor, scene: Scene, cast: Cast) => Promise<unknown>;
  /** The entries an allowed change appends, newest first; none for a read. */
  readonly audits: readonly Audited[];
  /**
   * A read that shows someone on the case less instead of refusing them: whether the act's answer shows what the
   * operation is about. Those not on the case are still refused.
   */
  readonly narrows?: true;
}

/**
 * caseWithMeeting (the social worker M1, a Teams member M2, Parent A M3, CG1 scheduled), and M4, a colleague
 * added and removed again.
 */
async function onCase(service: CaseServices, cast: Cast): Promise<Scene> {
  const caseRef = await caseWithMeeting(service, cast);
  await service.commands.addMember(cast.socialWorker, caseRef, teamsMember(cast.former.aadObjectId));
  await service.commands.removeMember(cast.socialWorker, caseRef, { memberId: 'M4', reason: 'agency-no-longer-involved' });
  return { caseRef, claimId: '' };
}

/** onCase, and another social worker's request for its reference, waiting for its team manager. */
async function withClaim(service: CaseServices, cast: Cast): Promise<Scene> {
  const { caseRef } = await onCase(service, cast);
  const claimant = claimantOf(cast);
  const claim = await service.commands.createCase(claimant, createInput(cast, caseRef, { socialWorker: { aadObjectId: claimant.aadObjectId, displayName: 'Kim Other', agency: "Children's social care" } }));
  if (claim.outcome !== 'claimed') throw new Error(`expected a request for ${caseRef} to be kept, got ${claim.outcome}`);
  return { caseRef, claimId: claim.claimId };
}
const CLAIMANT_ID = randomUUID();
const claimantOf = (cast: Cast): Actor => ({ tenantId: cast.tenantId, aadObjectId: CLAIMANT_ID });

/** The same, and CG1 recorded as held today. */
async function withHeldMeeting(service: CaseServices, cast: Cast): Promise<Scene> {
  const scene = await onCase(service, cast);
  await service.commands.recordMeetingHeld(cast.socialWorker, scene.caseRef, HELD);
  return scene;
}

/** The same, and member M2's apologies with a verbal update, awaiting the social worker's confirmation. */
async function withVerbalUpdate(service: CaseServices, cast: Cast): Promise<Scene> {
  const scene = await onCase(service, cast);
  await service.commands.answerInvitation(cast.member, scene.caseRef, { meetingId: 'CG1', response: 'apologies', verbalUpdate: true });
  return scene;
}

/** A recorded event of the kind the operation names, today. */
const recorded = (kind: Parameters<CaseServices['commands']['recordEvent']>[2]['kind'], note?: string): Check => ({
  act: (s, a, { caseRef }) => s.commands.recordEvent(a, caseRef, { kind, date: TODAY, ...(note !== undefined && { note }) }),
  audits: [{ operation: `record-${kind}` }],
});
const itself = (operation: CaseOperation): readonly Audited[] => [{ operation }];

const CHECKS: { readonly [operation in CaseOperation]: Check } = {
  'create-case': {
    arrange: async () => ({ caseRef: newCaseRef(), claimId: '' }),
    // The form names the case's own people, whoever submits it.
    act: (s, a, { caseRef }, cast) => s.commands.createCase(a, createInput(cast, caseRef)),
    audits: itself('create-case'),
  },
  'confirm-case': { act: (s, a, { caseRef }) => s.commands.confirmCase(a, caseRef), audits: itself('confirm-case') },
  'reject-case': { act: (s, a, { caseRef }) => s.commands.rejectCase(a, caseRef, { reason: 'not-my-team' }), audits: itself('reject-case') },
  'view-claims': {
    arrange: withClaim,
    act: async (s, a, { caseRef }) => (await s.queries.getCase(a, caseRef)).claims.length > 0,
    audits: [],
    narrows: true,
  },
  // The request becomes the case: the withdrawal is the team manager's, the new case the requester's.
  'decide-claim': {
    arrange: withClaim,
    act: (s, a, { caseRef, claimId }) => s.commands.handOver(a, caseRef, { claimId }),
    audits: [{ operation: 'create-case', by: claimantOf }, { operation: 'decide-claim' }],
  },
  'view-case': { act: (s, a, { caseRef }) => s.queries.getCase(a, caseRef), audits: [] },
  // Anyone's details but one's own.
  'view-core-group': {
    act: async (s, a, { caseRef }) => {
      const view = await s.queries.getCase(a, caseRef);
      return view.members.some((member) => member.memberId !== view.viewer.memberId);
    },
    audits: [],
    narrows: true,
  },
  'view-audit': { act: (s, a, { caseRef }) => s.queries.auditTrail(a, caseRef), audits: [] },
  'add-member': {
    act: (s, a, { caseRef }) => s.commands.addMember(a, caseRef, { kind: 'external', displayName: 'New', email: 'new@example.org', agency: 'School', role: 'professional', contactRoute: 'Egress' }),
    audits: itself('add-member'),
  },
  'update-member': { act: (s, a, { caseRef }) => s.commands.updateMember(a, caseRef, { memberId: 'M3', changes: { contactRoute: 'Letter to the family home' } }), audits: itself('update-member') },
  'remove-member': { act: (s, a, { caseRef }) => s.commands.removeMember(a, caseRef, { memberId: 'M3', reason: 'family-needs-changed' }), audits: itself('remove-member') },
  'schedule-meeting': {
    act: (s, a, { caseRef }) => s.commands.scheduleMeeting(a, caseRef, { date: '2027-04-01', time: '14:00', venue: 'Office', type: 'subsequent' }),
    audits: itself('schedule-meeting'),
  },
  'reschedule-meeting': {
    act: (s, a, { caseRef }) => s.commands.rescheduleMeeting(a, caseRef, { meetingId: 'CG1', date: '2027-03-22', time: '10:00', venue: 'Office', type: 'first' }),
    audits: itself('reschedule-meeting'),
  },
  'cancel-meeting': { act: (s, a, { caseRef }) => s.commands.cancelMeeting(a, caseRef, { meetingId: 'CG1' }), audits: itself('cancel-meeting') },
  'reassign-role': { act: (s, a, { caseRef }) => s.commands.reassignRole(a, caseRef, { role: 'service-delivery-manager', to: randomUUID() }), audits: itself('reassign-role') },
  'answer-own': { act: (s, a, { caseRef }) => s.commands.answerInvitation(a, caseRef, { meetingId: 'CG1', response: 'attending' }), audits: itself('answer-own') },
  'answer-on-behalf': {
    act: (s, a, { caseRef }) => s.commands.answerInvitation(a, caseRef, { meetingId: 'CG1', memberId: 'M3', response: 'attending' }),
    audits: itself('answer-on-behalf'),
  },
  'confirm-verbal-update': {
    arrange: withVerbalUpdate,
    act: (s, a, { caseRef }) => s.commands.confirmVerbalUpdate(a, caseRef, { meetingId: 'CG1', memberId: 'M2' }),
    audits: itself('confirm-verbal-update'),
  },
  'record-meeting-held': { act: (s, a, { caseRef }) => s.commands.recordMeetingHeld(a, caseRef, HELD), audits: itself('record-meeting-held') },
  'correct-meeting-held': {
    arrange: withHeldMeeting,
    act: (s, a, { caseRef }) => s.commands.correctMeetingHeld(a, caseRef, { ...HELD, heldOn: '2027-03-09', reason: 'The wrong date was entered' }),
    audits: itself('correct-meeting-held'),
  },
  'record-plan-updated': recorded('plan-updated'),
  'record-plan-circulated': recorded('plan-circulated'),
  'record-plan-sent-to-isu': recorded('plan-sent-to-isu'),
  'record-minutes-received': recorded('minutes-received'),
  'record-minutes-disseminated': recorded('minutes-disseminated'),
  'record-record-distributed': recorded('record-distributed'),
  'record-chronology-updated': recorded('chronology-updated'),
  'record-child-seen': recorded('child-seen'),
  'record-outline-plan-sent': recorded('outline-plan-sent'),
  'record-review-conference-held': recorded('review-conference-held'),
  'record-joint-report-draft-sent': recorded('joint-report-draft-sent'),
  'record-joint-report-comments-received': recorded('joint-report-comments-received'),
  'record-joint-report-sent-to-manager': recorded('joint-report-sent-to-manager'),
  'record-joint-report-authorised': recorded('joint-report-authorised'),
  'record-joint-report-final-sent': recorded('joint-report-final-sent'),
  'record-missed-core-group-decision': recorded('missed-core-group-decision', 'Hold within 5 working days'),
  'record-plan-ended': recorded('plan-ended'),
};

describe('authorization matrix through the service, against Azurite', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let cast: Cast;
  /** Every instant the service's clock gave, so an audit entry's time can be traced to the operation that wrote it. */
  const issued: string[] = [];
  beforeAll(async () => {
    const ticking = tickingClock();
    const clock: Clock = {
      now: () => {
        const at = ticking.now();
        issued.push(at.toISOString());
        return at;
      },
      today: () => ticking.today(),
    };
    // Apologies as warwickshire (seed 003) takes them, so there is a verbal update to confirm.
    const apologiesOf = () => apologiesFrom(createPolicyRegistry())('warwickshire');
    ({ service, tables } = await serviceOn('authz', { clock, apologiesOf }));
    const who = people();
    cast = { ...who, former: { tenantId: who.tenantId, aadObjectId: randomUUID() }, otherTenant: { tenantId: randomUUID(), aadObjectId: who.member.aadObjectId } };
  });

  const auditOf = async (tenantId: string, caseRef: string): Promise<readonly AuditEntry[]> => (await readAuditPage(tables.cases, casePartition(tenantId, caseRef))).items;
  /** The case's partition, in its own tenant and in the other one. */
  const rowsOf = async (caseRef: string) => [await partitionSnapshot(tables, cast.tenantId, caseRef), await partitionSnapshot(tables, cast.otherTenant.tenantId, caseRef)];

  const pairs = CASE_OPERATIONS.flatMap((operation) => PERSONS.map((person) => [operation, person] as const));
  it.each(pairs)('%s by %s', async (operation, person) => {
    const check = CHECKS[operation];
    const scene = await (check.arrange ?? onCase)(service, cast);
    const actor = actorOf(cast, person);
    const [rowsBefore, auditBefore] = [await rowsOf(scene.caseRef), await auditOf(cast.tenantId, scene.caseRef)];
    const since = issued.length;
    const outcome = await check.act(service, actor, scene, cast).then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    const onTheCase = HELD_ROLES[person].length > 0;

    if (isAllowed(new Set(HELD_ROLES[person]), operation)) {
      expect(outcome).toEqual({ answer: check.narrows ? true : expect.anything() });
      const audit = await auditOf(cast.tenantId, scene.caseRef);
      const added = audit.slice(0, audit.length - auditBefore.length);
      expect(audit.slice(added.length)).toEqual(auditBefore);
      expect(added).toEqual(
        check.audits.map(({ operation: named, by }) => ({
          at: expect.toBeOneOf(issued.slice(since)),
          actor: (by?.(cast) ?? actor).aadObjectId,
          operation: named,
          subject: scene.caseRef,
          before: expect.any(String),
          after: expect.any(String),
        })),
      );
      if (check.audits.length === 0) expect(await rowsOf(scene.caseRef)).toEqual(rowsBefore);
      return;
    }
    if (check.narrows && onTheCase) {
      expect(outcome).toEqual({ answer: false });
    } else if (person === 'other-tenant' && operation !== 'create-case') {
      // No case by that reference in the asker's tenant: the same answer as for a reference never used.
      expect(outcome).toEqual({ error: expect.objectContaining({ code: 'case-not-found' }) });
    } else {
      expect(outcome).toEqual({ error: expect.objectContaining({ code: 'not-allowed', message: expect.stringContaining(`case ${scene.caseRef}`) }) });
    }
    expect(await rowsOf(scene.caseRef)).toEqual(rowsBefore);
  });

  // The one audited change outside the matrix (AuditedOperation): another social worker asking for a taken reference.
  it('a request for a reference awaiting its team manager appends one claim-reference entry naming the requester; over a confirmed case, none', async () => {
    const { caseRef } = await onCase(service, cast);
    const auditBefore = await auditOf(cast.tenantId, caseRef);
    const since = issued.length;
    const claimant = claimantOf(cast);
    const request = createInput(cast, caseRef, { socialWorker: { aadObjectId: claimant.aadObjectId, displayName: 'Kim Other', agency: "Children's social care" } });
    expect(await service.commands.createCase(claimant, request)).toMatchObject({ outcome: 'claimed', claimId: 'C1' });
    const audit = await auditOf(cast.tenantId, caseRef);
    expect(audit.slice(1)).toEqual(auditBefore);
    expect(audit[0]).toEqual({ at: expect.toBeOneOf(issued.slice(since)), actor: claimant.aadObjectId, operation: 'claim-reference', subject: caseRef, before: expect.any(String), after: expect.any(String) });

    await service.commands.confirmCase(cast.teamManager, caseRef);
    const rowsBefore = await rowsOf(caseRef);
    await expect(service.commands.createCase(claimant, request)).rejects.toMatchObject({ name: 'ReferenceInUse' });
    expect(await rowsOf(caseRef)).toEqual(rowsBefore);
  });
});
