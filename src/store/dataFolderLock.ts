import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { DataFolderInUse } from './errors.js';

/**
 * One embedded Azurite per data folder. Azurite itself takes no lock: two of them on one folder each keep their own
 * copy of the database in memory and overwrite each other's files every few seconds. The lock is the directory
 * `bot.lock` in the folder (mkdir is atomic), its time refreshed every LOCK_STALE_MS / 2 while held: a holder that
 * was killed stops refreshing it, so it lapses LOCK_STALE_MS later and the next start takes it over. proper-lockfile
 * also removes it on the way out of a process that exits or is stopped by a signal before releasing it.
 */

export const LOCK_STALE_MS = 10_000;
const LOCK_NAME = 'bot.lock';

export interface DataFolderLock {
  release(): Promise<void>;
}

/**
 * Takes the folder's lock at once or throws DataFolderInUse, never waiting. `onLost` is told if the lock is taken
 * from under us (it went unrefreshed past staleMs and another start took it over): this process must stop.
 * `staleMs` other than LOCK_STALE_MS is for tests (proper-lockfile's least is 2 s).
 */
export async function lockDataFolder(dataDir: string, onLost: (error: Error) => void, staleMs: number = LOCK_STALE_MS): Promise<DataFolderLock> {
  const folder = resolve(dataDir);
  await mkdir(folder, { recursive: true });
  let lost = false;
  const onCompromised = (error: Error) => {
    lost = true;
    onLost(error);
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, { lockfilePath: join(folder, LOCK_NAME), stale: staleMs, retries: 0, onCompromised });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ELOCKED') throw new DataFolderInUse(folder, staleMs / 1000);
    throw error;
  }
  let released: Promise<void> | undefined;
  // A lost lock is no longer ours to remove.
  return { release: () => (released ??= lost ? Promise.resolve() : release()) };
}
