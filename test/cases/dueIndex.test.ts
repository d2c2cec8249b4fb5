import { describe, expect, it } from 'vitest';
import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import type { CaseState } from '../../src/cases/model.js';
import type { StoreTables } from '../../src/store/connect.js';
import { fixedClock } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { testTables } from '../setup/tables.js';
import { apologiesOf, createInput, everyoneListed, newCaseRef, nextDueOf, people, POLICY, type People } from './fixtures.js';

/** The case services as an instance whose clock says `today` sees them, on shared tables. */
const servicesOn = (tables: StoreTables, today: string): CaseServices =>
  createCaseServices({ tables, clock: fixedClock(today), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });

/** Every due row as `partition/date|caseRef`, and the cursor's month (the tenant left out: each test has one). */
async function dueIndex(tables: StoreTables): Promise<{ rows: string[]; cursor: unknown }> {
  const rows: string[] = [];
  let cursor: unknown;
  for await (const row of tables.caseDue.listEntities()) {
    if (row.partitionKey === '~cursor') cursor = row['month'];
    else rows.push(`${row.partitionKey}/${String(row.rowKey).split('|')[0]}|${String(row['caseRef'])}`);
  }
  return { rows: rows.sort(), cursor };
}

/** The cases a sweep found, in its order: by attention date, then by case (references are random, so ties are sorted here too). */
const found = (states: readonly CaseState[]) => states.map(({ header }) => `${header.attentionDate} ${header.caseRef}`);

/** A case whose next due date, under the fixture's stand-in engine, is 20 days after its initial conference. */
async function openCase(service: CaseServices, who: People, initialConferenceDate: string): Promise<string> {
  const caseRef = newCaseRef();
  await service.commands.createCase(who.socialWorker, createInput(who, caseRef, { initialConferenceDate }));
  return caseRef;
}

