import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import { StaffDirectory } from '../../src/directory/staffDirectory.js';
import type { StoreTables } from '../../src/store/connect.js';
import { testTables } from '../setup/tables.js';
import { caseWithMeeting, createInput, newCaseRef, apologiesOf, nextDueOf, partitionSnapshot, people, POLICY, teamsMember, tickingClock, type People } from './fixtures.js';

/** Who holds a case, on the real staff directory: confirmation, rejection, requests for a taken reference. */
describe('confirming, rejecting and handing over a case', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  let rival: People;

  beforeAll(async () => {
    tables = await testTables('confirm');
    const directory = new StaffDirectory({ table: tables.staff, clock: tickingClock(), admins: new Set() });
    service = createCaseServices({ tables, clock: tickingClock(), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: directory });
    who = people();
    // A second social worker and team manager in the same tenant, with the same chair.
    const other = people();
    const inTenant = (actor: { aadObjectId: string }) => ({ tenantId: who.tenantId, aadObjectId: actor.aadObjectId });
    rival = { ...other, tenantId: who.tenantId, socialWorker: inTenant(other.socialWorker), teamManager: inTenant(other.teamManager), chair: who.chair };
    const entry = (aadObjectId: string, roles: Array<'social-worker' | 'team-manager' | 'chair'>) => ({ aadObjectId, displayName: 'Listed', roles });
    await directory.importEntries(who.tenantId, [
      entry(who.socialWorker.aadObjectId, ['social-worker']),
      entry(who.teamManager.aadObjectId, ['team-manager']),
      entry(who.chair.aadObjectId, ['chair']),
      entry(rival.socialWorker.aadObjectId, ['social-worker']),
      entry(rival.teamManager.aadObjectId, ['team-manager']),
    ]);
  });

  const created = async (caseRef: string, by: People = who, input = createInput(by, caseRef)) => {
    const outcome = await service.commands.createCase(by.socialWorker, input);
    if (outcome.outcome !== 'created') throw new Error(`${caseRef} was not created`);
    return outcome.view;
  };

  it('a case created by its own team manager needs no confirmation', async () => {
    const caseRef = newCaseRef();
    const outcome = await service.commands.createCase(who.teamManager, createInput(who, caseRef));
    expect(outcome).toMatchObject({ outcome: 'created', view: { confirmation: 'confirmed' } });
  });

  it('refuses every unlisted role at once, each on its field', async () => {
    const caseRef = newCaseRef();
    const input = { ...createInput(who, caseRef), teamManager: who.chair.aadObjectId, chair: who.member.aadObjectId };
    await expect(service.commands.createCase(who.socialWorker, input)).rejects.toMatchObject({
      field: 'teamManager',
      message: 'Listed is not listed as a team manager. Pick a team manager, or ask your staff administrator to list them.',
      also: [{ field: 'chair', message: 'The person picked is not in the staff directory. Pick a chair, or ask your staff administrator to list them.' }],
    });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual([]);
  });

  it('confirm and reject are refused once the team manager has confirmed', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.confirmCase(who.teamManager, caseRef);
    await expect(service.commands.confirmCase(who.teamManager, caseRef)).rejects.toMatchObject({ code: 'conflict', message: `Case ${caseRef} is already confirmed, so it cannot be confirmed again.` });
    await expect(service.commands.rejectCase(who.teamManager, caseRef, { reason: 'created-in-error' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a rejected case is withdrawn: audited without names, in nobody\'s "my cases", and refuses every change', async () => {
    const caseRef = await caseWithMeeting(service, who);
    expect(await service.commands.rejectCase(who.teamManager, caseRef, { reason: 'reference-in-use' })).toMatchObject({ caseRef, socialWorker: who.socialWorker.aadObjectId, declined: [], replayed: false });
    for (const person of [who.socialWorker, who.teamManager, who.chair, who.member]) {
      expect((await service.queries.myCases(person)).map((c) => c.caseRef), person.aadObjectId).not.toContain(caseRef);
    }
    await expect(service.commands.addMember(who.socialWorker, caseRef, teamsMember(who.outsider.aadObjectId))).rejects.toMatchObject({ code: 'case-not-found' });
    const rows = await partitionSnapshot(tables, who.tenantId, caseRef);
    expect(rows.filter((row) => row.startsWith('member|'))).toHaveLength(3);
  });

  it('a create sent again after its case was rejected finds no case, and creates nothing', async () => {
    const caseRef = newCaseRef();
    const key = { idempotencyKey: `create|${caseRef}` };
    await service.commands.createCase(who.socialWorker, createInput(who, caseRef), key);
    await service.commands.rejectCase(who.teamManager, caseRef, { reason: 'created-in-error' });
    const rows = await partitionSnapshot(tables, who.tenantId, caseRef);
    await expect(service.commands.createCase(who.socialWorker, createInput(who, caseRef), key)).rejects.toMatchObject({ code: 'case-not-found' });
    // Nor does a new create that its own checks refuse (a chair not listed as one) clear the withdrawn case's rows.
    await expect(service.commands.createCase(who.socialWorker, { ...createInput(who, caseRef), chair: who.member.aadObjectId })).rejects.toMatchObject({ field: 'chair' });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(rows);
  });

  it('a case created again over a withdrawn one starts afresh: its rows purged, versions continuing, its audit trail kept', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.rejectCase(who.teamManager, caseRef, { reason: 'created-in-error' });
    const again = await created(caseRef, rival, { ...createInput(rival, caseRef), chair: who.chair.aadObjectId });
    expect(again.members.map((m) => m.aadObjectId)).toEqual([rival.socialWorker.aadObjectId]);
    expect(again.meetings).toEqual([]);
    const rows = await partitionSnapshot(tables, who.tenantId, caseRef);
    expect(rows.filter((row) => !row.startsWith('~')).map((row) => row.split('@')[0])).toEqual(['case', 'member|M1']);
    expect(rows.filter((row) => row.startsWith('~audit|'))).toHaveLength(6);
    // Created, two members added, a meeting scheduled, rejected: the new case is version 6, so index rows of version 5 are pruned.
    expect(again.version).toBe(6);
    expect((await service.queries.myCases(who.member)).map((c) => c.caseRef)).not.toContain(caseRef);
  });

  it("a request for a taken reference is kept, shown only to the team manager; the same social worker asking twice is told so", async () => {
    const caseRef = newCaseRef();
    await created(caseRef);
    const claim = { ...createInput(rival, caseRef), chair: who.chair.aadObjectId };
    expect(await service.commands.createCase(rival.socialWorker, claim)).toEqual({ outcome: 'claimed', caseRef, claimId: 'C1', teamManager: who.teamManager.aadObjectId, replayed: false });
    await expect(service.commands.createCase(rival.socialWorker, { ...claim, alias: 'Other' })).rejects.toMatchObject({ field: 'caseRef', message: `You have already asked for ${caseRef}. Its team manager has been told and will decide.` });
    expect((await service.queries.getCase(who.teamManager, caseRef)).claims.map((c) => [c.claimId, c.claimant])).toEqual([['C1', rival.socialWorker.aadObjectId]]);
    expect((await service.queries.getCase(who.socialWorker, caseRef)).claims).toEqual([]);
    const { items } = await service.queries.auditTrail(who.socialWorker, caseRef);
    expect(items[0]).toMatchObject({ operation: 'claim-reference', actor: rival.socialWorker.aadObjectId });
    expect(JSON.stringify(items)).not.toContain('Sam Worker');
  });

  it('handing the reference over makes the request the case, confirmed when it names the deciding team manager; pressed again, it changes nothing', async () => {
    const caseRef = newCaseRef();
    await created(caseRef);
    await service.commands.createCase(rival.socialWorker, { ...createInput(rival, caseRef), teamManager: who.teamManager.aadObjectId, chair: who.chair.aadObjectId });
    const key = { idempotencyKey: `hand-over|${caseRef}` };
    const handed = await service.commands.handOver(who.teamManager, caseRef, { claimId: 'C1' }, key);
    expect(handed).toMatchObject({ caseRef, previousSocialWorker: who.socialWorker.aadObjectId, declined: [], replayed: false, created: { socialWorker: rival.socialWorker.aadObjectId, confirmation: 'confirmed' } });
    const rows = await partitionSnapshot(tables, who.tenantId, caseRef);
    expect(await service.commands.handOver(who.teamManager, caseRef, { claimId: 'C1' }, key)).toMatchObject({ replayed: true, created: { socialWorker: rival.socialWorker.aadObjectId } });
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(rows);
    await expect(service.commands.handOver(who.teamManager, caseRef, { claimId: 'C1' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
