import { existsSync } from 'node:fs';
import { inspect } from 'node:util';
import { z } from 'zod';
import { isEntraId } from './store/keys.js';
import { sweepSettingsSchema, type SweepSettings } from './sweep/settings.js';
import type { StorageSettings } from './store/settings.js';
import { isLocalDate, type LocalDate } from './time/localDate.js';

/**
 * The one reader of the environment. `loadConfig` takes the variables as a parameter (only
 * `loadConfigFromProcess` passes `process.env`), checks all of them, and either returns a frozen AppConfig or throws one ConfigError naming
 * every missing or invalid variable, so a broken deployment is fixed in one go rather than one restart per typo.
 */

/** A credential that never shows its value in logs, JSON or util.inspect. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

export type BotCredential =
  | { readonly kind: 'secret'; readonly secret: Secret }
  | { readonly kind: 'certificate'; readonly thumbprint: string; readonly privateKey: Secret };

/**
 * Who the bot is to the Bot Framework. `anonymous` exists only for local development: botbuilder then accepts
 * every request unauthenticated, so config only allows it on a loopback address.
 */
export type BotIdentity =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'single-tenant'; readonly appId: string; readonly tenantId: string; readonly credential: BotCredential }
  | { readonly kind: 'user-assigned-msi'; readonly appId: string; readonly tenantId: string };

/**
 * Microsoft Graph, used for one thing: installing the bot for a member whom Teams will not open a 1:1 chat with
 * because the app is not installed for them (application permission TeamsAppInstallation.ReadWriteSelfForUser.All).
 * Off unless GRAPH_TEAMS_APP_ID names the app in the organisation's catalog. The credential is the bot's own
 * unless GRAPH_CLIENT_ID / GRAPH_CLIENT_SECRET give another app registration.
 */
export type GraphSettings =
  | { readonly kind: 'off' }
  | {
      readonly kind: 'on';
      /** Graph's versioned root, https://graph.microsoft.com/v1.0 unless GRAPH_URL says otherwise (tests, national clouds). */
      readonly url: string;
      /** The app's id in the organisation's app catalog (not the manifest's id, for an app the organisation uploaded). */
      readonly teamsAppId: string;
      readonly tenantId: string;
      readonly credential: GraphCredential;
    };

export type GraphCredential =
  | { readonly kind: 'secret'; readonly clientId: string; readonly secret: Secret }
  | { readonly kind: 'managed-identity'; readonly clientId: string };

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com/v1.0';

/**
 * The sweep: its two triggers, the in-process timer every `intervalMinutes` (0: off) and POST /api/jobs/sweep for an
 * Azure Functions timer or a Logic App (on only when a shared secret is set), and when it speaks (src/sweep/settings.ts).
 */
export interface SweepConfig {
  readonly intervalMinutes: number;
  readonly secret: Secret | undefined;
  readonly settings: SweepSettings;
}

export const DEFAULT_SWEEP_INTERVAL_MINUTES = 15;
const SWEEP_SETTINGS_EXAMPLE = '{"unansweredInvitation":[3,1],"sendWindow":{"opens":"08:00","closes":"18:00"},"digestAt":"08:30"}';
/** A shared secret anyone on the network may try: long enough that guessing is hopeless. */
export const MIN_SWEEP_SECRET_LENGTH = 32;

