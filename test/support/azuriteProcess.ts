import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { azuriteConnectionString } from '../../src/store/azurite.js';

/**
 * Azurite's own CLI (tables, queues and blobs) as a separate process, unlike the test run's in-process one: a
 * fault test can freeze it (SIGSTOP) mid-request and thaw it, or stop it and start it again on the same folder
 * and ports, as a storage service that hangs or goes down does.
 */
export interface AzuriteProcess {
  readonly connectionString: string;
  /** SIGSTOP: connections stay open and nothing is answered. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
  /** SIGTERM, as a service being stopped: Azurite writes its databases to the folder and exits. */
  stop(): Promise<void>;
  /** Starts again on the same folder and ports. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface AzuriteProcessOptions {
  /** A folder to keep the data in across stop and start; in memory without one. */
  readonly location?: string;
}

const CLI = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g;
type Ports = { readonly blob: number; readonly queue: number; readonly table: number };
/** A loaded machine starts it in a second or two; more means it did not. */
const START_TIMEOUT_MS = 30_000;

export async function startAzuriteProcess(options: AzuriteProcessOptions = {}): Promise<AzuriteProcess> {
  let child: ChildProcess | undefined;
  const launch = (ports: Ports): Promise<Ports> =>
    new Promise((resolve, reject) => {
      const storage = options.location === undefined ? ['--inMemoryPersistence'] : ['--location', options.location];
      const started = spawn(process.execPath, [CLI, '--blobPort', String(ports.blob), '--queuePort', String(ports.queue), '--tablePort', String(ports.table), ...storage, '--skipApiVersionCheck', '--loose', '--disableTelemetry', '--silent'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let output = '';
      const found: Record<string, number> = {};
      const timer = setTimeout(() => fail(new Error(`Azurite did not start in ${START_TIMEOUT_MS} ms: ${output}`)), START_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        started.kill('SIGKILL');
        reject(error);
      };
      started.once('exit', (code) => fail(new Error(`Azurite exited (${code}) before it started: ${output}`)));
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        for (const [, service, port] of output.matchAll(LISTENING)) found[service!.toLowerCase()] = Number(port);
        const { blob, queue, table } = found;
        if (blob === undefined || queue === undefined || table === undefined) return;
        clearTimeout(timer);
        started.removeAllListeners('exit');
        started.stdout?.off('data', read);
        started.stdout?.resume();
        resolve({ blob, queue, table });
      };
      started.stdout?.on('data', read);
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
  // Free ports the first time; the same ones after, so the clients' connection string holds.
  const ports = await launch({ blob: 0, queue: 0, table: 0 });
  const signal = (name: NodeJS.Signals) => {
    if (child?.exitCode === null && child.signalCode === null) child.kill(name);
  };
  const stop = async () => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    await exited;
  };
  return {
    connectionString: azuriteConnectionString(ports),
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    stop,
    start: async () => void (await launch(ports)),
    close: stop,
  };
}
