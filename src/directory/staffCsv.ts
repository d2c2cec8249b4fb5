import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { STAFF_ROLES, staffEntryInput, type StaffEntry } from './staff.js';

/**
 * The staff directory's import file: a header line `aadObjectId,displayName,roles`, then one person a line, their
 * roles separated by ';' (`…,Megan Bowen,team-manager;chair`). Every line is checked before anything is written,
 * and every problem is reported with its line number, so a file is put right in one go.
 */
export const CSV_COLUMNS = ['aadObjectId', 'displayName', 'roles'] as const;

export type StaffCsv = { readonly ok: true; readonly entries: readonly StaffEntry[] } | { readonly ok: false; readonly problems: readonly string[] };

/** What an administrator reads for a bad cell: the column and what it must be. */
const COLUMN_RULE: { readonly [column in (typeof CSV_COLUMNS)[number]]: string } = {
  aadObjectId: "must be the person's Entra object id (a GUID)",
  displayName: 'must be the name, at most 200 characters, without control characters',
  roles: `must be one or more of ${STAFF_ROLES.join(', ')}, separated by ';'`,
};

/** What csv-parse gives with `info: true` (its typings say only string[][]): each record with the line it ends on. */
const parsedRows = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }));
const errorLine = z.object({ lines: z.number() });

export function parseStaffCsv(text: string): StaffCsv {
  let rows: z.output<typeof parsedRows>;
  try {
    rows = parsedRows.parse(parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = errorLine.safeParse(error);
    return { ok: false, problems: [`line ${line.success ? line.data.lines : '?'}: ${error.message}`] };
  }
  const [header, ...people] = rows;
  if (header === undefined) return { ok: false, problems: ['the file is empty: it needs the header line aadObjectId,displayName,roles'] };
  if (header.record.join(',') !== CSV_COLUMNS.join(',')) {
    return { ok: false, problems: [`line ${header.info.lines}: the header must be ${CSV_COLUMNS.join(',')} (it is ${header.record.join(',')})`] };
  }
  const problems: string[] = [];
  const entries: StaffEntry[] = [];
  const firstLine = new Map<string, number>();
  if (people.length === 0) problems.push('the file lists nobody: add one person a line under the header');
  for (const { record, info } of people) {
    const at = `line ${info.lines}`;
    if (record.length !== CSV_COLUMNS.length) {
      problems.push(`${at}: has ${record.length} columns, not ${CSV_COLUMNS.length} (${CSV_COLUMNS.join(',')}); put a name containing a comma in double quotes`);
      continue;
    }
    const [aadObjectId = '', displayName = '', roles = ''] = record;
    const checked = staffEntryInput.safeParse({ aadObjectId, displayName, roles: roles.split(';').map((role) => role.trim()).filter((role) => role !== '') });
    if (!checked.success) {
      const columns = [...new Set(checked.error.issues.map((issue) => String(issue.path[0])))] as Array<(typeof CSV_COLUMNS)[number]>;
      for (const column of columns) problems.push(`${at}: ${column} ${COLUMN_RULE[column]}${column === 'roles' ? ` (it is "${roles}")` : ''}`);
      continue;
    }
    const earlier = firstLine.get(checked.data.aadObjectId);
    if (earlier !== undefined) {
      problems.push(`${at}: ${checked.data.aadObjectId} is already on line ${earlier}; give each person one line with all their roles`);
      continue;
    }
    firstLine.set(checked.data.aadObjectId, info.lines);
    entries.push(checked.data);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}