export interface AppConfig {
  readonly identity: BotIdentity;
  readonly server: { readonly host: string; readonly port: number };
  /** Tenants whose activities are processed; `any` only in anonymous mode with no list given. */
  readonly allowedTenantIds: readonly string[] | 'any';
  readonly storage: StorageSettings;
  /** A policy profile file to load instead of the built-in ones; parsed by src/policy. */
  readonly policyFile: string | undefined;
  /** Organisation closure days (council Christmas closure, local holidays), sorted, no repeats. */
  readonly closureDays: readonly LocalDate[];
  /** Object ids (lower case, no repeats) of the staff administrators, who keep the staff directory. */
  readonly staffAdmins: readonly string[];
  readonly graph: GraphSettings;
  readonly sweep: SweepConfig;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_PORT = 3978;
export const EMBEDDED_DATA_DIR = '.data/azurite';
export const DEFAULT_TABLE_PREFIX = 'cg';
const LOOPBACK_HOST = '127.0.0.1';
/** With a verified identity the bot must be reachable by the Bot Framework, so it listens on every interface. */
const PUBLIC_HOST = '0.0.0.0';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTITY_VARIABLES = [
  'MicrosoftAppType',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppTenantId',
  'CertificateThumbprint',
  'CertificatePrivateKey',
] as const;

/** Unset and blank mean the same: a blank line in an .env file must not count as "configured". */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const guid = (what: string) => optionalText.refine((value) => value === undefined || GUID.test(value), `must be ${what} (a GUID)`);

const commaList = optionalText.transform((value) =>
  value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter((item) => item !== ''),
);

const envSchema = z.object({
  MicrosoftAppType: optionalText
    .transform((value) => value?.toLowerCase())
    .refine((value) => value === undefined || value === 'singletenant' || value === 'userassignedmsi', 'must be SingleTenant or UserAssignedMSI'),
  MicrosoftAppId: guid("the bot's Entra application (client) id"),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: guid("the bot's Entra tenant id"),
  CertificateThumbprint: optionalText.refine((value) => value === undefined || /^[0-9a-f]{40}$/i.test(value), 'must be a 40-character hex SHA-1 thumbprint'),
  // A PEM in one environment line: accept "\n" escapes, as App Service and .env files cannot hold real newlines.
  CertificatePrivateKey: optionalText
    .transform((value) => value?.replaceAll('\\n', '\n'))
    .refine((value) => value === undefined || value.includes('PRIVATE KEY-----'), 'must be a PEM private key'),
  PORT: optionalText.pipe(
    z.coerce.number({ invalid_type_error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').default(DEFAULT_PORT),
  ),
  BIND_HOST: optionalText.refine((value) => value === undefined || /^[0-9a-zA-Z.:-]+$/.test(value), 'must be a host name or IP address'),
  ALLOWED_TENANT_IDS: commaList.refine((ids) => ids === undefined || ids.every((id) => GUID.test(id)), 'must be a comma-separated list of tenant ids (GUIDs)'),
  STORAGE_CONNECTION_STRING: optionalText.refine(
    (value) => value === undefined || value === 'UseDevelopmentStorage=true' || /AccountName=|TableEndpoint=/i.test(value),
    'must be an Azure Storage connection string',
  ),
  STORAGE_ACCOUNT_URL: optionalText.refine((value) => value === undefined || isHttpUrl(value), 'must be an http(s) URL such as https://<account>.table.core.windows.net'),
  STORAGE_QUEUE_URL: optionalText.refine((value) => value === undefined || isHttpUrl(value), 'must be an http(s) URL such as https://<account>.queue.core.windows.net'),
  STORAGE_BLOB_URL: optionalText.refine((value) => value === undefined || isHttpUrl(value), 'must be an http(s) URL such as https://<account>.blob.core.windows.net'),
  TABLE_PREFIX: optionalText.refine(
    (value) => value === undefined || /^[A-Za-z][A-Za-z0-9]{0,31}$/.test(value),
    'must be letters and digits, starting with a letter, at most 32 characters (Azure table names)',
  ),
  LOCAL_DATA_DIR: optionalText,
  POLICY_FILE: optionalText,
  STAFF_ADMINS: commaList.superRefine((ids, ctx) => {
    const bad = (ids ?? []).filter((id) => !isEntraId(id));
    if (bad.length > 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be Entra object ids (GUIDs), comma-separated; not object ids: ${bad.join(', ')}` });
  }),
  GRAPH_TEAMS_APP_ID: guid("the Teams app's id in the organisation's app catalog"),
  GRAPH_TENANT_ID: guid('the tenant id Graph tokens are issued in'),
  GRAPH_CLIENT_ID: guid("the Entra application (client) id Graph tokens are issued to"),
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_URL: optionalText.refine((value) => value === undefined || isHttpUrl(value), 'must be an http(s) URL such as https://graph.microsoft.com/v1.0'),
  CLOSURE_DAYS: commaList.superRefine((days, ctx) => {
    const bad = (days ?? []).filter((day) => !isLocalDate(day));
    if (bad.length > 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be dates in the form YYYY-MM-DD; not dates: ${bad.join(', ')}` });
  }),
  SWEEP_INTERVAL_MINUTES: optionalText.pipe(
    z.coerce
      .number({ invalid_type_error: 'must be a number of minutes' })
      .int('must be a whole number of minutes')
      .min(0, 'must be 0 (off) to 1440 minutes')
      .max(24 * 60, 'must be 0 (off) to 1440 minutes')
      .default(DEFAULT_SWEEP_INTERVAL_MINUTES),
  ),
  SWEEP_SETTINGS: optionalText.transform((text, ctx): SweepSettings | undefined => {
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be JSON, e.g. ${SWEEP_SETTINGS_EXAMPLE}` });
      return z.NEVER;
    }
    const parsed = sweepSettingsSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${issue.path.join('.') || 'settings'} ${issue.message}` });
    return z.NEVER;
  }),
  // The value is never echoed: only its length is judged.
  SWEEP_SECRET: optionalText.refine(
    (value) => value === undefined || value.length >= MIN_SWEEP_SECRET_LENGTH,
    `must be at least ${MIN_SWEEP_SECRET_LENGTH} characters (a random string, e.g. \`openssl rand -base64 32\`)`,
  ),
});

