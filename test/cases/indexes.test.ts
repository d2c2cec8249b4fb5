import { odata } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseServices } from '../../src/cases/caseService.js';
import type { Actor } from '../../src/cases/model.js';
import type { StoreTables } from '../../src/store/connect.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { caseWithMeeting, createInput, newCaseRef, people, serviceOn, TODAY, type People } from './fixtures.js';

/** The due index's rows as `partition/rowKey`. */
async function dueRows(tables: StoreTables): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of tables.caseDue.listEntities({ queryOptions: { filter: odata`PartitionKey ne '~cursor'` } })) rows.push(`${row.partitionKey}/${row.rowKey}`);
  return rows;
}

describe('"my cases" and "due soon" indexes', () => {
  let service: CaseServices;
  let tables: StoreTables;
  let who: People;
  beforeAll(async () => {
    ({ service, tables } = await serviceOn('index'));
    who = people();
  });

  it('lists each person their cases with their roles, and forgets members who were removed', async () => {
    const first = await caseWithMeeting(service, who);
    const second = newCaseRef();
    await service.commands.createCase(who.teamManager, createInput(who, second, { chair: who.outsider.aadObjectId }));

    const mine = async (actor: Actor) =>
      (await service.queries.myCases(actor)).map((found) => `${found.caseRef}:${[...found.roles].sort().join('+')}`).sort();
    expect(await mine(who.socialWorker)).toEqual([`${first}:member+social-worker`, `${second}:member+social-worker`].sort());
    expect(await mine(who.chair)).toEqual([`${first}:chair`]);
    expect(await mine(who.member)).toEqual([`${first}:member`]);

    await service.commands.removeMember(who.socialWorker, first, { memberId: 'M2', reason: 'agency-no-longer-involved' });
    expect(await mine(who.member)).toEqual([]);
    // The stale index row was pruned on that read.
    const left = tables.userCases.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${`${who.tenantId}|${who.member.aadObjectId}`}` } });
    const rows: unknown[] = [];
    for await (const row of left) rows.push(row);
    expect(rows).toEqual([]);
  });

  it('finds open cases due by a horizon, overdue ones included, and follows due dates as they move', async () => {
    const local = people();
    const caseRef = newCaseRef();
    await service.commands.createCase(local.socialWorker, createInput(local, caseRef, { initialConferenceDate: '2027-01-01' }));
    const dueFor = async (horizon: string) =>
      (await service.sweeps.casesDue(horizon as LocalDate)).filter(({ header }) => header.caseRef === caseRef).map(({ header }) => [header.tenantId, header.caseRef, header.attentionDate]);

    expect(await dueFor('2027-01-20')).toEqual([]);
    expect(await dueFor(TODAY)).toEqual([[local.tenantId, caseRef, '2027-01-21']]);

    await service.commands.recordEvent(local.socialWorker, caseRef, { kind: 'plan-updated', date: '2027-03-01' });
    expect(await dueFor(TODAY)).toEqual([]);
    expect(await dueFor('2027-03-21')).toEqual([[local.tenantId, caseRef, '2027-03-21']]);
    // The old row was pruned by the sweep that found it stale; both were written in this month (the first overdue).
    expect((await dueRows(tables)).filter((row) => row.endsWith(caseRef))).toEqual([`due|2027-03/2027-03-21|${local.tenantId}|${caseRef}`]);

    await service.commands.recordEvent(local.socialWorker, caseRef, { kind: 'plan-ended', date: TODAY });
    expect(await dueFor('2030-01-01')).toEqual([]);
    expect((await dueRows(tables)).filter((row) => row.endsWith(caseRef))).toEqual([]);
  });
});
