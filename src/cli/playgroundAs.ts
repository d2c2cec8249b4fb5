import { PLAYGROUND_USERS, playgroundConfigFor } from '../demo/playground.js';

/**
 * `tsx src/cli/playgroundAs.ts "Lynne Robbins"`: the Agents Playground's configuration file with that person as its
 * current user, on standard output (`npm run playground:lynne` starts a Playground of hers with it).
 */
const name = process.argv[2] ?? '';
const user = PLAYGROUND_USERS.find((candidate) => candidate.name === name);
if (user === undefined) {
  process.stderr.write(`Give one of the Playground's people: ${PLAYGROUND_USERS.map((candidate) => `"${candidate.name}"`).join(', ')}.\n`);
  process.exitCode = 2;
} else {
  process.stdout.write(playgroundConfigFor(user));
}