type ParsedEnv = Partial<z.infer<typeof envSchema>>;
type Variable = keyof typeof envSchema.shape;

/** The process's environment, after a local .env file (if present) is loaded: the product's one read of process.env. */
function processEnv(): Env {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

/** Set, even if invalid: an invalid variable is reported once, as invalid, not again as missing. */
const givenIn = (env: Env) => (name: string) => env[name] !== undefined && env[name].trim() !== '';

export function loadConfigFromProcess(): AppConfig {
  return loadConfig(processEnv());
}

export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const vars = parseEach(envSchema, env, problems);
  const given: (name: Variable) => boolean = givenIn(env);
  const identity = identityFrom(vars, given, problems);
  const server = serverFrom(vars, identity, problems);
  const allowedTenantIds = allowedTenantsFrom(vars, identity);
  const storage = storageFrom(vars, identity, problems);
  const graph = graphFrom(vars, given, identity, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze({
    identity,
    server,
    allowedTenantIds,
    storage,
    policyFile: vars.POLICY_FILE,
    closureDays: [...new Set(vars.CLOSURE_DAYS ?? [])].sort() as LocalDate[],
    staffAdmins: [...new Set((vars.STAFF_ADMINS ?? []).map((id) => id.toLowerCase()))],
    graph,
    sweep: {
      intervalMinutes: vars.SWEEP_INTERVAL_MINUTES ?? DEFAULT_SWEEP_INTERVAL_MINUTES,
      secret: vars.SWEEP_SECRET === undefined ? undefined : new Secret(vars.SWEEP_SECRET),
      settings: vars.SWEEP_SETTINGS ?? sweepSettingsSchema.parse({}),
    },
  });
}

/**
 * What `npm run package` fills the Teams app manifest with (manifest/appPackage.ts). Read on its own, not as part of
 * AppConfig: the package is built where the bot's secrets are not, and needs none of them.
 */
export interface AppPackageSettings {
  /** The manifest's id: TEAMS_APP_ID, else the bot's app id, so every package built for one bot updates the same app. */
  readonly teamsAppId: string;
  readonly botId: string;
  /**
   * webApplicationInfo.id: the app registration Graph tokens are issued to (GRAPH_CLIENT_ID, else the bot's).
   * TeamsAppInstallation.ReadWriteSelfForUser.All lets a registration install only the Teams app that names it here.
   */
  readonly graphClientId: string;
  /** The bot's public host name, the manifest's one valid domain. */
  readonly botDomain: string;
}

/** A DNS host name of two labels or more: no scheme, port or path (Teams' validDomains hold bare hosts). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

const packageEnvSchema = z.object({
  MicrosoftAppId: envSchema.shape.MicrosoftAppId,
  TEAMS_APP_ID: guid("the Teams app's id in its manifest"),
  GRAPH_CLIENT_ID: envSchema.shape.GRAPH_CLIENT_ID,
  BOT_DOMAIN: optionalText
    .transform((value) => value?.toLowerCase())
    .refine((value) => value === undefined || HOST_NAME.test(value), "must be the bot's public host name, e.g. corebot.example.org (no https://, port or path)"),
});

export function loadPackageSettingsFromProcess(): AppPackageSettings {
  return loadPackageSettings(processEnv());
}

export function loadPackageSettings(env: Env): AppPackageSettings {
  const problems: string[] = [];
  const vars = parseEach(packageEnvSchema, env, problems);
  const given: (name: keyof typeof packageEnvSchema.shape) => boolean = givenIn(env);
  if (!given('MicrosoftAppId')) problems.push("MicrosoftAppId is missing: the manifest's bot is the bot's Entra application (client) id");
  if (!given('BOT_DOMAIN')) problems.push("BOT_DOMAIN is missing: the manifest's valid domain is the bot's public host name, e.g. corebot.example.org");
  if (problems.length > 0) throw new ConfigError(problems);
  const botId = vars.MicrosoftAppId ?? '';
  return Object.freeze({
    teamsAppId: vars.TEAMS_APP_ID ?? botId,
    botId,
    graphClientId: vars.GRAPH_CLIENT_ID ?? botId,
    botDomain: vars.BOT_DOMAIN ?? '',
  });
}

/** Each variable on its own, so one bad value does not hide the others' problems. Unknown variables are ignored. */
function parseEach<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, env: Env, problems: string[]): Partial<z.infer<z.ZodObject<Shape>>> {
  const vars: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(schema.shape)) {
    const result = variable.safeParse(env[name]);
    if (result.success) vars[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => `${name} ${issue.message}`));
  }
  return vars as Partial<z.infer<z.ZodObject<Shape>>>;
}

