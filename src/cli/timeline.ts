/**
 * Preview a profile's timeline for made-up dates, so an administrator can check a procedure before using it:
 *   npm run --silent timeline -- --policy york --icpc 2027-01-04 --core-group 2027-01-15 [--json]
 */
import { runTimelineCli } from './timelineCli.js';

const { code, out } = runTimelineCli(process.argv.slice(2));
(code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
process.exitCode = code;
