/**
 * Keep ended cases only for the council's retention period, then erase them:
 *   npm run --silent retention -- list --tenant <tenant id> --ended-before YYYY-MM-DD
 *   npm run --silent retention -- erase --tenant <tenant id> --ended-before YYYY-MM-DD [--case <CASE-REF>] [--dry-run]
 * Uses the storage the bot is configured with (src/config.ts); with none, the embedded Azurite data under .data/
 * (stop the bot first: one Azurite at a time on that folder).
 */
import { randomUUID } from 'node:crypto';
import { CaseRetention } from '../cases/caseRetention.js';
import { systemClock } from '../time/clock.js';
import { openCliStorage } from './cliStorage.js';
import { runRetentionCli } from './retentionCli.js';

const { code, out } = await runRetentionCli(process.argv.slice(2), {
  openRetention: async () => {
    const { storage } = await openCliStorage();
    return { retention: new CaseRetention({ tables: storage.tables, clock: systemClock }), close: () => storage.stop() };
  },
  newRunId: randomUUID,
});
(code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
process.exitCode = code;
