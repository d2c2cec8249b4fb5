import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaseRepository } from '../../src/cases/caseRepository.js';
import { CaseRetention, type ClosedCase } from '../../src/cases/caseRetention.js';
import { createCaseServices, type CaseServices } from '../../src/cases/caseService.js';
import { Outbox } from '../../src/delivery/outbox.js';
import type { StoreTables } from '../../src/store/connect.js';
import { fixedClock, type Clock } from '../../src/time/clock.js';
import type { LocalDate } from '../../src/time/localDate.js';
import { testStorage } from '../setup/tables.js';
import { counted, everything, RETENTION_TABLES, rowsOfCase } from '../support/caseRows.js';
import { apologiesOf, caseWithMeeting, everyoneListed, HELD, nextDueOf, people, POLICY, teamsMember, tickingClock, type People } from './fixtures.js';

/** The retention run's clock: months after the cases below ended (they were worked on up to Wed 10 Mar 2027). */
const RETENTION_NOW = new Date('2027-09-01T08:00:00.000Z');
const BEFORE = '2027-03-05' as LocalDate;

describe('retention: erasing cases that ended before a date', () => {
  let tables: StoreTables;
  let service: CaseServices;
  let outbox: Outbox;
  let who: People;
  let retention: CaseRetention;
  const clock: Clock = fixedClock(RETENTION_NOW);
  /** Ended 1 Mar 2027: members (M4 removed), a chair handed over, CG1 held with M4's written update, 45 more events, outbox rows. */
  let ended: string;
  /** Ended 10 Mar 2027, after the date. */
  let endedLater: string;
  let open: string;
  let withdrawn: string;
  const formerMember = randomUUID();
  const newChair = randomUUID();

  const invitation = (caseRef: string, recipientId: string) => ({
    key: { tenantId: who.tenantId, caseRef, subject: 'CG1', kind: 'invitation', recipientId, date: '2027-03-20' },
    card: { name: 'invitation', data: { caseRef } },
    tellId: who.socialWorker.aadObjectId,
  });

  beforeAll(async () => {
    const storage = await testStorage('retention');
    tables = storage.tables;
    service = createCaseServices({ tables, clock: tickingClock(), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });
    outbox = new Outbox(tables.outbox, storage.queues.outbox, tickingClock());
    retention = new CaseRetention({ tables, clock });
    who = people();

    ended = await caseWithMeeting(service, who);
    await service.commands.addMember(who.socialWorker, ended, teamsMember(formerMember, 'Jo Former'));
    await service.commands.answerInvitation({ tenantId: who.tenantId, aadObjectId: formerMember }, ended, {
      meetingId: 'CG1',
      response: 'apologies',
      update: { progressOnActions: 'Health visits done.', whatIsWorking: 'School attendance.' },
    });
    await service.commands.recordMeetingHeld(who.socialWorker, ended, { ...HELD, heldOn: '2027-02-20', apologies: ['M3', 'M4'] });
    await service.commands.removeMember(who.socialWorker, ended, { memberId: 'M4', reason: 'agency-no-longer-involved' });
    await service.commands.reassignRole(who.teamManager, ended, { role: 'chair', to: newChair });
    // Enough rows for the case partition to take more than one transaction to erase.
    for (let n = 0; n < 45; n += 1) await service.commands.recordEvent(who.socialWorker, ended, { kind: 'plan-updated', date: '2027-02-25' });
    await service.commands.recordEvent(who.teamManager, ended, { kind: 'plan-ended', date: '2027-03-01' });
    await outbox.enqueue(invitation(ended, who.member.aadObjectId));
    await outbox.enqueue(invitation(ended, formerMember));

    endedLater = await caseWithMeeting(service, who);
    await service.commands.recordEvent(who.teamManager, endedLater, { kind: 'plan-ended', date: '2027-03-10' });
    await outbox.enqueue(invitation(endedLater, who.member.aadObjectId));
    open = await caseWithMeeting(service, who);
    await outbox.enqueue(invitation(open, who.member.aadObjectId));
    withdrawn = await caseWithMeeting(service, who);
    await service.commands.rejectCase(who.teamManager, withdrawn, { reason: 'created-in-error' });
    // About a person, across their cases: not a case's row, so not retention's.
    await outbox.enqueue({ ...invitation(ended, who.chair.aadObjectId), key: { ...invitation(ended, who.chair.aadObjectId).key, kind: 'digest', subject: 'daily', scope: 'person' } });
  }, 120_000);

  it('lists the cases closed before the date, oldest first, with exactly the rows each holds in every table', async () => {
    const all = await everything(tables);
    const rowsOf = (caseRef: string) => counted(rowsOfCase(all, who.tenantId, caseRef));
    expect(await retention.closedBefore(who.tenantId, BEFORE)).toEqual([{ caseRef: ended, status: 'ended', endedOn: '2027-03-01', rows: rowsOf(ended) }]);
    // Everyone who ever had a "my cases" row (social worker, team manager, both chairs, the member and the one removed),
    // each attention date the case had while open, both invitations.
    expect(rowsOf(ended)).toMatchObject({ userCases: 6, caseDue: 3, outbox: 2 });
    expect(rowsOf(ended).cases).toBeGreaterThan(100);
    expect(await retention.closedBefore(who.tenantId, '2027-03-11' as LocalDate)).toEqual([
      { caseRef: ended, status: 'ended', endedOn: '2027-03-01', rows: rowsOf(ended) },
      ...[
        { caseRef: endedLater, status: 'ended', endedOn: '2027-03-10', rows: rowsOf(endedLater) },
        { caseRef: withdrawn, status: 'withdrawn', endedOn: '2027-03-10', rows: rowsOf(withdrawn) },
      ].sort((a, b) => a.caseRef.localeCompare(b.caseRef)),
    ]);
    expect(await everything(tables)).toEqual(all);
  });

  it('refuses an open case, a case closed on or after the date, and a date after today, writing nothing', async () => {
    const all = await everything(tables);
    const run = { runId: 'refused', dryRun: false };
    await expect(retention.eraseCase(who.tenantId, open, BEFORE, run)).rejects.toThrow(`${open} is open: an open case is never erased.`);
    await expect(retention.eraseCase(who.tenantId, endedLater, BEFORE, run)).rejects.toThrow(`${endedLater} was ended on 10 Mar 2027, not before 5 Mar 2027: it is kept.`);
    await expect(retention.eraseClosedBefore(who.tenantId, '2027-09-02' as LocalDate, run)).rejects.toMatchObject({ field: 'endedBefore' });
    expect(await everything(tables)).toEqual(all);
  });

  it('a dry run deletes nothing and reports exactly what the real run then erases; the erasure record stays alone', async () => {
    const all = await everything(tables);
    const caseRows = rowsOfCase(all, who.tenantId, ended);
    const { createdAt } = (await new CaseRepository(tables).loadHeader(who.tenantId, ended))!;
    const expected: ClosedCase = { caseRef: ended, status: 'ended', endedOn: '2027-03-01' as LocalDate, rows: counted(caseRows) };

    expect(await retention.eraseClosedBefore(who.tenantId, BEFORE, { runId: 'dry', dryRun: true })).toEqual({ erased: [expected], changed: [] });
    expect(await everything(tables)).toEqual(all);

    expect(await retention.eraseClosedBefore(who.tenantId, BEFORE, { runId: 'run-1', dryRun: false })).toEqual({ erased: [expected], changed: [] });
    const after = await everything(tables);
    // Every table holds exactly what it held before but the erased case's rows; the other cases' rows are untouched.
    const { erasures, ...rest } = after;
    expect(rest).toEqual(Object.fromEntries(RETENTION_TABLES.filter((name) => name !== 'erasures').map((name) => [name, (all[name] ?? []).filter((row) => !caseRows[name]?.includes(row))])));
    expect(erasures).toHaveLength(1);
    expect(Object.values(rowsOfCase(after, who.tenantId, ended)).flat()).toEqual([]);

    const records = [];
    for await (const row of tables.erasures.listEntities()) records.push(row);
    // No names and no text: the case reference, its status and end, when, which run, how many rows.
    expect(records).toEqual([
      {
        partitionKey: who.tenantId,
        rowKey: `${ended}|${createdAt}`,
        caseRef: ended,
        status: 'ended',
        endedOn: '2027-03-01',
        erasedAt: '2027-09-01T08:00:00.000Z',
        runId: 'run-1',
        casesRows: expected.rows.cases,
        userCasesRows: 6,
        caseDueRows: 3,
        outboxRows: 2,
        etag: expect.any(String),
        timestamp: expect.any(String),
      },
    ]);

    // A second run finds nothing to erase and changes nothing.
    expect(await retention.eraseClosedBefore(who.tenantId, BEFORE, { runId: 'run-2', dryRun: false })).toEqual({ erased: [], changed: [] });
    expect(await everything(tables)).toEqual(after);
  });

  it('a run that stops before the case row is deleted leaves the case for the next run, which finishes it; the first record stands', async () => {
    const upTo = '2027-03-11' as LocalDate;
    let stopped = false;
    // The process dies at the last step: deleting the case row, after everything else of the case is gone.
    const dying = new Proxy(tables.cases, {
      get(target, property) {
        if (property === 'deleteEntity' && !stopped) {
          return async () => {
            stopped = true;
            throw new Error('the process stopped');
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) satisfies TableClient;
    const before = await everything(tables);
    const withdrawnRows = counted(rowsOfCase(before, who.tenantId, withdrawn));
    expect(withdrawnRows).toMatchObject({ userCases: 4, caseDue: 1, outbox: 0 });
    await expect(new CaseRetention({ tables: { ...tables, cases: dying }, clock }).eraseCase(who.tenantId, withdrawn, upTo, { runId: 'run-3', dryRun: false })).rejects.toThrow('the process stopped');
    const midway = rowsOfCase(await everything(tables), who.tenantId, withdrawn);
    expect(midway['cases']).toEqual([expect.stringMatching(new RegExp(`^${who.tenantId}\\|${withdrawn}/case@`))]);

    expect(await retention.eraseCase(who.tenantId, withdrawn, upTo, { runId: 'run-4', dryRun: false })).toEqual({
      erased: [{ caseRef: withdrawn, status: 'withdrawn', endedOn: '2027-03-10', rows: { cases: 1, userCases: 0, caseDue: 0, outbox: 0 } }],
      changed: [],
    });
    expect(Object.values(rowsOfCase(await everything(tables), who.tenantId, withdrawn)).flat()).toEqual([]);
    const records = [];
    for await (const row of tables.erasures.listEntities({ queryOptions: { filter: `caseRef eq '${withdrawn}'` } })) records.push(row);
    expect(records).toEqual([
      expect.objectContaining({ status: 'withdrawn', endedOn: '2027-03-10', runId: 'run-3', casesRows: withdrawnRows.cases, userCasesRows: withdrawnRows.userCases, caseDueRows: withdrawnRows.caseDue, outboxRows: 0 }),
    ]);
    // The case ended later and the open case are still whole.
    expect(rowsOfCase(await everything(tables), who.tenantId, open)).toEqual(rowsOfCase(before, who.tenantId, open));
    expect(rowsOfCase(await everything(tables), who.tenantId, endedLater)).toEqual(rowsOfCase(before, who.tenantId, endedLater));
  });

  it('a case changed while it is being erased is left whole enough to be found, and the next run erases it, the change too', async () => {
    const upTo = '2027-03-11' as LocalDate;
    let changed = false;
    // Paperwork owed before the plan ended can still be recorded on an ended case: it lands as the due rows go.
    const meddling = new Proxy(tables.caseDue, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'deleteEntity' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          if (!changed) {
            changed = true;
            await service.commands.recordEvent(who.socialWorker, endedLater, { kind: 'plan-circulated', date: '2027-03-10' });
          }
          return value.apply(target, args);
        };
      },
    }) satisfies TableClient;
    expect(await new CaseRetention({ tables: { ...tables, caseDue: meddling }, clock }).eraseCase(who.tenantId, endedLater, upTo, { runId: 'run-5', dryRun: false })).toEqual({
      erased: [],
      changed: [endedLater],
    });
    const left = rowsOfCase(await everything(tables), who.tenantId, endedLater);
    expect(left['cases']).toContainEqual(expect.stringMatching(new RegExp(`^${who.tenantId}\\|${endedLater}/case@`)));

    const [plan] = await retention.closedBefore(who.tenantId, upTo);
    expect(plan).toEqual({ caseRef: endedLater, status: 'ended', endedOn: '2027-03-10', rows: counted(left) });
    expect(await retention.eraseCase(who.tenantId, endedLater, upTo, { runId: 'run-6', dryRun: false })).toEqual({ erased: [plan], changed: [] });
    expect(Object.values(rowsOfCase(await everything(tables), who.tenantId, endedLater)).flat()).toEqual([]);
    expect(await retention.closedBefore(who.tenantId, upTo)).toEqual([]);
  });
});