function identityFrom(vars: ParsedEnv, given: (name: Variable) => boolean, problems: string[]): BotIdentity {
  const identityGiven = IDENTITY_VARIABLES.filter(given);
  if (identityGiven.length === 0) return { kind: 'anonymous' };

  const missing = (name: (typeof IDENTITY_VARIABLES)[number], why: string) => {
    if (!given(name)) problems.push(`${name} is missing: ${why}`);
  };
  const forbidden = (name: (typeof IDENTITY_VARIABLES)[number], why: string) => {
    if (given(name)) problems.push(`${name} must not be set: ${why}`);
  };
  // An invalid MicrosoftAppType is already reported, and which other variables it needs is unknowable.
  if (given('MicrosoftAppType') && vars.MicrosoftAppType === undefined) return { kind: 'anonymous' };
  const appId = vars.MicrosoftAppId ?? '';
  const tenantId = vars.MicrosoftAppTenantId ?? '';

  switch (vars.MicrosoftAppType) {
    case undefined:
      problems.push(
        `MicrosoftAppType is missing: ${identityGiven.join(', ')} ${identityGiven.length === 1 ? 'is' : 'are'} set, so a bot identity was meant; set SingleTenant or UserAssignedMSI (or unset them all for local anonymous mode)`,
      );
      return { kind: 'anonymous' };
    case 'userassignedmsi':
      missing('MicrosoftAppId', 'UserAssignedMSI needs the managed identity client id');
      missing('MicrosoftAppTenantId', 'UserAssignedMSI needs the tenant id');
      forbidden('MicrosoftAppPassword', 'a managed identity has no secret');
      forbidden('CertificateThumbprint', 'a managed identity has no certificate');
      forbidden('CertificatePrivateKey', 'a managed identity has no certificate');
      return { kind: 'user-assigned-msi', appId, tenantId };
    default: {
      missing('MicrosoftAppId', "SingleTenant needs the bot's Entra application (client) id");
      missing('MicrosoftAppTenantId', "SingleTenant needs the bot's Entra tenant id");
      const usesCertificate = given('CertificateThumbprint') || given('CertificatePrivateKey');
      if (usesCertificate) {
        missing('CertificateThumbprint', 'a certificate credential needs both the thumbprint and the private key');
        missing('CertificatePrivateKey', 'a certificate credential needs both the thumbprint and the private key');
        // botbuilder would silently prefer the certificate; two credentials is a mistake worth naming.
        forbidden('MicrosoftAppPassword', 'choose a client secret or a certificate, not both');
        return {
          kind: 'single-tenant',
          appId,
          tenantId,
          credential: { kind: 'certificate', thumbprint: vars.CertificateThumbprint ?? '', privateKey: new Secret(vars.CertificatePrivateKey ?? '') },
        };
      }
      missing('MicrosoftAppPassword', 'SingleTenant needs a client secret, or CertificateThumbprint and CertificatePrivateKey');
      return { kind: 'single-tenant', appId, tenantId, credential: { kind: 'secret', secret: new Secret(vars.MicrosoftAppPassword ?? '') } };
    }
  }
}

