import type { AppConfig } from '../config.js';

export { seedDemoCases, seedDemoStaff, type DemoSeedDeps, type DemoSeedResult } from './seed.js';

/**
 * The demo cases are for a first run with nothing configured: no bot identity (so only the local Playground can
 * talk to the bot) and the embedded storage under .data/. Any configured deployment never gets them.
 */
export function isUnconfigured(config: Pick<AppConfig, 'identity' | 'storage'>): boolean {
  return config.identity.kind === 'anonymous' && config.storage.kind === 'embedded';
}
