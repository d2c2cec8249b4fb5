import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * Azurite's table service, run inside this process. In-process rather than a child process because then
 * there is no free-port race (we listen on port 0 and read back the port), no orphan if the bot dies hard,
 * and start-up takes milliseconds. Azurite only ships CommonJS without typings, so the two classes we use are
 * loaded through require and described by the narrow interfaces below (pinned to azurite ~3.35 in package.json).
 * Signal handling belongs to the caller: it calls stop() on SIGINT/SIGTERM.
 */

/** Azurite's well-known development account: public, documented, not a secret. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
/** Azurite's own name for its table database file. */
const DB_FILE = '__azurite_db_table__.json';

interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}
type TableConfigurationCtor = new (...args: unknown[]) => object;
type TableServerCtor = new (configuration: object) => AzuriteTableServer;

const requireCjs = createRequire(import.meta.url);

function loadAzurite(): { TableConfiguration: TableConfigurationCtor; TableServer: TableServerCtor } {
  const configuration = requireCjs('azurite/dist/src/table/TableConfiguration.js') as { default: TableConfigurationCtor };
  const server = requireCjs('azurite/dist/src/table/TableServer.js') as { default: TableServerCtor };
  return { TableConfiguration: configuration.default, TableServer: server.default };
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
export function azuriteConnectionString(port: number, host: string = HOST): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `TableEndpoint=http://${host}:${port}/${ACCOUNT};`
  );
}

export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  const { TableConfiguration, TableServer } = loadAzurite();
  let dbPath = join('memory', DB_FILE);
  if (options.inMemory !== true) {
    const location = resolve(options.dataDir);
    await mkdir(location, { recursive: true });
    dbPath = join(location, DB_FILE);
  }
  const configuration = new TableConfiguration(
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
  );
  const server = new TableServer(configuration);
  await server.start();
  const port = Number(new URL(server.getHttpServerAddress()).port);
  let stopping: Promise<void> | undefined;
  return {
    connectionString: azuriteConnectionString(port),
    port,
    stop: () => (stopping ??= server.close()),
  };
}
