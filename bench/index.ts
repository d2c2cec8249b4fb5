/**
 * `npm run bench`: speed targets, measured here rather than in timed tests. `npm run bench -- chat long` runs those
 * alone; `--out FILE` writes the figures measured as JSON (bench/report.ts). Exits 1 when a goal is missed or a
 * bench fails, 2 when asked for a bench there is not.
 */
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchAnswers } from './answers.js';
import { benchChat } from './chat.js';
import { benchDispatch } from './dispatch.js';
import { benchLongMessage } from './longMessage.js';
import { benchMembers } from './members.js';
import { exitCode, reportJson, reportTable, type BenchResult, type Check, type Figures } from './report.js';
import { benchSweep } from './sweep.js';
import { benchTimeline } from './timeline.js';

const BENCHES = {
  timeline: async () => benchTimeline(),
  chat: benchChat,
  long: benchLongMessage,
  members: benchMembers,
  dispatch: benchDispatch,
  answers: benchAnswers,
  sweep: benchSweep,
} satisfies Record<string, () => Promise<BenchResult>>;
type BenchName = keyof typeof BENCHES;

const isBench = (name: string): name is BenchName => Object.hasOwn(BENCHES, name);
const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const unknown = positionals.filter((name) => !isBench(name));
if (unknown.length > 0) {
  console.error(`No bench called ${unknown.join(', ')}; there are: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const names = (positionals.length > 0 ? positionals : Object.keys(BENCHES)).filter(isBench);
const started = performance.now();
let figures: Figures = {};
const checks: Check[] = [];
let failed = 0;
// One after another: each needs the machine to itself. A bench that fails is reported and the others still run.
for (const name of names) {
  try {
    const result = await BENCHES[name]();
    console.log(result.line);
    figures = { ...figures, ...result.figures };
    checks.push(...(result.checks ?? []));
  } catch (error) {
    failed += 1;
    console.error(`${name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
console.log(`\n${reportTable(figures, checks)}`);
console.log(`\n${names.length} benches (${names.join(', ')}), ${failed} failed, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (values.out !== undefined) await writeFile(values.out, `${JSON.stringify(reportJson(figures), null, 2)}\n`);
process.exitCode = exitCode(figures, checks, failed);
