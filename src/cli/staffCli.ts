/** The staff directory command, as a function of its arguments and its storage: the entry point is staff.ts. */
import { parseArgs } from 'node:util';
import { CaseError } from '../cases/errors.js';
import { parseStaffCsv } from '../directory/staffCsv.js';
import { STAFF_ROLE_WORDS } from '../directory/staff.js';
import type { StaffDirectory } from '../directory/staffDirectory.js';
import { isEntraId } from '../store/keys.js';

const USAGE = 'usage: staff import <file.csv> --tenant <tenant id> | staff list --tenant <tenant id>';

export interface StaffCliDeps {
  readonly readFile: (path: string) => Promise<string>;
  /** Opens the configured storage only once the arguments and the file have been checked. */
  readonly openDirectory: () => Promise<{ readonly directory: StaffDirectory; readonly close: () => Promise<void> }>;
}

export interface CliResult {
  /** 0 done; 2 a bad argument or file (one line per problem, nothing written); 1 storage failed. */
  readonly code: number;
  readonly out: string;
}

const usage = (problem: string): CliResult => ({ code: 2, out: `${problem}\n${USAGE}` });

export async function runStaffCli(argv: readonly string[], deps: StaffCliDeps): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: { tenant: { type: 'string' } } });
  } catch (error) {
    return usage((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const [command, file, ...extra] = parsed.positionals;
  const tenant = parsed.values.tenant?.trim();
  if (command !== 'import' && command !== 'list') return usage(command === undefined ? 'say import or list' : `unknown command "${command}"`);
  if (tenant === undefined || !isEntraId(tenant)) return usage('--tenant must be the Entra tenant id (a GUID) the staff work in');
  if (command === 'list' && file !== undefined) return usage(`list takes no file (got "${file}")`);
  if (command === 'import' && file === undefined) return usage('import needs the CSV file to read');
  if (extra.length > 0) return usage(`unexpected "${extra.join(' ')}"`);

  let text = '';
  if (file !== undefined) {
    try {
      text = await deps.readFile(file);
    } catch (error) {
      return { code: 2, out: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
  }
  const csv = command === 'import' ? parseStaffCsv(text) : { ok: true as const, entries: [] };
  // Nothing is written unless every line is right: one line per problem, so all of them are put right in one go.
  if (!csv.ok) return { code: 2, out: csv.problems.map((problem) => `${file}: ${problem}`).join('\n') };

  const { directory, close } = await deps.openDirectory();
  try {
    if (command === 'list') {
      const staff = await directory.listTenant(tenant);
      return { code: 0, out: staff.length === 0 ? 'Nobody is listed.' : staff.map((m) => `${m.aadObjectId}  ${m.displayName}: ${m.roles.map((r) => STAFF_ROLE_WORDS[r]).join(', ')}`).join('\n') };
    }
    const { added, changed, unchanged } = await directory.importEntries(tenant, csv.entries);
    return { code: 0, out: `Imported ${csv.entries.length} from ${file}: ${added} added, ${changed} changed, ${unchanged} unchanged. People not in the file were left as they are.` };
  } catch (error) {
    if (error instanceof CaseError) return { code: 1, out: `Not done: ${error.message}` };
    throw error;
  } finally {
    await close();
  }
}
