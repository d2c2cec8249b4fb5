/**
 * Where case state and the delivery queues live. Produced by src/config.ts from the environment; nothing else
 * decides it. Tables, queues and blobs (the job leases) are always in the same storage account.
 */
export type StorageSettings =
  /** No storage configured: `npm start` runs Azurite's table, queue and blob services itself, persisting under dataDir. */
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly tablePrefix: string }
  | { readonly kind: 'connection-string'; readonly connectionString: string; readonly tablePrefix: string }
  /**
   * The account's table, queue and blob endpoints, reached with DefaultAzureCredential (managed identity in Azure).
   * `managedIdentityClientId`: the user-assigned identity to use, when the bot runs as one (`UserAssignedMSI`);
   * otherwise DefaultAzureCredential's own choice (AZURE_CLIENT_ID, or the host's system-assigned identity).
   */
  | {
      readonly kind: 'account-url';
      readonly accountUrl: string;
      readonly queueUrl: string;
      readonly blobUrl: string;
      readonly tablePrefix: string;
      readonly managedIdentityClientId?: string;
    };
