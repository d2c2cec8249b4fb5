import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Azurite's table, queue and blob services, run on one worker thread of this process. In-process rather than a child process
 * because then there is no free-port race (we listen on port 0 and read back the port), no orphan if the bot
 * dies hard, and start-up is quick. On its own thread because a thread has its own copies of Node's modules:
 * restify, on import, adds a `query` method to `http.IncomingMessage.prototype`, so Azurite's express on the
 * same thread sees `req.query` already set, never parses the query string, and drops every `$filter` (each
 * query answered the whole table). The thread also keeps the emulator's work off the bot's event loop, as a
 * real storage service would be. Azurite only ships CommonJS without typings: the worker loads each service's
 * configuration and server classes by path (pinned to azurite ~3.35 in package.json). Signal handling belongs to the caller: it calls
 * stop() on SIGINT/SIGTERM.
 */

/** Azurite's well-known development account: public, documented, not a secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
/** Azurite's own names for its database files and the folders holding queue messages and blob contents. */
const TABLE_DB_FILE = '__azurite_db_table__.json';
const EXTENT_FILES = {
  Queue: { db: '__azurite_db_queue__.json', extentDb: '__azurite_db_queue_extent__.json', dir: '__queuestorage__' },
  Blob: { db: '__azurite_db_blob__.json', extentDb: '__azurite_db_blob_extent__.json', dir: '__blobstorage__' },
} as const;

const requireCjs = createRequire(import.meta.url);

/**
 * The worker: plain CommonJS, so it runs the same under tsx, vitest and node; it starts every service it is given
 * and answers with their addresses, in order; one 'stop' message closes them all.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const servers = workerData.services.map(({ configurationModule, serverModule, configurationArgs }) => {
  const Configuration = require(configurationModule).default;
  const Server = require(serverModule).default;
  return new Server(new Configuration(...configurationArgs));
});
const failed = (error) => parentPort.postMessage({ failed: String((error && error.stack) || error) });
Promise.all(servers.map((server) => server.start()))
  .then(() => parentPort.postMessage({ started: servers.map((server) => server.getHttpServerAddress()) }), failed);
parentPort.once('message', () =>
  Promise.all(servers.map((server) => server.close())).then(() => parentPort.postMessage({ stopped: true }), failed));
`;

type WorkerReply = { readonly started: readonly string[] } | { readonly stopped: true } | { readonly failed: string };

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
  /** Every endpoint: tables, queues and blobs. */
  readonly connectionString: string;
  /** The table service's port. */
  readonly port: number;
  readonly queuePort: number;
  readonly blobPort: number;
  /** Stops listening and, when persistent, flushes the database to disk. Safe to call twice. */
  stop(): Promise<void>;
}

/** The connection string for Azurite's endpoints; ports other than 10002/10001/10000 need them spelled out (also for an Azurite run as its own process, in the fault tests). */
export function azuriteConnectionString(ports: { readonly table: number; readonly queue: number; readonly blob: number }, host: string = HOST): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${ports.table}/${ACCOUNT};QueueEndpoint=http://${host}:${ports.queue}/${ACCOUNT};` +
    `BlobEndpoint=http://${host}:${ports.blob}/${ACCOUNT};`
  );
}

export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  // In memory, Azurite still wants paths: they only name its in-memory databases.
  let location = 'memory';
  if (options.inMemory !== true) {
    location = resolve(options.dataDir);
    await mkdir(location, { recursive: true });
  }
  const inMemory = options.inMemory === true;
  // Both configurations take the same first and last arguments; what lies between (files, logs) differs.
  const listen = [HOST, 0 /* any free port */, 5 /* keep-alive seconds */];
  const tail = [
    false, // loose mode
    true, // skip API version check: a newer SDK must not break local runs
    '', // no certificate, key or password: http on loopback
    '',
    '',
    undefined, // no OAuth
    false, // product-style URLs as Azurite's default (an IP address is always path-style)
    inMemory,
  ];
  // TableConfiguration's constructor arguments, in its order.
  const tableArgs = [...listen, join(location, TABLE_DB_FILE), false /* debug log */, false /* access log */, undefined, undefined, ...tail];
  // QueueConfiguration's and BlobConfiguration's, the same order: their logs come in another order than the table's.
  const extentArgs = (kind: keyof typeof EXTENT_FILES) => [
    ...listen,
    join(location, EXTENT_FILES[kind].db),
    join(location, EXTENT_FILES[kind].extentDb),
    [{ locationId: 'Default', locationPath: join(location, EXTENT_FILES[kind].dir), maxConcurrency: 1 }],
    false, // access log
    undefined,
    false, // debug log
    undefined,
    ...tail,
  ];
  const service = (kind: 'Table' | keyof typeof EXTENT_FILES, configurationArgs: readonly unknown[]) => ({
    configurationModule: requireCjs.resolve(`azurite/dist/src/${kind.toLowerCase()}/${kind}Configuration.js`),
    serverModule: requireCjs.resolve(`azurite/dist/src/${kind.toLowerCase()}/${kind}Server.js`),
    configurationArgs,
  });
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { services: [service('Table', tableArgs), service('Queue', extentArgs('Queue')), service('Blob', extentArgs('Blob'))] },
  });
  const started = await nextReply(worker).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (!('started' in started)) {
    await worker.terminate();
    throw new Error(`Azurite did not start: ${'failed' in started ? started.failed : 'unexpected reply'}`);
  }
  const [port, queuePort, blobPort] = started.started.map((address) => Number(new URL(address).port));
  if (port === undefined || queuePort === undefined || blobPort === undefined) {
    await worker.terminate();
    throw new Error('Azurite started without all of its table, queue and blob services');
  }
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    worker.postMessage('stop');
    const reply = await nextReply(worker);
    await worker.terminate();
    if ('failed' in reply) throw new Error(`Azurite did not stop cleanly: ${reply.failed}`);
  };
  return {
    connectionString: azuriteConnectionString({ table: port, queue: queuePort, blob: blobPort }),
    port,
    queuePort,
    blobPort,
    stop: () => (stopping ??= stop()),
  };
}
