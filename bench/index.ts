/** `npm run bench`: speed targets, measured here rather than in timed tests. */
import { benchChat } from './chat.js';
import { benchLongMessage } from './longMessage.js';
import { benchMembers } from './members.js';
import { benchTimeline } from './timeline.js';

const results = [benchTimeline(), await benchChat(), await benchLongMessage(), await benchMembers()];
for (const result of results) console.log(result.line);
process.exitCode = results.every((result) => result.goalMet) ? 0 : 1;
