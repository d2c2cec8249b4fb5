/** `npm run bench`: speed targets, measured here rather than in timed tests. */
import { benchChat } from './chat.js';
import { benchLongMessage } from './longMessage.js';
import { benchTimeline } from './timeline.js';

const results = [benchTimeline(), await benchChat(), await benchLongMessage()];
for (const result of results) console.log(result.line);
process.exitCode = results.every((result) => result.goalMet) ? 0 : 1;
