/** Where case state lives. Produced by src/config.ts from the environment; nothing else decides it. */
export type StorageSettings =
  /** No storage configured: `npm start` runs Azurite's table service itself, persisting under dataDir. */
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly tablePrefix: string }
  | { readonly kind: 'connection-string'; readonly connectionString: string; readonly tablePrefix: string }
  /** An account URL reached with DefaultAzureCredential (managed identity in Azure). */
  | { readonly kind: 'account-url'; readonly accountUrl: string; readonly tablePrefix: string };