function serverFrom(vars: ParsedEnv, identity: BotIdentity, problems: string[]): AppConfig['server'] {
  const port = vars.PORT ?? DEFAULT_PORT;
  if (identity.kind !== 'anonymous') return { host: vars.BIND_HOST ?? PUBLIC_HOST, port };
  const host = vars.BIND_HOST ?? LOOPBACK_HOST;
  if (!isLoopback(host)) {
    problems.push(
      `BIND_HOST=${host} is refused: with no bot identity every request is accepted unauthenticated, so the bot only listens on a loopback address (127.0.0.1 or ::1); configure MicrosoftAppType and its credentials to listen elsewhere`,
    );
  }
  return { host, port };
}

function allowedTenantsFrom(vars: ParsedEnv, identity: BotIdentity): AppConfig['allowedTenantIds'] {
  if (vars.ALLOWED_TENANT_IDS !== undefined && vars.ALLOWED_TENANT_IDS.length > 0) return [...new Set(vars.ALLOWED_TENANT_IDS.map((id) => id.toLowerCase()))];
  return identity.kind === 'anonymous' ? 'any' : [identity.tenantId.toLowerCase()];
}

function storageFrom(vars: ParsedEnv, identity: BotIdentity, problems: string[]): StorageSettings {
  const tablePrefix = vars.TABLE_PREFIX ?? DEFAULT_TABLE_PREFIX;
  if (vars.STORAGE_CONNECTION_STRING !== undefined && vars.STORAGE_ACCOUNT_URL !== undefined) {
    problems.push('STORAGE_CONNECTION_STRING and STORAGE_ACCOUNT_URL are both set: choose one');
  }
  const accountUrl = vars.STORAGE_ACCOUNT_URL;
  if (accountUrl === undefined) {
    for (const name of SERVICE_URL_VARIABLES) {
      if (vars[name] !== undefined) problems.push(`${name} is set without STORAGE_ACCOUNT_URL: the queues and the job leases live in the tables' account`);
    }
  }
  const configured = vars.STORAGE_CONNECTION_STRING !== undefined || accountUrl !== undefined;
  if (configured && vars.LOCAL_DATA_DIR !== undefined) problems.push('LOCAL_DATA_DIR is set with configured storage: it is only the embedded Azurite\'s folder');
  if (vars.STORAGE_CONNECTION_STRING !== undefined) return { kind: 'connection-string', connectionString: vars.STORAGE_CONNECTION_STRING, tablePrefix };
  if (accountUrl === undefined) return { kind: 'embedded', dataDir: vars.LOCAL_DATA_DIR ?? EMBEDDED_DATA_DIR, tablePrefix };
  const endpoint = (name: (typeof SERVICE_URL_VARIABLES)[number], service: 'queue' | 'blob') => {
    const url = vars[name] ?? serviceUrlBeside(accountUrl, service);
    if (url === undefined) problems.push(`${name} is missing: it cannot be worked out from STORAGE_ACCOUNT_URL=${accountUrl}, which is not an Azure table endpoint`);
    return url ?? '';
  };
  return {
    kind: 'account-url',
    accountUrl,
    queueUrl: endpoint('STORAGE_QUEUE_URL', 'queue'),
    blobUrl: endpoint('STORAGE_BLOB_URL', 'blob'),
    tablePrefix,
    // A bot that is a user-assigned managed identity reaches its storage as that identity too: no second setting.
    ...(identity.kind === 'user-assigned-msi' && { managedIdentityClientId: identity.appId }),
  };
}

