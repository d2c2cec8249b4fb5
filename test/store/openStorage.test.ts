import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openStorage } from '../../src/store/connect.js';

/** Which of the embedded storage's modules have been imported, counted as vitest loads them. */
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('../../src/store/azurite.js', async (importOriginal) => {
  loaded.push('azurite');
  return importOriginal();
});
vi.mock('../../src/store/dataFolderLock.js', async (importOriginal) => {
  loaded.push('dataFolderLock');
  return importOriginal();
});

describe('openStorage loads the emulator only when it runs it', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('with a connection string, imports neither Azurite nor the data folder lock; embedded, both', async () => {
    const configured = await openStorage({ kind: 'connection-string', connectionString: inject('azuriteConnectionString'), tablePrefix: 'lazy' });
    await configured.stop();
    expect(loaded).toEqual([]);

    const dataDir = await mkdtemp(join(tmpdir(), 'cg-lazy-'));
    dirs.push(dataDir);
    const embedded = await openStorage({ kind: 'embedded', dataDir, tablePrefix: 'lazy' });
    await embedded.stop();
    expect(loaded.sort()).toEqual(['azurite', 'dataFolderLock']);
  });
});
