import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput, NotAllowed } from '../../src/cases/errors.js';
import { StaffDirectory } from '../../src/directory/staffDirectory.js';
import type { StoreTables } from '../../src/store/connect.js';
import { tickingClock } from '../cases/fixtures.js';
import { snapshot, testTables } from '../setup/tables.js';

describe('staff directory on Azure Tables', () => {
  let tables: StoreTables;
  let directory: StaffDirectory;
  const tenantId = randomUUID();
  const admin = { tenantId, aadObjectId: randomUUID() };
  const megan = randomUUID();
  const adele = randomUUID();

  beforeAll(async () => {
    tables = await testTables('staff');
    directory = new StaffDirectory({ table: tables.staff, clock: tickingClock(), admins: new Set([admin.aadObjectId]) });
  });

  it('lists a person with their roles in role order, read back from the table', async () => {
    const result = await directory.set(admin, { aadObjectId: megan.toUpperCase(), displayName: ' Megan Bowen ', roles: ['chair', 'team-manager'] });
    expect(result).toEqual({
      member: { tenantId, aadObjectId: megan, displayName: 'Megan Bowen', roles: ['team-manager', 'chair'], updatedBy: admin.aadObjectId, updatedAt: '2027-03-10T09:00:01.000Z' },
      change: 'added',
      replayed: false,
    });
    expect(await directory.find(tenantId, megan)).toEqual(result.member);
    expect(await directory.find(randomUUID(), megan)).toBeNull();
  });

  it('audits every change by ids and roles only, never the name', async () => {
    await directory.set(admin, { aadObjectId: megan, displayName: 'Megan Bowen', roles: ['team-manager'] });
    const { items } = await directory.auditTrail(admin);
    expect(items.map(({ actor, operation, subject, before, after }) => ({ actor, operation, subject, before, after }))).toEqual([
      { actor: admin.aadObjectId, operation: 'staff-set', subject: `staff ${megan}`, before: 'roles team-manager,chair', after: 'roles team-manager' },
      { actor: admin.aadObjectId, operation: 'staff-set', subject: `staff ${megan}`, before: 'not listed', after: 'roles team-manager,chair' },
    ]);
    expect(JSON.stringify(items)).not.toContain('Megan');
  });

  it('writes nothing for a change that changes nothing', async () => {
    const before = await snapshot(tables, 'staff');
    expect((await directory.set(admin, { aadObjectId: megan, displayName: 'Megan Bowen', roles: ['team-manager'] })).change).toBe('unchanged');
    expect(await snapshot(tables, 'staff')).toEqual(before);
  });

  it('applies a request once per idempotency key, and refuses the key for another request', async () => {
    const key = `staff.set:${randomUUID()}`;
    const entry = { aadObjectId: adele, displayName: 'Adele Vance', roles: ['chair' as const] };
    expect((await directory.set(admin, entry, { idempotencyKey: key })).change).toBe('added');
    const after = await snapshot(tables, 'staff');
    expect(await directory.set(admin, entry, { idempotencyKey: key })).toMatchObject({ replayed: true, member: { roles: ['chair'] } });
    expect(await snapshot(tables, 'staff')).toEqual(after);
    await expect(directory.set(admin, { ...entry, roles: ['team-manager'] }, { idempotencyKey: key })).rejects.toBeInstanceOf(InvalidInput);
  });

  it('lists the tenant by name', async () => {
    expect((await directory.list(admin)).map((m) => [m.displayName, m.roles])).toEqual([
      ['Adele Vance', ['chair']],
      ['Megan Bowen', ['team-manager']],
    ]);
  });

  it('removes a person, audited, and finds them gone', async () => {
    expect((await directory.remove(admin, adele)).removed).toMatchObject({ aadObjectId: adele });
    expect(await directory.find(tenantId, adele)).toBeNull();
    expect((await directory.auditTrail(admin)).items[0]).toMatchObject({ operation: 'staff-remove', subject: `staff ${adele}`, before: 'roles chair', after: 'not listed' });
    expect((await directory.remove(admin, adele)).removed).toBeNull();
  });

  it('refuses anyone not named as a staff administrator, writing nothing', async () => {
    const before = await snapshot(tables, 'staff');
    const stranger = { tenantId, aadObjectId: megan };
    await expect(directory.set(stranger, { aadObjectId: megan, displayName: 'Megan Bowen', roles: ['chair'] })).rejects.toThrow(
      new NotAllowed('Only a staff administrator can see or change the staff directory. Ask your team manager who administers it.'),
    );
    await expect(directory.list(stranger)).rejects.toBeInstanceOf(NotAllowed);
    await expect(directory.remove(stranger, megan)).rejects.toBeInstanceOf(NotAllowed);
    expect(await snapshot(tables, 'staff')).toEqual(before);
  });

  it('refuses an entry without a role or with an unknown one', async () => {
    await expect(directory.set(admin, { aadObjectId: megan, displayName: 'Megan Bowen', roles: [] })).rejects.toThrow('Choose at least one role');
    await expect(directory.set(admin, { aadObjectId: megan, displayName: 'Megan Bowen', roles: ['boss' as 'chair'] })).rejects.toThrow(
      'Roles must be among: social-worker, team-manager, chair, service-delivery-manager',
    );
  });

  it('imports entries in transactions of 50 people, each audited as the import, counting what changed', async () => {
    const other = randomUUID();
    const people = Array.from({ length: 120 }, (_, index) => ({ aadObjectId: randomUUID(), displayName: `Worker ${index}`, roles: ['social-worker' as const] }));
    expect(await directory.importEntries(other, people)).toEqual({ added: 120, changed: 0, unchanged: 0 });
    const changed = people.map((person, index) => (index < 3 ? { ...person, roles: ['social-worker' as const, 'chair' as const] } : person));
    expect(await directory.importEntries(other, changed)).toEqual({ added: 0, changed: 3, unchanged: 117 });
    const listed = await directory.listTenant(other);
    expect(listed).toHaveLength(120);
    expect(listed.filter((m) => m.roles.includes('chair')).map((m) => m.updatedBy)).toEqual(['import', 'import', 'import']);
  });
});
