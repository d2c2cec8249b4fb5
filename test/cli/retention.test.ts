import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CaseRetention } from '../../src/cases/caseRetention.js';
import { createCaseServices } from '../../src/cases/caseService.js';
import { runRetentionCli, type RetentionCliDeps } from '../../src/cli/retentionCli.js';
import { Outbox } from '../../src/delivery/outbox.js';
import type { StoreTables } from '../../src/store/connect.js';
import { fixedClock } from '../../src/time/clock.js';
import { apologiesOf, caseWithMeeting, everyoneListed, nextDueOf, people, POLICY, tickingClock, type People } from '../cases/fixtures.js';
import { testStorage } from '../setup/tables.js';
import { counted, everything, rowsOfCase } from '../support/caseRows.js';

describe('npm run retention', () => {
  let tables: StoreTables;
  let who: People;
  let ended: string;
  let open: string;
  let opened = 0;
  const deps: RetentionCliDeps = {
    openRetention: async () => {
      opened += 1;
      return { retention: new CaseRetention({ tables, clock: fixedClock(new Date('2027-09-01T08:00:00.000Z')) }), close: async () => {} };
    },
    newRunId: () => 'run-cli-1',
  };
  const line = (caseRef: string, all: Record<string, string[]>, endedOn: string) => {
    const rows = counted(rowsOfCase(all, who.tenantId, caseRef));
    return `${caseRef}  ended ${endedOn}  rows: Cases ${rows.cases}, UserCases ${rows.userCases}, CaseDue ${rows.caseDue}, Outbox ${rows.outbox}`;
  };

  beforeAll(async () => {
    const storage = await testStorage('retentioncli');
    tables = storage.tables;
    const service = createCaseServices({ tables, clock: tickingClock(), policyIds: new Set([POLICY]), nextDueOf, apologiesOf, staff: everyoneListed });
    who = people();
    ended = await caseWithMeeting(service, who);
    await service.commands.recordEvent(who.teamManager, ended, { kind: 'plan-ended', date: '2027-03-01' });
    await new Outbox(tables.outbox, storage.queues.outbox, tickingClock()).enqueue({
      key: { tenantId: who.tenantId, caseRef: ended, subject: 'CG1', kind: 'invitation', recipientId: who.member.aadObjectId, date: '2027-03-20' },
      card: { name: 'invitation', data: { caseRef: ended } },
      tellId: who.socialWorker.aadObjectId,
    });
    open = await caseWithMeeting(service, who);
  }, 60_000);

  it('lists, dry-runs, erases and then finds nothing; an open case is refused', async () => {
    const all = await everything(tables);
    const endedLine = line(ended, all, '2027-03-01');
    expect(counted(rowsOfCase(all, who.tenantId, ended))).toMatchObject({ userCases: 4, outbox: 1 });
    const args = ['--tenant', who.tenantId.toUpperCase(), '--ended-before', '2027-03-05'];

    expect(await runRetentionCli(['list', ...args], deps)).toEqual({ code: 0, out: `1 case ended or withdrawn before 2027-03-05:\n${endedLine}` });
    expect(await runRetentionCli(['erase', ...args, '--dry-run'], deps)).toEqual({ code: 0, out: `Would erase ${endedLine}\nDry run: nothing erased; 1 case would be.` });
    expect(await everything(tables)).toEqual(all);

    expect(await runRetentionCli(['erase', ...args, '--case', open], deps)).toEqual({ code: 1, out: `Not done: ${open} is open: an open case is never erased.` });
    expect(await everything(tables)).toEqual(all);

    expect(await runRetentionCli(['erase', ...args], deps)).toEqual({ code: 0, out: `Erased ${endedLine}\nRun run-cli-1: 1 case erased, each with its erasure record.` });
    const after = await everything(tables);
    expect(Object.values(rowsOfCase(after, who.tenantId, ended)).flat()).toEqual([]);
    expect(rowsOfCase(after, who.tenantId, open)).toEqual(rowsOfCase(all, who.tenantId, open));
    expect(after['erasures']).toEqual([expect.stringMatching(new RegExp(`^${who.tenantId}/${ended}\\|`))]);

    expect(await runRetentionCli(['erase', ...args], deps)).toEqual({ code: 0, out: 'Nothing to erase: no case ended or was withdrawn before 2027-03-05.' });
    expect(await runRetentionCli(['list', ...args], deps)).toEqual({ code: 0, out: 'No case ended or was withdrawn before 2027-03-05.' });
    expect(await everything(tables)).toEqual(after);
  });

  it('a date after today is refused once storage is open, and nothing is erased', async () => {
    const all = await everything(tables);
    expect(await runRetentionCli(['erase', '--tenant', who.tenantId, '--ended-before', '2027-09-02'], deps)).toEqual({
      code: 1,
      out: 'Not done: 2 Sep 2027 is after today (1 Sep 2027): give a date in the past.',
    });
    expect(await everything(tables)).toEqual(all);
  });

  it.each([
    [['list', '--ended-before', '2027-03-05'], '--tenant must be the Entra tenant id (a GUID) the cases are in'],
    [['erase', '--tenant', '11111111-1111-4111-8111-111111111111'], '--ended-before must be a date, YYYY-MM-DD: cases that ended or were withdrawn before it'],
    [['erase', '--tenant', '11111111-1111-4111-8111-111111111111', '--ended-before', '2027-02-30'], '--ended-before must be a date, YYYY-MM-DD: cases that ended or were withdrawn before it'],
    [['list', '--tenant', '11111111-1111-4111-8111-111111111111', '--ended-before', '2027-03-05', '--dry-run'], 'list takes only --tenant and --ended-before'],
    [['purge', '--tenant', '11111111-1111-4111-8111-111111111111', '--ended-before', '2027-03-05'], 'unknown command "purge"'],
  ])('%j: exit 2, what is wrong and the usage, storage not opened', async (args, problem) => {
    const openedBefore = opened;
    const result = await runRetentionCli(args, deps);
    expect(result.code).toBe(2);
    expect(result.out.split('\n')).toEqual([problem, expect.stringMatching(/^usage: retention list /)]);
    expect(opened).toBe(openedBefore);
  });

  // One process (tsx compiling the command) takes seconds on a loaded machine.
  it('runs as a real command on the configured storage', () => {
    const prefix = `cli${randomUUID().replaceAll('-', '').slice(0, 8)}`;
    const env = { ...process.env, STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'), TABLE_PREFIX: prefix };
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/retention.ts', ...args], { encoding: 'utf8', env });
    const ok = run('erase', '--tenant', who.tenantId, '--ended-before', '2026-01-01', '--dry-run');
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([0, 'Dry run: nothing erased; 0 cases would be.\n', '']);
  }, 60_000);
});
