/** The retention command, as a function of its arguments and its storage: the entry point is retention.ts. */
import { parseArgs } from 'node:util';
import { CaseError } from '../cases/errors.js';
import type { CaseRetention, ClosedCase, ErasureRun } from '../cases/caseRetention.js';
import { entraIdKey, isEntraId } from '../store/keys.js';
import { isLocalDate, type LocalDate } from '../time/localDate.js';
import type { CliResult } from './staffCli.js';

const USAGE =
  'usage: retention list --tenant <tenant id> --ended-before YYYY-MM-DD | ' +
  'retention erase --tenant <tenant id> --ended-before YYYY-MM-DD [--case <CASE-REF>] [--dry-run]';

export interface RetentionCliDeps {
  /** Opens the configured storage only once the arguments have been checked. */
  readonly openRetention: () => Promise<{ readonly retention: CaseRetention; readonly close: () => Promise<void> }>;
  /** A fresh id for this run, named in each erasure record. */
  readonly newRunId: () => string;
}

const usage = (problem: string): CliResult => ({ code: 2, out: `${problem}\n${USAGE}` });

const rowsText = ({ rows }: ClosedCase): string => `rows: Cases ${rows.cases}, UserCases ${rows.userCases}, CaseDue ${rows.caseDue}, Outbox ${rows.outbox}`;
const caseLine = (closed: ClosedCase): string => `${closed.caseRef}  ${closed.status} ${closed.endedOn}  ${rowsText(closed)}`;
const cases = (count: number): string => `${count} ${count === 1 ? 'case' : 'cases'}`;

function listed(found: readonly ClosedCase[], before: LocalDate): string {
  if (found.length === 0) return `No case ended or was withdrawn before ${before}.`;
  return [`${cases(found.length)} ended or withdrawn before ${before}:`, ...found.map(caseLine)].join('\n');
}

function erasedText(run: ErasureRun, before: LocalDate, runId: string, dryRun: boolean): string {
  const lines = run.erased.map((closed) => `${dryRun ? 'Would erase' : 'Erased'} ${caseLine(closed)}`);
  lines.push(...run.changed.map((caseRef) => `${caseRef} changed while it was being erased: left for the next run.`));
  if (dryRun) lines.push(`Dry run: nothing erased; ${cases(run.erased.length)} would be.`);
  else if (run.erased.length === 0 && run.changed.length === 0) lines.push(`Nothing to erase: no case ended or was withdrawn before ${before}.`);
  else lines.push(`Run ${runId}: ${cases(run.erased.length)} erased, each with its erasure record.`);
  return lines.join('\n');
}

export async function runRetentionCli(argv: readonly string[], deps: RetentionCliDeps): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { tenant: { type: 'string' }, 'ended-before': { type: 'string' }, case: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (error) {
    return usage((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const [command, ...extra] = parsed.positionals;
  const tenant = parsed.values.tenant?.trim();
  const before = parsed.values['ended-before']?.trim();
  const caseRef = parsed.values.case;
  const dryRun = parsed.values['dry-run'];
  if (command !== 'list' && command !== 'erase') return usage(command === undefined ? 'say list or erase' : `unknown command "${command}"`);
  if (tenant === undefined || !isEntraId(tenant)) return usage('--tenant must be the Entra tenant id (a GUID) the cases are in');
  if (before === undefined || !isLocalDate(before)) return usage('--ended-before must be a date, YYYY-MM-DD: cases that ended or were withdrawn before it');
  if (command === 'list' && (caseRef !== undefined || dryRun)) return usage('list takes only --tenant and --ended-before');
  if (extra.length > 0) return usage(`unexpected "${extra.join(' ')}"`);

  const tenantId = entraIdKey(tenant);
  const { retention, close } = await deps.openRetention();
  try {
    if (command === 'list') return { code: 0, out: listed(await retention.closedBefore(tenantId, before), before) };
    const runId = deps.newRunId();
    const options = { runId, dryRun };
    const run = caseRef === undefined ? await retention.eraseClosedBefore(tenantId, before, options) : await retention.eraseCase(tenantId, caseRef, before, options);
    return { code: run.changed.length > 0 ? 1 : 0, out: erasedText(run, before, runId, dryRun) };
  } catch (error) {
    if (error instanceof CaseError) return { code: 1, out: `Not done: ${error.message}` };
    throw error;
  } finally {
    await close();
  }
}
