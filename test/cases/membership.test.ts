import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseServices } from '../../src/cases/caseService.js';
import type { AddMemberInput } from '../../src/cases/validation.js';
import type { StoreTables } from '../../src/store/connect.js';
import { caseWithMeeting, externalMember, familyMember, partitionSnapshot, people, serviceOn, TODAY, type People } from './fixtures.js';

/**
 * Who is in a core group: professionals by name and agency, the family by a neutral label the social worker
 * gives, everyone outside Teams with how they are reached and sent papers; leaving it, with why.
 * The fixture case has the social worker (M1), a Teams colleague (M2) and "Parent A" (M3).
 */
describe('core group membership', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  beforeAll(async () => {
    ({ service, tables } = await serviceOn('membership'));
    who = people();
  });

  const newestAudit = async (caseRef: string) => (await service.queries.auditTrail(who.chair, caseRef, { pageSize: 1 })).items[0];

  it('keeps a family member by label, role and route alone, and audits ids and roles only', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const { memberId, view } = await service.commands.addMember(who.socialWorker, caseRef, familyMember('Grandparent', 'family-supporter'));
    expect(memberId).toBe('M4');
    expect(view.members.find((member) => member.memberId === 'M4')).toEqual({
      memberId: 'M4',
      role: 'family-supporter',
      label: 'Grandparent',
      contactRoute: 'Printed copy handed over at home visits',
      status: 'active',
      addedAt: expect.stringMatching(/^2027-03-10T/),
    });
    expect(await newestAudit(caseRef)).toMatchObject({ operation: 'add-member', before: 'M4 not in core group', after: 'M4 active family-supporter, outside Teams' });
  });

  it('keeps a professional outside Teams without an email, by name, agency and route', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const { view } = await service.commands.addMember(who.socialWorker, caseRef, externalMember('Al Advocate', undefined, 'advocate'));
    expect(view.members.find((member) => member.memberId === 'M4')).toEqual({
      memberId: 'M4',
      role: 'advocate',
      displayName: 'Al Advocate',
      agency: 'Advocacy service',
      contactRoute: 'Secure email',
      status: 'active',
      addedAt: expect.stringMatching(/^2027-03-10T/),
    });
  });

  it('lets a label be used again once the member who had it has left', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.removeMember(who.socialWorker, caseRef, { memberId: 'M3', reason: 'family-needs-changed' });
    const { memberId } = await service.commands.addMember(who.socialWorker, caseRef, familyMember('Parent A'));
    expect(memberId).toBe('M4');
  });

  describe('refuses, writing nothing', () => {
    let caseRef: string;
    beforeAll(async () => {
      caseRef = await caseWithMeeting(service, who);
    });

    const family = (overrides: Record<string, unknown>) => ({ ...familyMember('Parent B'), ...overrides }) as AddMemberInput;
    const PHONE = 'No phone numbers, addresses or email addresses here: say how (e.g. secure email, printed copy handed over at home visits) and keep the details in the case file';
    const refusals: Array<[string, AddMemberInput, string, string]> = [
      ['a family member with a name', family({ displayName: 'Mary Jones' }), 'displayName', 'Family members are known by a neutral label, never by name: leave the name empty'],
      ['a family member with an email', family({ email: 'mary@example.org' }), 'email', "Keep a family member's email in the case file (the bot emails no one): leave this empty"],
      ['a family member with an agency', family({ agency: 'Family' }), 'agency', 'Family members have no agency: leave the agency empty'],
      ['a family member picked from Teams', family({ aadObjectId: '5f1d9c7e-2b4a-4c3e-9a8b-1c2d3e4f5a6b' }), 'aadObjectId', "Family members are not picked from your organisation's people: clear the colleague box"],
      ['a family member without a label', family({ label: '  ' }), 'label', 'Give them a neutral label, such as Parent A or Grandparent'],
      ['a label over 30 characters', family({ label: 'Parent'.repeat(6) }), 'label', 'Label can be at most 30 characters (this is 36)'],
      ['a label holding a phone number', family({ label: 'Mum 07700 900123' }), 'label', 'A label says who they are in the family, such as Parent A or Grandparent: no names, numbers, dates or email addresses'],
      ['a label holding a year of birth', family({ label: 'Child born 2019' }), 'label', 'A label says who they are in the family, such as Parent A or Grandparent: no names, numbers, dates or email addresses'],
      ['a label holding an email address', family({ label: 'mum@example.org' }), 'label', 'A label says who they are in the family, such as Parent A or Grandparent: no names, numbers, dates or email addresses'],
      ['a label another family member has (case and spaces aside)', family({ label: ' parent  a ' }), 'label', 'M3 in this core group is already labelled "Parent A": give each family member a label of their own, such as Parent B.'],
      ['a family member with no route', family({ contactRoute: '' }), 'contactRoute', 'Say how they are reached and sent papers, e.g. secure email'],
      ['a professional outside Teams with no route', { ...externalMember('Dr Who'), contactRoute: '' }, 'contactRoute', 'Say how they are reached and sent papers, e.g. secure email'],
      ['a route holding a phone number', family({ contactRoute: 'Ring 07700 900123 first' }), 'contactRoute', PHONE],
      ['a route holding an international number', family({ contactRoute: 'Call +44 (0)121 496-0000' }), 'contactRoute', PHONE],
      ['a route holding a postcode', family({ contactRoute: 'Post to 1 High St, CV1 2AB' }), 'contactRoute', PHONE],
      ['a route holding an email address', family({ contactRoute: 'Email mum@example.org' }), 'contactRoute', PHONE],
      ['a professional with a label', { ...externalMember('Dr Who'), label: 'GP' } as AddMemberInput, 'label', 'Labels are for family members: a professional is known by name and agency, so leave the label empty'],
    ];

    it.each(refusals)('%s', async (_name, input, field, message) => {
      const before = await partitionSnapshot(tables, who.tenantId, caseRef);
      const error = await service.commands.addMember(who.socialWorker, caseRef, input).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ code: 'invalid-input', field });
      expect((error as Error).message.startsWith(message)).toBe(true);
      expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
    });
  });

  it('refuses a professional outside Teams already in the group, by email or by name and agency', async () => {
    const caseRef = await caseWithMeeting(service, who);
    await service.commands.addMember(who.socialWorker, caseRef, externalMember('Dr Ash', 'ash@example.org'));
    await expect(service.commands.addMember(who.socialWorker, caseRef, externalMember('Dr A. Ash', 'ASH@example.org'))).rejects.toMatchObject({ field: 'email', message: 'That person is already in this core group as M4.' });
    await expect(service.commands.addMember(who.socialWorker, caseRef, externalMember(' dr ash '))).rejects.toMatchObject({ field: 'displayName', message: 'That person is already in this core group as M4.' });
  });

  it('removes a member with why, when and by whom on their row, and the reason code in the audit', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const { view } = await service.commands.removeMember(who.teamManager, caseRef, { memberId: 'M3', reason: 'family-needs-changed' });
    expect(view.members.find((member) => member.memberId === 'M3')).toEqual({
      memberId: 'M3',
      role: 'parent-or-carer',
      label: 'Parent A',
      contactRoute: 'Printed copy handed over at home visits',
      status: 'removed',
      addedAt: expect.stringMatching(/^2027-03-10T/),
      removal: { reason: 'family-needs-changed', on: TODAY, by: who.teamManager.aadObjectId },
    });
    expect(await newestAudit(caseRef)).toMatchObject({
      operation: 'remove-member',
      actor: who.teamManager.aadObjectId,
      before: 'M3 active parent-or-carer, outside Teams',
      after: 'M3 removed parent-or-carer, outside Teams; reason family-needs-changed',
    });
  });

  it('refuses a removal without a reason, or with one not on the list, writing nothing', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    for (const input of [{ memberId: 'M2' }, { memberId: 'M2', reason: 'fell out with the social worker' }]) {
      await expect(service.commands.removeMember(who.socialWorker, caseRef, input as { memberId: string; reason: 'other' })).rejects.toMatchObject({
        code: 'invalid-input',
        field: 'reason',
        message: 'Choose why they are leaving the core group',
      });
    }
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
  });

  it('applies a repeated removal once: the same request id is recognised', async () => {
    const caseRef = await caseWithMeeting(service, who);
    const input = { memberId: 'M2', reason: 'agency-no-longer-involved' } as const;
    const first = await service.commands.removeMember(who.socialWorker, caseRef, input, { idempotencyKey: 'member.remove:r1' });
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    const again = await service.commands.removeMember(who.socialWorker, caseRef, input, { idempotencyKey: 'member.remove:r1' });
    expect([first.replayed, again.replayed]).toEqual([false, true]);
    expect(again.view.members.find((member) => member.memberId === 'M2')?.removal?.reason).toBe('agency-no-longer-involved');
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
  });

  it("changes a family member's label and route, but never gives them a name or a professional's role", async () => {
    const caseRef = await caseWithMeeting(service, who);
    const { view } = await service.commands.updateMember(who.socialWorker, caseRef, { memberId: 'M3', changes: { label: 'Mother', contactRoute: 'Secure email' } });
    expect(view.members.find((member) => member.memberId === 'M3')).toMatchObject({ label: 'Mother', contactRoute: 'Secure email' });
    expect(await newestAudit(caseRef)).toMatchObject({ after: 'M3 active parent-or-carer, outside Teams; changed: label, contactRoute' });
    await service.commands.addMember(who.socialWorker, caseRef, familyMember('Father'));
    const before = await partitionSnapshot(tables, who.tenantId, caseRef);
    const refused: Array<[object, string]> = [
      [{ memberId: 'M4', changes: { label: 'mother' } }, 'label'],
      [{ memberId: 'M3', changes: { displayName: 'Mary Jones' } }, 'displayName'],
      [{ memberId: 'M3', changes: { role: 'professional' } }, 'role'],
      [{ memberId: 'M2', changes: { label: 'Health visitor' } }, 'label'],
      [{ memberId: 'M2', changes: { role: 'parent-or-carer' } }, 'role'],
    ];
    for (const [input, field] of refused) {
      await expect(service.commands.updateMember(who.socialWorker, caseRef, input as { memberId: string; changes: object })).rejects.toMatchObject({ code: 'invalid-input', field });
    }
    expect(await partitionSnapshot(tables, who.tenantId, caseRef)).toEqual(before);
  });
});
