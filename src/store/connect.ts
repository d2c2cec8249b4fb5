import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient, type StoragePipelineOptions as BlobPipelineOptions } from '@azure/storage-blob';
import { QueueClient, QueueServiceClient, type StoragePipelineOptions } from '@azure/storage-queue';
import type { StorageSettings } from './settings.js';
import { storageDeadlinePolicy } from './deadline.js';
import { guarded } from './errors.js';

/**
 * StorageSettings → ready table, queue and blob container clients. Tables, queues and containers are created if
 * missing (idempotent), so a fresh account or a fresh Azurite needs no manual step. Each table name is
 * `<prefix><Name>`, each queue and container name `<prefix in lower case><name>` (their names are lower case); a
 * prefix keeps test files, or two bots sharing an account, apart.
 */
export const TABLE_NAMES = {
  /** One partition per case: the case, members, meetings, answers, events, idempotency rows, audit. */
  cases: 'Cases',
  /** "My cases": one row per (user, case). */
  userCases: 'UserCases',
  /** Open cases by attention date, a partition per month, for sweeps (src/cases/caseIndexes.ts). */
  caseDue: 'CaseDue',
  conversationRefs: 'ConversationRefs',
  /** The staff directory: one partition per tenant, a row per person with the roles they may hold on cases. */
  staff: 'Staff',
  /** Every proactive message, one row per business key, and the connector's "throttled until" row. */
  outbox: 'Outbox',
  /** Each chair's and team manager's digest choice (daily or weekly): one partition per tenant, with its audit trail. */
  digestPreferences: 'DigestPreferences',
  /** What retention erased: one partition per tenant, a row per case erased (src/cases/caseRetention.ts). */
  erasures: 'Erasures',
} as const;

export const QUEUE_NAMES = {
  /** One message per outbox row to send: the row's key. */
  outbox: 'outbox',
  /** Messages that failed too often, set aside for a person to look at. */
  outboxPoison: 'outbox-poison',
  /** Work due at a set time (a meeting's reports pack on its morning), each message hidden until then. */
  wakeups: 'wakeups',
} as const;

export const CONTAINER_NAMES = {
  /** One empty blob per job (`sweep`), whose lease says which instance runs it. */
  jobs: 'jobs',
} as const;

export type ContainerName = keyof typeof CONTAINER_NAMES;
export type StoreContainers = { readonly [name in ContainerName]: ContainerClient };

export type QueueName = keyof typeof QUEUE_NAMES;
export type StoreQueues = { readonly [name in QueueName]: QueueClient };

export type TableName = keyof typeof TABLE_NAMES;
export type StoreTables = { readonly [name in TableName]: TableClient };

/** `accountUrl` is the endpoint of the service connected to: the table endpoint for tables, the queue one for queues. */
export type TableConnection =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'account-url'; readonly accountUrl: string; readonly credential?: TokenCredential };
export type QueueConnection = TableConnection;
export type BlobConnection = TableConnection;

const PREFIX = /^(?:[A-Za-z][A-Za-z0-9]{0,40})?$/;

/** Azurite over http needs allowInsecureConnection; a real account is always https. */
function insecure(endpoint: string): boolean {
  return /(?:^|;)\s*(?:TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true)/i.test(endpoint)
    || endpoint.startsWith('http:');
}

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

/**
 * Azurite (3.35) decodes a single-entity request body chunk by chunk (`segments.join("")` in its serializer;
 * batches are decoded whole), so a multi-byte UTF-8 character that straddles two network chunks turns into
 * U+FFFD: non-ASCII text in insert/update bodies over ~64 KB (large turn state) is silently corrupted.
 * Escaping every non-ASCII character as a JSON \u escape sends the same JSON in pure ASCII, leaving nothing to
 * split. Used for http (emulator) endpoints only; Azure itself decodes correctly.
 */
const asciiJsonBodies: PipelinePolicy = {
  name: 'asciiJsonBodies',
  sendRequest(request, next) {
    if (typeof request.body === 'string') {
      const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
      request.body = request.body.replace(/[\u0080-\uffff]/g, escape);
      // The shared-key policy may already have measured the body; the escaped body is longer.
      if (request.headers.has('content-length')) request.headers.set('content-length', Buffer.byteLength(request.body));
    }
    return next(request);
  },
};

function client(connection: TableConnection, tableName: string, options: TableServiceClientOptions): TableClient {
  const endpoint = connection.kind === 'connection-string' ? connection.connectionString : connection.accountUrl;
  const clientOptions = { ...options, allowInsecureConnection: insecure(endpoint) };
  const table =
    connection.kind === 'connection-string'
      ? TableClient.fromConnectionString(connection.connectionString, tableName, clientOptions)
      : new TableClient(connection.accountUrl, tableName, connection.credential ?? new DefaultAzureCredential(), clientOptions);
  table.pipeline.addPolicy(storageDeadlinePolicy, { phase: 'Serialize' });
  if (clientOptions.allowInsecureConnection) table.pipeline.addPolicy(asciiJsonBodies, { afterPhase: 'Serialize' });
  return table;
}

export async function connectTables(
  connection: TableConnection,
  tablePrefix: string,
  options: TableServiceClientOptions = {},
): Promise<StoreTables> {
  if (!PREFIX.test(tablePrefix)) {
    throw new Error(`Table prefix "${tablePrefix}" must be letters and digits, starting with a letter (at most 41)`);
  }
  const entries = (Object.keys(TABLE_NAMES) as TableName[]).map(
    (name) => [name, client(connection, `${tablePrefix}${TABLE_NAMES[name]}`, options)] as const,
  );
  await Promise.all(entries.map(([, table]) => guarded(() => table.createTable())));
  return Object.fromEntries(entries) as StoreTables;
}

