import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { StorageSettings } from './settings.js';
import { startEmbeddedAzurite } from './azurite.js';
import { storageDeadlinePolicy } from './deadline.js';
import { guarded } from './errors.js';

/**
 * StorageSettings → ready table clients. Tables are created if missing (idempotent), so a fresh account or a
 * fresh Azurite needs no manual step. Each table name is `<prefix><Name>`; a prefix keeps test files, or two
 * bots sharing an account, apart.
 */
export const TABLE_NAMES = {
  /** One partition per case: the case, members, meetings, answers, events, idempotency rows, audit. */
  cases: 'Cases',
  /** "My cases": one row per (user, case). */
  userCases: 'UserCases',
  /** Open cases by next due date, for sweeps. */
  caseDue: 'CaseDue',
  conversationRefs: 'ConversationRefs',
  /** The staff directory: one partition per tenant, a row per person with the roles they may hold on cases. */
  staff: 'Staff',
} as const;

export type TableName = keyof typeof TABLE_NAMES;
export type StoreTables = { readonly [name in TableName]: TableClient };

export type TableConnection =
  | { readonly kind: 'connection-string'; readonly connectionString: string }
  | { readonly kind: 'account-url'; readonly accountUrl: string; readonly credential?: TokenCredential };

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

export interface OpenStorage {
  readonly tables: StoreTables;
  /** Stops the embedded Azurite when there is one; nothing to do for a configured account. */
  stop(): Promise<void>;
}

/** The one call hosting makes: configured storage, or Azurite started here and stopped by stop(). */
export async function openStorage(settings: StorageSettings): Promise<OpenStorage> {
  switch (settings.kind) {
    case 'embedded': {
      const azurite = await startEmbeddedAzurite({ dataDir: settings.dataDir });
      try {
        const tables = await connectTables({ kind: 'connection-string', connectionString: azurite.connectionString }, settings.tablePrefix);
        return { tables, stop: () => azurite.stop() };
      } catch (error) {
        await azurite.stop();
        throw error;
      }
    }
    case 'connection-string':
    case 'account-url':
      return { tables: await connectTables(settings, settings.tablePrefix), stop: async () => {} };
  }
}
