import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** The Playground's own command, as `npm run playground` runs it. */
const PLAYGROUND_BIN = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

export interface Playground {
  readonly url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The Microsoft 365 Agents Playground, offline, pointed at the bot's /api/messages, on a port of its own. */
export async function startPlayground(botUrl: string): Promise<Playground> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [PLAYGROUND_BIN, '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--disable-telemetry', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Listening on ${port}`)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Agents Playground stopped (${code}): ${output.slice(0, 500)}`)));
  });
  await listening;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