export function connectQueues(connection: QueueConnection, prefix: string, options: StoragePipelineOptions = {}): Promise<StoreQueues> {
  return lowerCaseNamed('Queue', QUEUE_NAMES, prefix, () => {
    const service = serviceClient(QueueServiceClient, connection, options);
    return (name) => service.getQueueClient(name);
  });
}

export function connectContainers(connection: BlobConnection, prefix: string, options: BlobPipelineOptions = {}): Promise<StoreContainers> {
  return lowerCaseNamed('Container', CONTAINER_NAMES, prefix, () => {
    const service = serviceClient<BlobServiceClient, BlobPipelineOptions>(BlobServiceClient, connection, options);
    return (name) => service.getContainerClient(name);
  });
}

/** What the queue and blob SDKs' service clients have in common: made from a connection string or an endpoint. */
interface ServiceClientClass<Service, Options> {
  fromConnectionString(connectionString: string, options?: Options): Service;
  new (url: string, credential: TokenCredential, options?: Options): Service;
}

function serviceClient<Service, Options>(Class: ServiceClientClass<Service, Options>, connection: TableConnection, options: Options): Service {
  return connection.kind === 'connection-string'
    ? Class.fromConnectionString(connection.connectionString, options)
    : new Class(connection.accountUrl, connection.credential ?? new DefaultAzureCredential(), options);
}

/** A client per name, `<prefix in lower case><name>`, each created if missing; `service` is asked once the prefix is valid. */
async function lowerCaseNamed<Name extends string, Client extends { createIfNotExists(): Promise<unknown> }>(
  what: 'Queue' | 'Container',
  names: Readonly<Record<Name, string>>,
  prefix: string,
  service: () => (name: string) => Client,
): Promise<{ readonly [name in Name]: Client }> {
  if (!PREFIX.test(prefix)) throw new Error(`${what} prefix "${prefix}" must be letters and digits, starting with a letter (at most 41)`);
  const clientFor = service();
  const entries = (Object.keys(names) as Name[]).map((name) => [name, clientFor(`${prefix.toLowerCase()}${names[name]}`)] as const);
  await Promise.all(entries.map(([, client]) => guarded(() => client.createIfNotExists())));
  return Object.fromEntries(entries) as { readonly [name in Name]: Client };
}

export interface OpenStorage {
  readonly tables: StoreTables;
  readonly queues: StoreQueues;
  readonly containers: StoreContainers;
  /** Stops the embedded Azurite when there is one, its files saved, and frees its folder; nothing to do for a configured account. */
  stop(): Promise<void>;
}

const raise = (error: Error): never => {
  throw error;
};

/**
 * The one call hosting makes: configured storage, or Azurite started here on its data folder, locked for this
 * process, and stopped (its files saved) by stop(). `onLockLost`: the folder's lock was taken over by another start
 * (`dataFolderLock.ts`); without it, that is thrown, ending the process.
 */
export async function openStorage(settings: StorageSettings, onLockLost: (error: Error) => void = raise): Promise<OpenStorage> {
  switch (settings.kind) {
    case 'embedded': {
      // Imported here only: with storage configured, neither the emulator nor the lock is ever loaded.
      const [{ lockDataFolder }, { startEmbeddedAzurite }] = await Promise.all([import('./dataFolderLock.js'), import('./azurite.js')]);
      // The lock first: a second Azurite must not even open the folder's files.
      const lock = await lockDataFolder(settings.dataDir, onLockLost);
      const azurite = await startEmbeddedAzurite({ dataDir: settings.dataDir }).catch(async (error: unknown) => {
        await lock.release();
        throw error;
      });
      const stop = async () => {
        await azurite.stop();
        await lock.release();
      };
      try {
        const connection = { kind: 'connection-string', connectionString: azurite.connectionString } as const;
        return { ...(await connectAll({ table: connection, queue: connection, blob: connection }, settings.tablePrefix)), stop };
      } catch (error) {
        await stop();
        throw error;
      }
    }
    case 'connection-string':
      return { ...(await connectAll({ table: settings, queue: settings, blob: settings }, settings.tablePrefix)), stop: async () => {} };
    case 'account-url': {
      // One credential for the three services, so its token is fetched and cached once.
      const { managedIdentityClientId } = settings;
      const credential = new DefaultAzureCredential(managedIdentityClientId === undefined ? {} : { managedIdentityClientId });
      const endpoints = {
        table: { kind: 'account-url', accountUrl: settings.accountUrl, credential },
        queue: { kind: 'account-url', accountUrl: settings.queueUrl, credential },
        blob: { kind: 'account-url', accountUrl: settings.blobUrl, credential },
      } as const;
      return { ...(await connectAll(endpoints, settings.tablePrefix)), stop: async () => {} };
    }
  }
}

/** Each service on its own endpoint (one connection string serves all three), under one prefix. */
async function connectAll(
  endpoints: { readonly table: TableConnection; readonly queue: QueueConnection; readonly blob: BlobConnection },
  prefix: string,
): Promise<Omit<OpenStorage, 'stop'>> {
  const [tables, queues, containers] = await Promise.all([connectTables(endpoints.table, prefix), connectQueues(endpoints.queue, prefix), connectContainers(endpoints.blob, prefix)]);
  return { tables, queues, containers };
}
