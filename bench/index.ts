/** `npm run bench`: speed targets, measured here rather than in timed tests. `npm run bench -- chat long` runs those alone. */
import { benchAnswers } from './answers.js';
import { benchChat } from './chat.js';
import { benchDispatch } from './dispatch.js';
import { benchLongMessage } from './longMessage.js';
import { benchMembers } from './members.js';
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
} satisfies Record<string, () => Promise<{ goalMet: boolean; line: string }>>;
type BenchName = keyof typeof BENCHES;

const isBench = (name: string): name is BenchName => Object.hasOwn(BENCHES, name);
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !isBench(name));
if (unknown.length > 0) {
  console.error(`No bench called ${unknown.join(', ')}; there are: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const names = (asked.length > 0 ? asked : Object.keys(BENCHES)).filter(isBench);
const results = [];
// One after another: each needs the machine to itself.
for (const name of names) results.push(await BENCHES[name]());
for (const result of results) console.log(result.line);
process.exitCode = results.every((result) => result.goalMet) ? 0 : 1;
