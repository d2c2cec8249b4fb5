/**
 * Keep the staff directory from a file, or see it:
 *   npm run --silent staff -- import staff.csv --tenant <tenant id>
 *   npm run --silent staff -- list --tenant <tenant id>
 * Uses the storage the bot is configured with (src/config.ts); with none, the embedded Azurite data under .data/
 * (stop the bot first: one Azurite at a time on that folder).
 */
import { readFile } from 'node:fs/promises';
import { StaffDirectory } from '../directory/staffDirectory.js';
import { systemClock } from '../time/clock.js';
import { openCliStorage } from './cliStorage.js';
import { runStaffCli } from './staffCli.js';

const { code, out } = await runStaffCli(process.argv.slice(2), {
  readFile: (path) => readFile(path, 'utf8'),
  openDirectory: async () => {
    const { config, storage } = await openCliStorage();
    return { directory: new StaffDirectory({ table: storage.tables.staff, clock: systemClock, admins: new Set(config.staffAdmins) }), close: () => storage.stop() };
  },
});
(code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
process.exitCode = code;
