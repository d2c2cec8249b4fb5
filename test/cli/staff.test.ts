import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runStaffCli, type StaffCliDeps } from '../../src/cli/staffCli.js';
import { StaffDirectory } from '../../src/directory/staffDirectory.js';
import { connectTables, type StoreTables } from '../../src/store/connect.js';
import { tickingClock } from '../cases/fixtures.js';
import { snapshot, testTables } from '../setup/tables.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const MEGAN = '00000000-0000-4000-8000-000000000021';
const ADELE = '00000000-0000-4000-8000-000000000022';
const HEADER = 'aadObjectId,displayName,roles';

describe('npm run staff', () => {
  let tables: StoreTables;
  let directory: StaffDirectory;
  let opened = 0;
  const files = new Map<string, string>();
  const deps: StaffCliDeps = {
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return text;
    },
    openDirectory: async () => {
      opened += 1;
      return { directory, close: async () => {} };
    },
  };

  beforeAll(async () => {
    tables = await testTables('staffcli');
    directory = new StaffDirectory({ table: tables.staff, clock: tickingClock(), admins: new Set() });
  });

  it('imports a file and says what changed, then lists the tenant', async () => {
    files.set('staff.csv', `${HEADER}\n${MEGAN},Megan Bowen,team-manager\n${ADELE},Adele Vance,chair\n`);
    expect(await runStaffCli(['import', 'staff.csv', '--tenant', TENANT], deps)).toEqual({
      code: 0,
      out: 'Imported 2 from staff.csv: 2 added, 0 changed, 0 unchanged. People not in the file were left as they are.',
    });
    files.set('staff.csv', `${HEADER}\n${MEGAN},Megan Bowen,team-manager;service-delivery-manager\n`);
    expect((await runStaffCli(['import', 'staff.csv', '--tenant', TENANT], deps)).out).toBe(
      'Imported 1 from staff.csv: 0 added, 1 changed, 0 unchanged. People not in the file were left as they are.',
    );
    expect(await runStaffCli(['list', '--tenant', TENANT], deps)).toEqual({
      code: 0,
      out: `${ADELE}  Adele Vance: chair\n${MEGAN}  Megan Bowen: team manager, service delivery manager`,
    });
  });

  it('a file with a bad line: exit 2, one line per problem, and nothing written (storage not even opened)', async () => {
    const before = await snapshot(tables, 'staff');
    const openedBefore = opened;
    files.set('bad.csv', `${HEADER}\n${randomUUID()},Isaiah Langer,social-worker\nIsaiah,Isaiah Langer,social worker\n`);
    expect(await runStaffCli(['import', 'bad.csv', '--tenant', TENANT], deps)).toEqual({
      code: 2,
      out: [
        "bad.csv: line 3: aadObjectId must be the person's Entra object id (a GUID)",
        'bad.csv: line 3: roles must be one or more of social-worker, team-manager, chair, service-delivery-manager, separated by \';\' (it is "social worker")',
      ].join('\n'),
    });
    expect(opened).toBe(openedBefore);
    expect(await snapshot(tables, 'staff')).toEqual(before);
  });

  it.each([
    [['import', 'staff.csv'], '--tenant must be the Entra tenant id (a GUID) the staff work in'],
    [['import', '--tenant', TENANT], 'import needs the CSV file to read'],
    [['export', '--tenant', TENANT], 'unknown command "export"'],
    [['import', 'missing.csv', '--tenant', TENANT], 'missing.csv: cannot be read (ENOENT)'],
  ])('%j: exit 2 and what is wrong', async (args, first) => {
    const result = await runStaffCli(args, deps);
    expect(result.code).toBe(2);
    expect(result.out.split('\n')[0]).toBe(first);
  });

  it('runs as a real command on the configured storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'staff-'));
    const file = join(dir, 'staff.csv');
    const prefix = `cli${randomUUID().replaceAll('-', '').slice(0, 8)}`;
    const env = { ...process.env, STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'), TABLE_PREFIX: prefix };
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/staff.ts', ...args], { encoding: 'utf8', env });
    writeFileSync(file, `${HEADER}\n${MEGAN},Megan Bowen,team-manager\n`);
    const ok = run('import', file, '--tenant', TENANT);
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([0, `Imported 1 from ${file}: 1 added, 0 changed, 0 unchanged. People not in the file were left as they are.\n`, '']);
    writeFileSync(file, `${HEADER}\n${MEGAN},Megan Bowen,boss\n`);
    const bad = run('import', file, '--tenant', TENANT);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, '', `${file}: line 2: roles must be one or more of social-worker, team-manager, chair, service-delivery-manager, separated by ';' (it is "boss")\n`]);
    const written = await connectTables({ kind: 'connection-string', connectionString: env.STORAGE_CONNECTION_STRING }, prefix);
    expect((await new StaffDirectory({ table: written.staff, clock: tickingClock(), admins: new Set() }).listTenant(TENANT)).map((m) => m.roles)).toEqual([['team-manager']]);
  });
});
