import { mkdir, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_STALE_MS, lockDataFolder } from '../../src/store/dataFolderLock.js';
import { DataFolderInUse } from '../../src/store/errors.js';

const neverLost = (error: Error) => {
  throw error;
};

describe('one embedded Azurite per data folder', () => {
  const dirs: string[] = [];
  const freshFolder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-lock-'));
    dirs.push(dir);
    return join(dir, 'azurite');
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses a second holder at once, naming the folder and what to do, and lets the next one in once released', async () => {
    const folder = await freshFolder();
    const first = await lockDataFolder(folder, neverLost);
    const second = lockDataFolder(folder, neverLost);
    await expect(second).rejects.toBeInstanceOf(DataFolderInUse);
    await expect(second).rejects.toThrow(
      [
        `Another bot is already using the data folder ${folder}: two Azurites on one folder would overwrite each other's files.`,
        'Stop that bot first (Ctrl-C in its terminal, or SIGTERM), or give this one a folder of its own with LOCAL_DATA_DIR.',
        'If no bot is running (one was killed), its lock lapses 10 seconds after it stopped: start again then.',
      ].join('\n'),
    );
    await first.release();
    const next = await lockDataFolder(folder, neverLost);
    await next.release();
  });

  it('takes over the lock a killed holder left, once it has gone unrefreshed for the stale time', async () => {
    const folder = await freshFolder();
    // What a holder killed with SIGKILL leaves: the lock directory, last refreshed when it died.
    await mkdir(join(folder, 'bot.lock'), { recursive: true });
    const diedAt = new Date(Date.now() - LOCK_STALE_MS - 1_000);
    await utimes(join(folder, 'bot.lock'), diedAt, diedAt);
    const lock = await lockDataFolder(folder, neverLost);
    await lock.release();
  });

  it('does not take over a lock refreshed within the stale time', async () => {
    const folder = await freshFolder();
    await mkdir(join(folder, 'bot.lock'), { recursive: true });
    const refreshedAt = new Date(Date.now() - LOCK_STALE_MS / 2);
    await utimes(join(folder, 'bot.lock'), refreshedAt, refreshedAt);
    await expect(lockDataFolder(folder, neverLost)).rejects.toBeInstanceOf(DataFolderInUse);
  });

  it('tells its holder when another start has taken the lock over, and then leaves that one alone', async () => {
    const folder = await freshFolder();
    let lost: Error | undefined;
    const lock = await lockDataFolder(folder, (error) => (lost = error), 2_000);
    // What a start after a long pause of ours does: the lock looked stale, so it was removed and made anew.
    await rm(join(folder, 'bot.lock'), { recursive: true });
    await mkdir(join(folder, 'bot.lock'));
    // With its own time on it, a moment later than ours, however coarse the file system's clock.
    const takenAt = new Date(Date.now() + 1_500);
    await utimes(join(folder, 'bot.lock'), takenAt, takenAt);
    // Its next refresh, a second on, finds the lock not its own.
    await expect.poll(() => (lost !== undefined && 'code' in lost ? lost.code : undefined), { timeout: 8_000 }).toBe('ECOMPROMISED');
    await lock.release();
    expect((await stat(join(folder, 'bot.lock'))).isDirectory()).toBe(true);
  });
});
