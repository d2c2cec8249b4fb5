import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseServices } from '../../src/cases/caseService.js';
import type { StaffLookup } from '../../src/cases/caseAccess.js';
import type { StaffRole } from '../../src/directory/staff.js';
import type { StoreTables } from '../../src/store/connect.js';
import { caseWithMeeting, everyoneListed, partitionSnapshot, people, serviceOn, type People } from './fixtures.js';

/**
 * Roles over time: the team manager hands the social worker's, team manager's or chair's role to someone the staff
 * directory lists in it, or records the service delivery manager; the "my cases" lists follow, and the audit says
 * who held it before and after. The fixture case has the social worker (M1), a Teams colleague (M2), "Parent A" (M3).
 */
describe('handing a case role on', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  /** Listed in one role each, under the names the directory gives them. */
  const listed = new Map<string, { displayName: string; roles: StaffRole[] }>();
  const list = (displayName: string, role: StaffRole) => {
    const aadObjectId = randomUUID();
    listed.set(aadObjectId, { displayName, roles: [role] });
    return { tenantId: who.tenantId, aadObjectId };
  };
  const staff: StaffLookup = {
    findMany: async (tenantId, ids) => {
      const everyone = await everyoneListed.findMany(tenantId, ids);
      return new Map(ids.map((id) => [id, listed.get(id) ?? everyone.get(id)!]));
    },
  };

  beforeAll(async () => {
    ({ service, tables } = await serviceOn('roles', { staff }));
    who = people();
  });

  const newestAudit = async (caseRef: string, reader = who.chair) => (await service.queries.auditTrail(reader, caseRef, { pageSize: 1 })).items[0];
  /** The person's roles on the case as their "my cases" list shows it; undefined when it is not listed. */
  const listedRoles = async (person: { tenantId: string; aadObjectId: string }, caseRef: string) => (await service.queries.myCases(person)).find((mine) => mine.caseRef === caseRef)?.roles;

  it('a new social worker joins the core group in place of the one leaving, and the lists follow', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const next = list('Robin Newworker', 'social-worker');
    const { role, from, to, view } = await service.commands.reassignRole(who.teamManager, caseRef, { role: 'social-worker', to: next.aadObjectId });

    expect({ role, from, to }).toEqual({ role: 'social-worker', from: who.socialWorker.aadObjectId, to: next.aadObjectId });
    expect(view.socialWorker).toBe(next.aadObjectId);
    expect(view.members.map((member) => [member.memberId, member.status, member.aadObjectId, member.removal?.reason])).toEqual([
      ['M1', 'removed', who.socialWorker.aadObjectId, 'replaced'],
      ['M2', 'active', who.member.aadObjectId, undefined],
      ['M3', 'active', undefined, undefined],
      ['M4', 'active', next.aadObjectId, undefined],
    ]);
    expect(view.members.find((member) => member.memberId === 'M4')).toMatchObject({ displayName: 'Robin Newworker', agency: "Children's social care", role: 'professional' });
    expect(await newestAudit(caseRef)).toMatchObject({
      operation: 'reassign-role',
      actor: who.teamManager.aadObjectId,
      before: `social-worker ${who.socialWorker.aadObjectId}; M1 active professional, Teams user ${who.socialWorker.aadObjectId}`,
      after:
        `social-worker ${next.aadObjectId}; M1 removed professional, Teams user ${who.socialWorker.aadObjectId}; reason replaced; ` +
        `M4 active professional, Teams user ${next.aadObjectId}`,
    });
    expect(await listedRoles(next, caseRef)).toEqual(['social-worker', 'member']);
    expect(await listedRoles(who.socialWorker, caseRef)).toBeUndefined();
    await expect(service.queries.getCase(who.socialWorker, caseRef)).rejects.toMatchObject({ code: 'not-allowed' });
  });

  it('a new team manager is asked to confirm the case, and the one before no longer sees it', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.confirmCase(who.teamManager, caseRef);
    const next = list('Morgan Manager', 'team-manager');
    const { view } = await service.commands.reassignRole(who.teamManager, caseRef, { role: 'team-manager', to: next.aadObjectId });

    expect([view.teamManager, view.confirmation, view.viewer.roles]).toEqual([next.aadObjectId, 'awaiting-team-manager', []]);
    expect(await newestAudit(caseRef)).toMatchObject({ before: `team-manager ${who.teamManager.aadObjectId}`, after: `team-manager ${next.aadObjectId}; awaiting the team manager` });
    expect(await listedRoles(next, caseRef)).toEqual(['team-manager']);
    expect(await listedRoles(who.teamManager, caseRef)).toBeUndefined();
    expect((await service.commands.confirmCase(next, caseRef)).view.confirmation).toBe('confirmed');
  });

  it('a new chair sees the case, and the service delivery manager is recorded without seeing it', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const chair = list('Casey Chair', 'chair');
    const manager = list('Lee Delivery', 'service-delivery-manager');
    await service.commands.reassignRole(who.teamManager, caseRef, { role: 'chair', to: chair.aadObjectId });
    const { from, view } = await service.commands.reassignRole(who.teamManager, caseRef, { role: 'service-delivery-manager', to: manager.aadObjectId });

    expect(from).toBeNull();
    expect([view.chair, view.serviceDeliveryManager]).toEqual([chair.aadObjectId, manager.aadObjectId]);
    expect(await newestAudit(caseRef, chair)).toMatchObject({ before: 'service-delivery-manager none', after: `service-delivery-manager ${manager.aadObjectId}` });
    expect(await listedRoles(chair, caseRef)).toEqual(['chair']);
    expect(await listedRoles(who.chair, caseRef)).toBeUndefined();
    expect(await listedRoles(manager, caseRef)).toBeUndefined();
  });

  describe('refuses, writing nothing', () => {
    const refused = async (caseRef: string, attempt: () => Promise<unknown>) => {
      const before = await partitionSnapshot(tables, who.tenantId, caseRef);
      const error = await attempt().then(
        () => 'done',
        (thrown: unknown) => thrown,
      );
      expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
      return error;
    };

    it('someone the directory does not list in that role', async () => {
      const caseRef = await caseWithMeeting(service, who);
      const notAChair = list('Sasha Worker', 'social-worker');
      expect(await refused(caseRef, () => service.commands.reassignRole(who.teamManager, caseRef, { role: 'chair', to: notAChair.aadObjectId }))).toMatchObject({
        code: 'invalid-input',
        field: 'to',
        message: 'Sasha Worker is not listed as a chair. Pick a chair, or ask your staff administrator to list them.',
      });
    });

    it('the person who already holds it, and a social worker already in the group as someone else', async () => {
      const caseRef = await caseWithMeeting(service, who);
      expect(await refused(caseRef, () => service.commands.reassignRole(who.teamManager, caseRef, { role: 'chair', to: who.chair.aadObjectId }))).toMatchObject({
        field: 'to',
        message: `They are already the chair for ${caseRef}.`,
      });
      expect(await refused(caseRef, () => service.commands.reassignRole(who.teamManager, caseRef, { role: 'social-worker', to: who.member.aadObjectId }))).toMatchObject({
        field: 'to',
        message: 'They are already in this core group as M2: remove them from it first, then make them the social worker.',
      });
    });

    it('a role that is not one, or nobody picked', async () => {
      const caseRef = await caseWithMeeting(service, who);
      expect(await refused(caseRef, () => service.commands.reassignRole(who.teamManager, caseRef, { role: 'director' as never, to: randomUUID() }))).toMatchObject({
        field: 'role',
        message: 'Choose which role changes hands',
      });
      expect(await refused(caseRef, () => service.commands.reassignRole(who.teamManager, caseRef, { role: 'chair', to: '' }))).toMatchObject({
        field: 'to',
        message: "Pick the person from your organisation's people",
      });
    });
  });
});
