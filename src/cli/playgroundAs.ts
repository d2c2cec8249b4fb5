import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PLAYGROUND_USERS, playgroundConfigFor } from '../demo/playground.js';

/**
 * `npm run playground:as -- "Lynne Robbins"`: an Agents Playground of that person's, beside the default one (Alex
 * Wilber's, `npm run playground`), since one Playground page cannot switch user. Its configuration goes in
 * `.data/playground-<first name>/`; each person has their own port, 56150 and up, in the order the demo lists them.
 */
const name = process.argv[2] ?? '';
const index = PLAYGROUND_USERS.findIndex((candidate) => candidate.name === name);
const user = PLAYGROUND_USERS[index];
if (user === undefined) {
  process.stderr.write(`Give one of the Playground's people: ${PLAYGROUND_USERS.map((candidate) => `"${candidate.name}"`).join(', ')}.\n`);
  process.exitCode = 2;
} else {
  const folder = join('.data', `playground-${(user.name.split(' ')[0] ?? 'user').toLowerCase()}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '.m365agentsplayground.yml'), playgroundConfigFor(user));
  const bin = join(dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const port = String(56150 + index);
  process.stdout.write(`${user.name}'s Agents Playground: http://localhost:${port}\n`);
  const child = spawn(process.execPath, [bin, '--app-endpoint', 'http://127.0.0.1:3978/api/messages', '--channel-id', 'msteams', '--disable-telemetry', '--port', port], { stdio: 'inherit', cwd: folder });
  child.once('exit', (code) => (process.exitCode = code ?? 1));
}
