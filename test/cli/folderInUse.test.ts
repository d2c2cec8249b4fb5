import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder, type DataFolderLock } from '../../src/store/dataFolderLock.js';

/** An administrator's command run while `npm start` holds the local data folder. */
describe('the staff and retention commands on a data folder a bot is using', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cli-in-use-'));
  let lock: DataFolderLock;

  beforeAll(async () => {
    lock = await lockDataFolder(folder, () => {});
  });

  afterAll(async () => {
    await lock?.release();
    rmSync(folder, { recursive: true, force: true });
  });

  // The environment names no storage, so each command would start the embedded Azurite on that folder.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STORAGE_')));

  // One process (tsx compiling the command) takes seconds on a loaded machine.
  it.each([
    ['src/cli/staff.ts', ['list', '--tenant', '11111111-1111-4111-8111-111111111111']],
    ['src/cli/retention.ts', ['list', '--tenant', '11111111-1111-4111-8111-111111111111', '--ended-before', '2026-01-01']],
  ])('%s stops with exit 1 and the reason alone, no stack trace', (script, args) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', env: { ...env, LOCAL_DATA_DIR: folder } });
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr.split('\n')[0]).toBe(`Another bot is already using the data folder ${folder}: two Azurites on one folder would overwrite each other's files.`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
