import { sweepSettingsSchema } from '../../src/sweep/index.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadPackageSettings, type Env } from '../../src/config.js';

const APP_ID = '22222222-2222-4222-8222-222222222222';
const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '33333333-3333-4333-8333-333333333333';
const THUMBPRINT = 'A'.repeat(40);
const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----';
const SECRET = 'super-secret-value';

const singleTenant: Env = { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: SECRET };

/** The problems a ConfigError lists, one per line. */
function problemsOf(env: Env): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig: defaults and anonymous development mode', () => {
  it('with nothing set runs anonymous on loopback with embedded storage', () => {
    expect(loadConfig({})).toEqual({
      identity: { kind: 'anonymous' },
      server: { host: '127.0.0.1', port: 3978 },
      allowedTenantIds: 'any',
      storage: { kind: 'embedded', dataDir: '.data/azurite', tablePrefix: 'cg' },
      policyFile: undefined,
      closureDays: [],
      staffAdmins: [],
      graph: { kind: 'off' },
      sweep: { intervalMinutes: 15, secret: undefined, settings: sweepSettingsSchema.parse({}) },
    });
  });

  it('keeps the embedded Azurite in LOCAL_DATA_DIR when given', () => {
    expect(loadConfig({ LOCAL_DATA_DIR: ' .data/second ' }).storage).toEqual({ kind: 'embedded', dataDir: '.data/second', tablePrefix: 'cg' });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ MicrosoftAppId: '  ', MicrosoftAppType: '', PORT: '' }).identity).toEqual({ kind: 'anonymous' });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ ALLOWED_TENANT_IDS: TENANT });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.allowedTenantIds)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', 'localhost', 'bot.example.org'])('refuses BIND_HOST=%s without a bot identity', (host) => {
    const problems = problemsOf({ BIND_HOST: host });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^BIND_HOST=${host.replace(/\./g, '\\.')} is refused: with no bot identity`));
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1'])('accepts the loopback address %s in anonymous mode', (host) => {
    expect(loadConfig({ BIND_HOST: host }).server.host).toBe(host);
  });

  it('enforces an explicit tenant allow-list in anonymous mode too', () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: `${TENANT}, ${OTHER_TENANT.toUpperCase()},${TENANT}` }).allowedTenantIds).toEqual([TENANT, OTHER_TENANT]);
  });
});

describe('loadConfig: bot identities', () => {
  it('SingleTenant with a secret listens publicly and allows its own tenant', () => {
    const config = loadConfig(singleTenant);
    expect(config.identity).toMatchObject({ kind: 'single-tenant', appId: APP_ID, tenantId: TENANT, credential: { kind: 'secret' } });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 3978 });
    expect(config.allowedTenantIds).toEqual([TENANT]);
  });

  it('SingleTenant with a certificate turns \\n escapes in the key into newlines', () => {
    const { identity } = loadConfig({ ...singleTenant, MicrosoftAppPassword: undefined, CertificateThumbprint: THUMBPRINT, CertificatePrivateKey: PRIVATE_KEY });
    expect(identity.kind === 'single-tenant' && identity.credential.kind === 'certificate' && identity.credential.privateKey.reveal()).toBe(
      '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
    );
  });

  it('UserAssignedMSI needs only the client id and tenant; the type is case-insensitive', () => {
    expect(loadConfig({ MicrosoftAppType: 'userassignedmsi', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }).identity).toEqual({
      kind: 'user-assigned-msi',
      appId: APP_ID,
      tenantId: TENANT,
    });
  });

  it('an explicit allow-list replaces the default one', () => {
    expect(loadConfig({ ...singleTenant, ALLOWED_TENANT_IDS: OTHER_TENANT }).allowedTenantIds).toEqual([OTHER_TENANT]);
  });

  it('never shows a secret in JSON, in util.inspect or in an error', () => {
    const config = loadConfig(singleTenant);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(String(config.identity.kind === 'single-tenant' && config.identity.credential.kind === 'secret' && config.identity.credential.secret)).toBe('[redacted]');
    expect(problemsOf({ ...singleTenant, CertificateThumbprint: THUMBPRINT }).join('\n')).not.toContain(SECRET);
  });
});

describe('loadConfig: a partial identity names everything that is missing', () => {
  const cases: ReadonlyArray<readonly [string, Env, readonly RegExp[]]> = [
    ['only an app id', { MicrosoftAppId: APP_ID }, [/^MicrosoftAppType is missing: MicrosoftAppId is set/]],
    ['only a secret', { MicrosoftAppPassword: SECRET }, [/^MicrosoftAppType is missing: MicrosoftAppPassword is set/]],
    ['an app id and tenant but no type', { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }, [/^MicrosoftAppType is missing: MicrosoftAppId, MicrosoftAppTenantId are set/]],
    [
      'only the type SingleTenant',
      { MicrosoftAppType: 'SingleTenant' },
      [/^MicrosoftAppId is missing/, /^MicrosoftAppTenantId is missing/, /^MicrosoftAppPassword is missing: SingleTenant needs a client secret, or CertificateThumbprint/],
    ],
    ['SingleTenant without a tenant or secret', { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID }, [/^MicrosoftAppTenantId is missing/, /^MicrosoftAppPassword is missing/]],
    ['SingleTenant without a secret', { ...singleTenant, MicrosoftAppPassword: undefined }, [/^MicrosoftAppPassword is missing/]],
    ['SingleTenant without a tenant', { ...singleTenant, MicrosoftAppTenantId: undefined }, [/^MicrosoftAppTenantId is missing/]],
    ['SingleTenant without an app id', { ...singleTenant, MicrosoftAppId: undefined }, [/^MicrosoftAppId is missing/]],
    [
      'a certificate thumbprint without its key',
      { ...singleTenant, MicrosoftAppPassword: undefined, CertificateThumbprint: THUMBPRINT },
      [/^CertificatePrivateKey is missing: a certificate credential needs both/],
    ],
    ['a certificate key without its thumbprint', { ...singleTenant, MicrosoftAppPassword: undefined, CertificatePrivateKey: PRIVATE_KEY }, [/^CertificateThumbprint is missing/]],
    [
      'both a secret and a certificate',
      { ...singleTenant, CertificateThumbprint: THUMBPRINT, CertificatePrivateKey: PRIVATE_KEY },
      [/^MicrosoftAppPassword must not be set: choose a client secret or a certificate, not both/],
    ],
    ['only the type UserAssignedMSI', { MicrosoftAppType: 'UserAssignedMSI' }, [/^MicrosoftAppId is missing: UserAssignedMSI/, /^MicrosoftAppTenantId is missing: UserAssignedMSI/]],
    [
      'UserAssignedMSI with a secret and a certificate',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: SECRET, CertificateThumbprint: THUMBPRINT },
      [/^MicrosoftAppPassword must not be set: a managed identity has no secret/, /^CertificateThumbprint must not be set/],
    ],
    ['MultiTenant', { ...singleTenant, MicrosoftAppType: 'MultiTenant' }, [/^MicrosoftAppType must be SingleTenant or UserAssignedMSI/]],
  ];

  it.each(cases)('%s', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(expected.length);
    for (const [index, pattern] of expected.entries()) expect(problems[index]).toMatch(pattern);
  });
});

describe('loadConfig: invalid values', () => {
  const cases: ReadonlyArray<readonly [string, Env, RegExp]> = [
    ['an app id that is not a GUID', { ...singleTenant, MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId must be the bot's Entra application \(client\) id \(a GUID\)$/],
    ['a tenant id that is not a GUID', { ...singleTenant, MicrosoftAppTenantId: 'contoso.onmicrosoft.com' }, /^MicrosoftAppTenantId must be/],
    ['a short thumbprint', { ...singleTenant, MicrosoftAppPassword: undefined, CertificateThumbprint: 'abc', CertificatePrivateKey: PRIVATE_KEY }, /^CertificateThumbprint must be a 40-character/],
    ['a private key that is not PEM', { ...singleTenant, MicrosoftAppPassword: undefined, CertificateThumbprint: THUMBPRINT, CertificatePrivateKey: 'abc' }, /^CertificatePrivateKey must be a PEM/],
    ['a port that is not a number', { PORT: 'http' }, /^PORT must be a port number$/],
    ['a port out of range', { PORT: '70000' }, /^PORT must be 0–65535$/],
    ['a fractional port', { PORT: '3978.5' }, /^PORT must be a whole number$/],
    ['a tenant list with a name in it', { ALLOWED_TENANT_IDS: `${TENANT},contoso` }, /^ALLOWED_TENANT_IDS must be a comma-separated list/],
    ['both storage settings', { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', STORAGE_ACCOUNT_URL: 'https://a.table.core.windows.net' }, /^STORAGE_CONNECTION_STRING and STORAGE_ACCOUNT_URL are both set/],
    ['a storage URL that is not a URL', { STORAGE_ACCOUNT_URL: 'my-account' }, /^STORAGE_ACCOUNT_URL must be an http\(s\) URL/],
    ['a connection string that is not one', { STORAGE_CONNECTION_STRING: 'hello' }, /^STORAGE_CONNECTION_STRING must be an Azure Storage connection string/],
    ['a local data folder beside configured storage', { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', LOCAL_DATA_DIR: '/srv/bot' }, /^LOCAL_DATA_DIR is set with configured storage: it is only the embedded Azurite's folder$/],
    ['a table prefix starting with a digit', { TABLE_PREFIX: '1bot' }, /^TABLE_PREFIX must be letters and digits/],
    ['closure days that are not dates', { CLOSURE_DAYS: '2026-12-24,2026-02-30,25/12/2026' }, /^CLOSURE_DAYS must be dates in the form YYYY-MM-DD; not dates: 2026-02-30, 25\/12\/2026$/],
  ];

  it.each(cases)('names %s', (_name, env, pattern) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it('names every problem in one error, invalid and missing alike', () => {
    const error = (() => {
      try {
        return loadConfig({ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'nope', PORT: 'x', CLOSURE_DAYS: 'soon', BIND_HOST: '0.0.0.0' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['MicrosoftAppId must be', 'PORT must be', 'CLOSURE_DAYS must be', 'MicrosoftAppTenantId is missing', 'MicrosoftAppPassword is missing']) {
      expect(message).toContain(name);
    }
    // With an identity meant, a public BIND_HOST is not the problem.
    expect(message).not.toContain('BIND_HOST');
  });
});

describe('loadConfig: storage, policy and calendar', () => {
  it('uses a connection string or an account URL, with the table prefix', () => {
    expect(loadConfig({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', TABLE_PREFIX: 'test1' }).storage).toEqual({
      kind: 'connection-string',
      connectionString: 'UseDevelopmentStorage=true',
      tablePrefix: 'test1',
    });
    expect(loadConfig({ STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }).storage).toEqual({
      kind: 'account-url',
      accountUrl: 'https://acct.table.core.windows.net',
      queueUrl: 'https://acct.queue.core.windows.net',
      blobUrl: 'https://acct.blob.core.windows.net',
      tablePrefix: 'cg',
    });
  });

  it('reaches the account as the bot\'s own user-assigned identity when the bot is one, and leaves the choice to DefaultAzureCredential otherwise', () => {
    const account = { STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' };
    expect(loadConfig({ ...account, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }).storage).toMatchObject({
      kind: 'account-url',
      managedIdentityClientId: APP_ID,
    });
    expect(loadConfig({ ...account, MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: SECRET }).storage).not.toHaveProperty('managedIdentityClientId');
  });

  it('takes the queue and blob endpoints as given, or refuses one it cannot work out or that has no account', () => {
    const given = { STORAGE_ACCOUNT_URL: 'https://tables.example.org', STORAGE_QUEUE_URL: 'https://queues.example.org', STORAGE_BLOB_URL: 'https://blobs.example.org' };
    expect(loadConfig(given).storage).toEqual({
      kind: 'account-url',
      accountUrl: 'https://tables.example.org',
      queueUrl: 'https://queues.example.org',
      blobUrl: 'https://blobs.example.org',
      tablePrefix: 'cg',
    });
    expect(problemsOf({ STORAGE_ACCOUNT_URL: 'https://tables.example.org' })).toEqual([
      'STORAGE_QUEUE_URL is missing: it cannot be worked out from STORAGE_ACCOUNT_URL=https://tables.example.org, which is not an Azure table endpoint',
      'STORAGE_BLOB_URL is missing: it cannot be worked out from STORAGE_ACCOUNT_URL=https://tables.example.org, which is not an Azure table endpoint',
    ]);
    expect(problemsOf({ STORAGE_ACCOUNT_URL: 'https://tables.example.org', STORAGE_QUEUE_URL: 'https://queues.example.org' })).toEqual([
      'STORAGE_BLOB_URL is missing: it cannot be worked out from STORAGE_ACCOUNT_URL=https://tables.example.org, which is not an Azure table endpoint',
    ]);
    expect(problemsOf({ STORAGE_QUEUE_URL: 'https://acct.queue.core.windows.net', STORAGE_BLOB_URL: 'https://acct.blob.core.windows.net' })).toEqual([
      "STORAGE_QUEUE_URL is set without STORAGE_ACCOUNT_URL: the queues and the job leases live in the tables' account",
      "STORAGE_BLOB_URL is set without STORAGE_ACCOUNT_URL: the queues and the job leases live in the tables' account",
    ]);
    expect(problemsOf({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', STORAGE_BLOB_URL: 'https://acct.blob.core.windows.net' })).toEqual([
      "STORAGE_BLOB_URL is set without STORAGE_ACCOUNT_URL: the queues and the job leases live in the tables' account",
    ]);
    expect(problemsOf({ STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net', STORAGE_BLOB_URL: 'blobs' })).toEqual([
      'STORAGE_BLOB_URL must be an http(s) URL such as https://<account>.blob.core.windows.net',
    ]);
  });

  it('passes the policy file path through and sorts closure days without repeats', () => {
    const config = loadConfig({ POLICY_FILE: ' ./policy.json ', CLOSURE_DAYS: '2026-12-29, 2026-12-24,2026-12-29' });
    expect(config.policyFile).toBe('./policy.json');
    expect(config.closureDays).toEqual(['2026-12-24', '2026-12-29']);
  });

  it('reads the staff administrators as lower-case object ids without repeats', () => {
    const admin = 'AAAAAAAA-0000-4000-8000-000000000001';
    expect(loadConfig({ STAFF_ADMINS: ` ${admin}, ${admin.toLowerCase()},${APP_ID} ` }).staffAdmins).toEqual([admin.toLowerCase(), APP_ID]);
  });

  it('refuses staff administrators given by name or email, naming them', () => {
    expect(problemsOf({ STAFF_ADMINS: `${APP_ID},megan@example.org,Megan Bowen` })).toEqual([
      'STAFF_ADMINS must be Entra object ids (GUIDs), comma-separated; not object ids: megan@example.org, Megan Bowen',
    ]);
  });
});

describe('loadConfig: Microsoft Graph, for installing the app for members without it', () => {
  const CATALOG_APP = '44444444-4444-4444-8444-444444444444';
  const GRAPH_APP = '55555555-5555-4555-8555-555555555555';

  it("is off unless the app's catalog id is given, and names a Graph variable set without it", () => {
    expect(loadConfig(singleTenant).graph).toEqual({ kind: 'off' });
    expect(problemsOf({ ...singleTenant, GRAPH_CLIENT_SECRET: 'x' })).toEqual([
      "GRAPH_TEAMS_APP_ID is missing: GRAPH_CLIENT_SECRET is set, so Graph was meant; give the app's catalog id (or unset them)",
    ]);
  });

  it("uses the bot's own app registration and secret by default, on the public cloud's Graph", () => {
    const { graph } = loadConfig({ ...singleTenant, GRAPH_TEAMS_APP_ID: CATALOG_APP });
    expect(graph).toMatchObject({ kind: 'on', url: 'https://graph.microsoft.com/v1.0', teamsAppId: CATALOG_APP, tenantId: TENANT, credential: { kind: 'secret', clientId: APP_ID } });
    expect(graph.kind === 'on' && graph.credential.kind === 'secret' && graph.credential.secret.reveal()).toBe(SECRET);
    expect(JSON.stringify(graph)).not.toContain(SECRET);
  });

  it("uses the bot's managed identity when the bot has one", () => {
    const msi: Env = { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, GRAPH_TEAMS_APP_ID: CATALOG_APP };
    expect(loadConfig(msi).graph).toMatchObject({ kind: 'on', credential: { kind: 'managed-identity', clientId: APP_ID } });
  });

  it('takes another app registration, tenant and Graph root when given (a trailing slash dropped)', () => {
    const { graph } = loadConfig({ GRAPH_TEAMS_APP_ID: CATALOG_APP, GRAPH_TENANT_ID: OTHER_TENANT, GRAPH_CLIENT_ID: GRAPH_APP, GRAPH_CLIENT_SECRET: 'graph-secret', GRAPH_URL: 'http://127.0.0.1:9999/v1.0/' });
    expect(graph).toMatchObject({ kind: 'on', url: 'http://127.0.0.1:9999/v1.0', tenantId: OTHER_TENANT, credential: { kind: 'secret', clientId: GRAPH_APP } });
  });

  it('names what is missing: a tenant and client without a bot identity, a secret for another registration or beside a certificate', () => {
    expect(problemsOf({ GRAPH_TEAMS_APP_ID: CATALOG_APP })).toEqual([
      'GRAPH_TENANT_ID is missing: without a bot identity, Graph needs the tenant its tokens come from',
      'GRAPH_CLIENT_ID is missing: without a bot identity, Graph needs an app registration of its own',
    ]);
    expect(problemsOf({ ...singleTenant, GRAPH_TEAMS_APP_ID: CATALOG_APP, GRAPH_CLIENT_ID: GRAPH_APP })).toEqual([
      'GRAPH_CLIENT_SECRET is missing: GRAPH_CLIENT_ID names another app registration, so give its client secret',
    ]);
    const certificate: Env = { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, CertificateThumbprint: THUMBPRINT, CertificatePrivateKey: PRIVATE_KEY };
    expect(problemsOf({ ...certificate, GRAPH_TEAMS_APP_ID: CATALOG_APP })).toEqual([
      "GRAPH_CLIENT_SECRET is missing: the bot's certificate is not used for Graph; give a client secret of the bot's app registration",
    ]);
    expect(problemsOf({ ...singleTenant, GRAPH_TEAMS_APP_ID: 'my-app', GRAPH_URL: 'graph.microsoft.com' })).toEqual([
      "GRAPH_TEAMS_APP_ID must be the Teams app's id in the organisation's app catalog (a GUID)",
      'GRAPH_URL must be an http(s) URL such as https://graph.microsoft.com/v1.0',
    ]);
  });
});

describe('loadConfig: the sweep', () => {
  const SWEEP_SECRET = 'k'.repeat(32);

  it('sweeps every 15 minutes with the endpoint off unless told otherwise', () => {
    expect(loadConfig({}).sweep).toEqual({ intervalMinutes: 15, secret: undefined, settings: sweepSettingsSchema.parse({}) });
    expect(loadConfig({ SWEEP_INTERVAL_MINUTES: ' 0 ' }).sweep.intervalMinutes).toBe(0);
    expect(loadConfig({ SWEEP_INTERVAL_MINUTES: '1440' }).sweep.intervalMinutes).toBe(1440);
  });

  it('keeps a secret of 32 characters or more as a Secret that never shows its value', () => {
    const { secret } = loadConfig({ SWEEP_SECRET: ` ${SWEEP_SECRET} ` }).sweep;
    expect(secret?.reveal()).toBe(SWEEP_SECRET);
    expect(JSON.stringify(loadConfig({ SWEEP_SECRET }).sweep.secret)).toBe('"[redacted]"');
  });

  it('refuses a shorter secret without echoing it', () => {
    const problems = problemsOf({ SWEEP_SECRET: 'k'.repeat(31) });
    expect(problems).toEqual(['SWEEP_SECRET must be at least 32 characters (a random string, e.g. `openssl rand -base64 32`)']);
  });

  it.each([
    ['-1', 'SWEEP_INTERVAL_MINUTES must be 0 (off) to 1440 minutes'],
    ['1441', 'SWEEP_INTERVAL_MINUTES must be 0 (off) to 1440 minutes'],
    ['7.5', 'SWEEP_INTERVAL_MINUTES must be a whole number of minutes'],
    ['often', 'SWEEP_INTERVAL_MINUTES must be a number of minutes'],
  ])('refuses SWEEP_INTERVAL_MINUTES=%s', (value, problem) => {
    expect(problemsOf({ SWEEP_INTERVAL_MINUTES: value })).toEqual([problem]);
  });

  it('takes the sweep settings as JSON, each left out at its default', () => {
    const { settings } = loadConfig({ SWEEP_SETTINGS: '{"unansweredInvitation":[5,2],"digestAt":"09:00"}' }).sweep;
    expect(settings).toEqual({ ...sweepSettingsSchema.parse({}), unansweredInvitation: [5, 2], digestAt: '09:00' });
  });

  it.each([
    ['{"digestAt":', 'SWEEP_SETTINGS must be JSON, e.g. {"unansweredInvitation":[3,1],"sendWindow":{"opens":"08:00","closes":"18:00"},"digestAt":"08:30"}'],
    ['{"digestAt":"9am"}', 'SWEEP_SETTINGS digestAt must be a time of day such as 08:30'],
    ['{"unansweredInvitation":[3,3]}', 'SWEEP_SETTINGS unansweredInvitation each number of working days once'],
    ['{"digestAt":"19:00"}', 'SWEEP_SETTINGS digestAt digests must go inside the send window'],
    ['{"reminders":[3]}', "SWEEP_SETTINGS settings Unrecognized key(s) in object: 'reminders'"],
  ])('refuses SWEEP_SETTINGS=%s, saying why', (value, problem) => {
    expect(problemsOf({ SWEEP_SETTINGS: value })).toEqual([problem]);
  });
});

describe('loadPackageSettings: what npm run package fills the manifest with', () => {
  const GRAPH_CLIENT = '44444444-4444-4444-8444-444444444444';
  const TEAMS_APP = '55555555-5555-4555-8555-555555555555';
  const packageProblems = (env: Env): readonly string[] => {
    try {
      loadPackageSettings(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('expected the package settings to be refused');
  };

  it("needs only the bot's id and host: the Teams app and Graph's registration default to the bot's", () => {
    expect(loadPackageSettings({ MicrosoftAppId: APP_ID, BOT_DOMAIN: ' CoreBot.Example.org ' })).toEqual({
      teamsAppId: APP_ID,
      botId: APP_ID,
      graphClientId: APP_ID,
      botDomain: 'corebot.example.org',
    });
  });

  it('takes TEAMS_APP_ID and GRAPH_CLIENT_ID when given, and ignores what the bot needs but the package does not', () => {
    const env = { ...singleTenant, BOT_DOMAIN: 'corebot.example.org', TEAMS_APP_ID: TEAMS_APP, GRAPH_CLIENT_ID: GRAPH_CLIENT, PORT: 'not a port' };
    expect(loadPackageSettings(env)).toEqual({ teamsAppId: TEAMS_APP, botId: APP_ID, graphClientId: GRAPH_CLIENT, botDomain: 'corebot.example.org' });
  });

  it('names the missing bot id and host in one error', () => {
    expect(packageProblems({ BOT_DOMAIN: '  ' })).toEqual([
      "MicrosoftAppId is missing: the manifest's bot is the bot's Entra application (client) id",
      "BOT_DOMAIN is missing: the manifest's valid domain is the bot's public host name, e.g. corebot.example.org",
    ]);
  });

  it.each(['https://corebot.example.org', 'corebot.example.org/api/messages', 'corebot.example.org:443', 'localhost', 'core_bot.example.org'])(
    'refuses BOT_DOMAIN=%s, which is not a bare public host name',
    (value) => {
      expect(packageProblems({ MicrosoftAppId: APP_ID, BOT_DOMAIN: value })).toEqual([
        "BOT_DOMAIN must be the bot's public host name, e.g. corebot.example.org (no https://, port or path)",
      ]);
    },
  );

  it('refuses ids that are not GUIDs, each named', () => {
    expect(packageProblems({ MicrosoftAppId: 'core-group-bot', TEAMS_APP_ID: '42', GRAPH_CLIENT_ID: 'x', BOT_DOMAIN: 'corebot.example.org' })).toEqual([
      "MicrosoftAppId must be the bot's Entra application (client) id (a GUID)",
      "TEAMS_APP_ID must be the Teams app's id in its manifest (a GUID)",
      'GRAPH_CLIENT_ID must be the Entra application (client) id Graph tokens are issued to (a GUID)',
    ]);
  });
});