const meetingOn = (date: string) => ({ date, time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M1' }) as const;

describe('the due index: a row per case at its attention date, partitioned by month', () => {
  it('finds a case by a meeting arranged before its due date, with the whole case, and by the due date once the meeting is called off', async () => {
    const tables = await testTables('due');
    const service = servicesOn(tables, '2027-03-10');
    const who = people();
    const caseRef = await openCase(service, who, '2027-03-01');
    await service.commands.scheduleMeeting(who.socialWorker, caseRef, meetingOn('2027-03-15'));

    expect(found(await service.sweeps.casesDue('2027-03-14' as LocalDate))).toEqual([]);
    const [due] = await service.sweeps.casesDue('2027-03-15' as LocalDate);
    // Next due stays what people are shown; the meeting's reminders are what bring the sweep on the 15th.
    expect(due?.header).toMatchObject({ caseRef, nextDue: '2027-03-21', attentionDate: '2027-03-15' });
    expect(due?.meetings.map((meeting) => [meeting.meetingId, meeting.date])).toEqual([['CG1', '2027-03-15']]);
    expect(due?.members.map((member) => member.memberId)).toEqual(['M1']);
    expect((await dueIndex(tables)).rows).toEqual([`due|2027-03/2027-03-15|${caseRef}`, `due|2027-03/2027-03-21|${caseRef}`]);

    await service.commands.cancelMeeting(who.socialWorker, caseRef, { meetingId: 'CG1' });
    expect(found(await service.sweeps.casesDue('2027-03-20' as LocalDate))).toEqual([]);
    expect(found(await service.sweeps.casesDue('2027-03-21' as LocalDate))).toEqual([`2027-03-21 ${caseRef}`]);
    // The meeting's row was read as stale by that sweep and pruned.
    expect(await dueIndex(tables)).toEqual({ rows: [`due|2027-03/2027-03-21|${caseRef}`], cursor: '2027-02' });
  });

  it('writes a row already overdue into the writer\'s own month, and a later one into its date\'s month', async () => {
    const tables = await testTables('due');
    const service = servicesOn(tables, '2027-03-20');
    const who = people();
    const overdue = await openCase(service, who, '2027-01-05');
    const later = await openCase(service, who, '2027-03-15');

    expect((await dueIndex(tables)).rows).toEqual([`due|2027-03/2027-01-25|${overdue}`, `due|2027-04/2027-04-04|${later}`]);
    expect(found(await service.sweeps.casesDue('2027-04-03' as LocalDate))).toEqual([`2027-01-25 ${overdue}`]);
    expect(found(await service.sweeps.casesDue('2027-04-04' as LocalDate))).toEqual([`2027-01-25 ${overdue}`, `2027-04-04 ${later}`]);
  });

  it('moves rows left in past months into this month, then advances the cursor to last month and reads no further back', async () => {
    const tables = await testTables('due');
    const who = people();
    const january = await openCase(servicesOn(tables, '2027-01-20'), who, '2027-01-05');
    const february = await openCase(servicesOn(tables, '2027-02-03'), who, '2027-02-01');
    expect((await dueIndex(tables)).rows).toEqual([`due|2027-01/2027-01-25|${january}`, `due|2027-02/2027-02-21|${february}`]);

    // No sweep ran in February or March: the first one, in April, starts at the earliest month there is.
    const april = servicesOn(tables, '2027-04-05');
    expect(found(await april.sweeps.casesDue('2027-04-05' as LocalDate))).toEqual([`2027-01-25 ${january}`, `2027-02-21 ${february}`]);
    expect(await dueIndex(tables)).toEqual({ rows: [`due|2027-04/2027-01-25|${january}`, `due|2027-04/2027-02-21|${february}`], cursor: '2027-03' });

    // A row in a month behind the cursor is one no writer can have put there since: the sweep no longer reads it.
    const { tenantId } = who;
    await tables.caseDue.createEntity({ partitionKey: 'due|2027-02', rowKey: `2027-02-10|${tenantId}|CP-0001`, tenantId, caseRef: 'CP-0001', due: '2027-02-10', caseVersion: 1 });
    expect(found(await april.sweeps.casesDue('2027-04-05' as LocalDate))).toEqual([`2027-01-25 ${january}`, `2027-02-21 ${february}`]);
    expect((await dueIndex(tables)).rows).toContain(`due|2027-02/2027-02-10|CP-0001`);
  });

  it('still finds the cases of the single partition rows were kept in before, and moves their rows into months', async () => {
    const tables = await testTables('due');
    const service = servicesOn(tables, '2027-03-10');
    const who = people();
    const caseRef = await openCase(service, who, '2027-03-01');
    // As written before attention dates and months: a case row without attentionDate, its row in the partition `due`.
    const { tenantId } = who;
    const { etag: _etag, timestamp: _timestamp, attentionDate: _attention, ...properties } = await tables.cases.getEntity<Record<string, unknown>>(`${tenantId}|${caseRef}`, 'case');
    await tables.cases.updateEntity({ ...properties, partitionKey: `${tenantId}|${caseRef}`, rowKey: 'case' }, 'Replace');
    await tables.caseDue.deleteEntity('due|2027-03', `2027-03-21|${tenantId}|${caseRef}`);
    await tables.caseDue.createEntity({ partitionKey: 'due', rowKey: `2027-03-21|${tenantId}|${caseRef}`, tenantId, caseRef, due: '2027-03-21', caseVersion: 1 });

    expect(found(await service.sweeps.casesDue('2027-03-20' as LocalDate))).toEqual([]);
    expect(found(await service.sweeps.casesDue('2027-03-21' as LocalDate))).toEqual([`2027-03-21 ${caseRef}`]);
    expect((await dueIndex(tables)).rows).toEqual([`due|2027-03/2027-03-21|${caseRef}`]);
    expect(found(await service.sweeps.casesDue('2027-03-21' as LocalDate))).toEqual([`2027-03-21 ${caseRef}`]);
  });

  it('gives a case once when it has several rows: its old date\'s, and a copy a sweep moved but did not get to delete', async () => {
    const tables = await testTables('due');
    const service = servicesOn(tables, '2027-03-10');
    const who = people();
    const caseRef = await openCase(service, who, '2027-03-01');
    await service.commands.scheduleMeeting(who.socialWorker, caseRef, meetingOn('2027-03-12'));
    const { tenantId } = who;
    await tables.caseDue.createEntity({ partitionKey: 'due|2027-02', rowKey: `2027-03-12|${tenantId}|${caseRef}`, tenantId, caseRef, due: '2027-03-12', caseVersion: 2 });

    expect(found(await service.sweeps.casesDue('2027-03-31' as LocalDate))).toEqual([`2027-03-12 ${caseRef}`]);
    expect((await dueIndex(tables)).rows).toEqual([`due|2027-03/2027-03-12|${caseRef}`]);
  });

  it('prunes the rows of cases that ended or moved on, but keeps one written for a change still in flight', async () => {
    const tables = await testTables('due');
    const service = servicesOn(tables, '2027-03-10');
    const who = people();
    const ended = await openCase(service, who, '2027-03-01');
    await service.commands.recordEvent(who.socialWorker, ended, { kind: 'plan-ended', date: '2027-03-10' });
    const inFlight = await openCase(service, who, '2027-03-02');
    const { tenantId } = who;
    // Written before a commit that has not happened (yet): version 2, a date the case does not have.
    await tables.caseDue.createEntity({ partitionKey: 'due|2027-03', rowKey: `2027-03-11|${tenantId}|${inFlight}`, tenantId, caseRef: inFlight, due: '2027-03-11', caseVersion: 2 });

    expect(found(await service.sweeps.casesDue('2027-03-31' as LocalDate))).toEqual([`2027-03-22 ${inFlight}`]);
    expect((await dueIndex(tables)).rows).toEqual([`due|2027-03/2027-03-11|${inFlight}`, `due|2027-03/2027-03-22|${inFlight}`]);
  });

  it('loses nothing over two month ends, with writers whose clocks have not yet turned', async () => {
    const tables = await testTables('due');
    const who = people();
    const jan31 = servicesOn(tables, '2027-01-31');
    const first = await openCase(jan31, who, '2027-01-11');

    const feb1 = servicesOn(tables, '2027-02-01');
    expect(found(await feb1.sweeps.casesDue('2027-02-01' as LocalDate))).toEqual([`2027-01-31 ${first}`]);
    expect(await dueIndex(tables)).toEqual({ rows: [`due|2027-02/2027-01-31|${first}`], cursor: '2027-01' });
    // A writer still on 31 January writes into January after the sweep read it: the cursor stayed there for it.
    const late = await openCase(jan31, who, '2027-01-11');
    expect(found(await feb1.sweeps.casesDue('2027-02-01' as LocalDate))).toEqual([`2027-01-31 ${first}`, `2027-01-31 ${late}`].sort());
    const lateAgain = await openCase(jan31, who, '2027-01-11');

    const mar1 = servicesOn(tables, '2027-03-01');
    const march = await openCase(mar1, who, '2027-02-01');
    expect(found(await mar1.sweeps.casesDue('2027-03-01' as LocalDate))).toEqual([
      `2027-01-31 ${first}`,
      `2027-01-31 ${late}`,
      `2027-01-31 ${lateAgain}`,
      `2027-02-21 ${march}`,
    ].sort());
    expect(await dueIndex(tables)).toEqual({
      rows: [`due|2027-03/2027-01-31|${first}`, `due|2027-03/2027-01-31|${late}`, `due|2027-03/2027-01-31|${lateAgain}`, `due|2027-03/2027-02-21|${march}`].sort(),
      cursor: '2027-02',
    });
  });
});
