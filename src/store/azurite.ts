import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Azurite's table service, run on a worker thread of this process. In-process rather than a child process
 * because then there is no free-port race (we listen on port 0 and read back the port), no orphan if the bot
 * dies hard, and start-up is quick. On its own thread because a thread has its own copies of Node's modules:
 * restify, on import, adds a `query` method to `http.IncomingMessage.prototype`, so Azurite's express on the
 * same thread sees `req.query` already set, never parses the query string, and drops every `$filter` (each
 * query answered the whole table). The thread also keeps the emulator's work off the bot's event loop, as a
 * real storage service would be. Azurite only ships CommonJS without typings: the worker loads the two classes
 * we use by path (pinned to azurite ~3.35 in package.json). Signal handling belongs to the caller: it calls
 * stop() on SIGINT/SIGTERM.
 */

/** Azurite's well-known development account: public, documented, not a secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
/** Azurite's own name for its table database file. */
const DB_FILE = '__azurite_db_table__.json';

const requireCjs = createRequire(import.meta.url);

/** The worker: plain CommonJS, so it runs the same under tsx, vitest and node; one 'stop' message closes it. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const TableConfiguration = require(workerData.configurationModule).default;
const TableServer = require(workerData.serverModule).default;
const server = new TableServer(new TableConfiguration(...workerData.configurationArgs));
const failed = (error) => parentPort.postMessage({ failed: String((error && error.stack) || error) });
server.start().then(() => parentPort.postMessage({ started: server.getHttpServerAddress() }), failed);
parentPort.once('message', () => server.close().then(() => parentPort.postMessage({ stopped: true }), failed));
`;

type WorkerReply = { readonly started: string } | { readonly stopped: true } | { readonly failed: string };

/** The worker's next message; its crash or exit instead rejects. */
function nextReply(worker: Worker): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const settle = (done: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      done();
    };
    const onMessage = (reply: WorkerReply) => settle(() => resolve(reply));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`Azurite's worker thread exited with code ${code}`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

export type EmbeddedAzuriteOptions =
  /** Tests: nothing touches the disk; everything is gone on stop. */
  | { readonly inMemory: true }
  /** `npm start`: data persists in `dataDir` across restarts. */
  | { readonly inMemory?: false; readonly dataDir: string };

export interface EmbeddedAzurite {
  readonly connectionString: string;
  readonly port: number;
  /** Stops listening and, when persistent, flushes the database to disk. Safe to call twice. */
  stop(): Promise<void>;
}

/** The connection string for an Azurite table endpoint; a port other than 10002 needs it spelled out. */
function azuriteConnectionString(port: number, host: string = HOST): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${port}/${ACCOUNT};`
  );
}

export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  let dbPath = join('memory', DB_FILE);
  if (options.inMemory !== true) {
    const location = resolve(options.dataDir);
    await mkdir(location, { recursive: true });
    dbPath = join(location, DB_FILE);
  }
  // TableConfiguration's constructor arguments, in its order.
  const configurationArgs = [
    HOST,
    0, // any free port
    5, // keep-alive seconds
    dbPath,
    false, // debug log
    false, // access log
    undefined,
    undefined,
    false, // loose mode
    true, // skip API version check: a newer SDK must not break local runs
    '',
    '',
    '',
    undefined,
    false,
    options.inMemory === true,
  ];
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      configurationModule: requireCjs.resolve('azurite/dist/src/table/TableConfiguration.js'),
      serverModule: requireCjs.resolve('azurite/dist/src/table/TableServer.js'),
      configurationArgs,
    },
  });
  const started = await nextReply(worker).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (!('started' in started)) {
    await worker.terminate();
    throw new Error(`Azurite did not start: ${'failed' in started ? started.failed : 'unexpected reply'}`);
  }
  const port = Number(new URL(started.started).port);
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    worker.postMessage('stop');
    const reply = await nextReply(worker);
    await worker.terminate();
    if ('failed' in reply) throw new Error(`Azurite did not stop cleanly: ${reply.failed}`);
  };
  return {
    connectionString: azuriteConnectionString(port),
    port,
    stop: () => (stopping ??= stop()),
  };
}
