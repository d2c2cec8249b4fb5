import type { TestProject } from 'vitest/node';
import { startEmbeddedAzurite } from '../../src/store/azurite.js';

/** One in-memory Azurite for the whole run, on a free port; test files keep apart by table prefix. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startEmbeddedAzurite({ inMemory: true });
  project.provide('azuriteConnectionString', azurite.connectionString);
  return () => azurite.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}