/** The queue and blob endpoints, needed only beside STORAGE_ACCOUNT_URL (a connection string names its own). */
const SERVICE_URL_VARIABLES = ['STORAGE_QUEUE_URL', 'STORAGE_BLOB_URL'] as const;

const GRAPH_VARIABLES = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_URL'] as const;

function graphFrom(vars: ParsedEnv, given: (name: Variable) => boolean, identity: BotIdentity, problems: string[]): GraphSettings {
  if (!given('GRAPH_TEAMS_APP_ID')) {
    const stray = GRAPH_VARIABLES.filter(given);
    if (stray.length > 0) problems.push(`GRAPH_TEAMS_APP_ID is missing: ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set, so Graph was meant; give the app's catalog id (or unset them)`);
    return { kind: 'off' };
  }
  const own = identity.kind === 'anonymous' ? undefined : identity;
  const tenantId = vars.GRAPH_TENANT_ID ?? own?.tenantId;
  const clientId = vars.GRAPH_CLIENT_ID ?? own?.appId;
  if (tenantId === undefined) problems.push('GRAPH_TENANT_ID is missing: without a bot identity, Graph needs the tenant its tokens come from');
  if (clientId === undefined) problems.push('GRAPH_CLIENT_ID is missing: without a bot identity, Graph needs an app registration of its own');
  const credential = graphCredentialFrom(vars, clientId ?? '', own, problems);
  return { kind: 'on', url: (vars.GRAPH_URL ?? DEFAULT_GRAPH_URL).replace(/\/+$/, ''), teamsAppId: vars.GRAPH_TEAMS_APP_ID ?? '', tenantId: tenantId ?? '', credential };
}

/** GRAPH_CLIENT_SECRET if given; else the bot's own secret or managed identity, when Graph's client is the bot. */
function graphCredentialFrom(vars: ParsedEnv, clientId: string, own: Exclude<BotIdentity, { kind: 'anonymous' }> | undefined, problems: string[]): GraphCredential {
  if (vars.GRAPH_CLIENT_SECRET !== undefined) return { kind: 'secret', clientId, secret: new Secret(vars.GRAPH_CLIENT_SECRET) };
  const sameApp = own !== undefined && own.appId === clientId;
  if (sameApp && own.kind === 'user-assigned-msi') return { kind: 'managed-identity', clientId };
  if (sameApp && own.kind === 'single-tenant' && own.credential.kind === 'secret') return { kind: 'secret', clientId, secret: own.credential.secret };
  if (clientId !== '') {
    problems.push(
      sameApp
        ? "GRAPH_CLIENT_SECRET is missing: the bot's certificate is not used for Graph; give a client secret of the bot's app registration"
        : 'GRAPH_CLIENT_SECRET is missing: GRAPH_CLIENT_ID names another app registration, so give its client secret',
    );
  }
  return { kind: 'secret', clientId, secret: new Secret('') };
}

/** The same account's queue or blob endpoint: https://<account>.table.core.windows.net → https://<account>.queue.core.windows.net. */
function serviceUrlBeside(tableUrl: string, other: 'queue' | 'blob'): string | undefined {
  const url = new URL(tableUrl);
  const [account, service, ...domain] = url.hostname.split('.');
  if (account === undefined || service !== 'table' || domain.length === 0) return undefined;
  url.hostname = [account, other, ...domain].join('.');
  return url.toString().replace(/\/$/, '');
}

/** Literal loopback addresses only: a name such as "localhost" is whatever the hosts file says it is. */
export function isLoopback(host: string): boolean {
  return host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Secret) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
