import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import { sendToPerson } from '../../bot/notify/oneToOne.js';
import { createSender } from '../../bot/notify/sender.js';
import { Secret, type BotIdentity } from '../../src/config.js';
import { MemoryRefs } from '../support/memoryRefs.js';
import { recordingLogger } from '../support/recordingLogger.js';
import { FOREIGN_TENANT, MEMBER, postActivity, TENANT, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { KEY_ID, startLocalIssuer, type LocalIssuer } from './localIssuer.js';
import { startTestBot, type TestBot } from './testBot.js';
import { testTables } from '../setup/tables.js';
import { cardIn, sentencesOf } from '../support/cards.js';

const APP_ID = '22222222-2222-4222-8222-222222222222';
const ISSUER = 'https://api.botframework.test';
/** What the bot puts on its outbound calls; Entra is out of reach, so the test hands the token out. */
const OUTBOUND_TOKEN = 'outbound-test-token';

/**
 * botbuilder's own SingleTenant credential factory (so the audience check stays botbuilder's), except that the
 * outbound credentials sign requests with a fixed token instead of asking Entra for one.
 */
class LocalOutboundCredentials extends ConfigurationServiceClientCredentialFactory {
  constructor() {
    super({ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'unused', MicrosoftAppTenantId: TENANT });
  }

  override async createCredentials(appId: string): ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']> {
    if (!(await this.isValidAppId(appId))) throw new Error(`unexpected app id ${appId}`);
    return {
      signRequest: async (request) => {
        request.headers.set('authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return request;
      },
    };
  }
}

describe('Bot Framework JWT authentication and the tenant allow-list', () => {
  let issuer: LocalIssuer;
  let connector: FakeConnector;
  let bot: TestBot;
  const refs = new MemoryRefs();
  const log = recordingLogger();
  const identity: BotIdentity = {
    kind: 'single-tenant',
    appId: APP_ID,
    tenantId: TENANT,
    credential: { kind: 'secret', secret: new Secret('unused') },
  };

  beforeAll(async () => {
    issuer = await startLocalIssuer(ISSUER);
    connector = await startFakeConnector();
    bot = await startTestBot({
      tables: await testTables('jwt'),
      identity,
      overrides: {
        trust: { openIdMetadataUrl: issuer.openIdMetadataUrl, tokenIssuer: ISSUER },
        credentialsFactory: new LocalOutboundCredentials(),
      },
      allowedTenantIds: [TENANT],
      refs,
      log,
    });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await issuer?.close();
  });

  beforeEach(() => {
    connector.reset();
    refs.byPerson.clear();
    refs.writes = 0;
    bot.calls.length = 0;
    log.entries.length = 0;
  });

  const message = (overrides: { tenantId?: string; channelId?: string } = {}) => teamsMessage('my cases', { serviceUrl: connector.serviceUrl, ...overrides });
  const validClaims = () => ({ iss: ISSUER, aud: APP_ID, serviceurl: connector.serviceUrl });

  /** Refused for the reason given (botbuilder's own message), and nothing reached the connector, the store or a port. */
  function expectRefused(event: 'auth.refused' | 'tenant.refused', reason: RegExp) {
    const refusals = log.entries.filter((entry) => entry.event === event);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(String(refusal.fields.message ?? refusal.fields.reason)).toMatch(reason);
    expect(connector.hits()).toBe(0);
    expect(refs.writes).toBe(0);
    expect(bot.calls).toEqual([]);
  }

  it('accepts a valid channel token, runs the turn and replies with its own outbound token', async () => {
    const response = await postActivity(bot.url, message(), `Bearer ${await issuer.sign(validClaims())}`);
    expect(response.status).toBe(200);
    expect(bot.calls.map((call) => call.method)).toEqual(['timelines.forActor']);
    const [reply] = connector.sentMessages();
    expect(reply?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(sentencesOf(cardIn(reply?.body))[0]).toBe('Your cases');
    expect(refs.writes).toBe(1);
    expect(issuer.fetches()).toBeGreaterThanOrEqual(2); // metadata and keys came from the local issuer
  });

  it('refuses a request with no Authorization header', async () => {
    expect((await postActivity(bot.url, message())).status).toBe(401);
    expectRefused('auth.refused', /Unauthorized Access/);
  });

  it('refuses a malformed bearer token', async () => {
    expect((await postActivity(bot.url, message(), 'Bearer not.a.token')).status).toBe(401);
    expect((await postActivity(bot.url, message(), `Basic ${await issuer.sign(validClaims())}`)).status).toBe(401);
    expectRefused('auth.refused', /No valid identity/);
  });

  it('refuses an expired token (beyond the five minutes of clock skew botbuilder allows)', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await postActivity(bot.url, message(), `Bearer ${await issuer.sign(validClaims(), { expiresAt })}`)).status).toBe(401);
    expectRefused('auth.refused', /expired/);
  });

  it('refuses a token for another bot (wrong audience)', async () => {
    const token = await issuer.sign({ ...validClaims(), aud: '33333333-3333-4333-8333-333333333333' });
    expect((await postActivity(bot.url, message(), `Bearer ${token}`)).status).toBe(401);
    expectRefused('auth.refused', /Invalid AppId/);
  });

  it('refuses a token from another issuer', async () => {
    const token = await issuer.sign({ ...validClaims(), iss: 'https://sts.windows.net/attacker/' });
    expect((await postActivity(bot.url, message(), `Bearer ${token}`)).status).toBe(401);
    expectRefused('auth.refused', /No valid identity/);
  });

  /** A token's three parts, the signature replaced: what an attacker without the key can make. */
  const resigned = (token: string, header: Record<string, unknown> | undefined, signature: string): string => {
    const [protectedHeader = '', payload = ''] = token.split('.');
    return [header ? Buffer.from(JSON.stringify(header)).toString('base64url') : protectedHeader, payload, signature].join('.');
  };

  it('refuses an unsigned token (alg "none", under the trusted key id) and a signed one with its signature stripped', async () => {
    const token = await issuer.sign(validClaims());
    const unsigned = resigned(token, { alg: 'none', kid: KEY_ID, typ: 'JWT' }, '');
    const stripped = resigned(token, undefined, '');
    for (const forged of [unsigned, stripped]) expect((await postActivity(bot.url, message(), `Bearer ${forged}`)).status).toBe(401);
    expectRefused('auth.refused', /^jwt signature is required$/);
  });

  it('refuses a token signed with a shared secret (HS256, the algorithm-confusion attack) under the trusted key id', async () => {
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'HS256', kid: KEY_ID, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a secret the attacker chose'));
    expect((await postActivity(bot.url, message(), `Bearer ${token}`)).status).toBe(401);
    expectRefused('auth.refused', /^invalid algorithm$/);
  });

  it('refuses a token signed by another key under the trusted key id (bad signature)', async () => {
    const { privateKey: forgedKey } = await generateKeyPair('RS256');
    const token = await issuer.sign(validClaims(), { key: forgedKey });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(KEY_ID);
    expect((await postActivity(bot.url, message(), `Bearer ${token}`)).status).toBe(401);
    expectRefused('auth.refused', /invalid signature/);
  });

  it('refuses a token issued for a different serviceUrl than the activity claims', async () => {
    const token = await issuer.sign({ ...validClaims(), serviceurl: 'https://smba.trafficmanager.net/elsewhere/' });
    expect((await postActivity(bot.url, message(), `Bearer ${token}`)).status).toBe(401);
    expectRefused('auth.refused', /ServiceUrl claim/);
  });

  it('refuses a channel the signing key is not endorsed for', async () => {
    expect((await postActivity(bot.url, message({ channelId: 'webchat' }), `Bearer ${await issuer.sign(validClaims())}`)).status).toBe(401);
    expectRefused('auth.refused', /endorsement/);
  });

  it('refuses a valid token for an activity from a tenant outside the allow-list with 403', async () => {
    expect((await postActivity(bot.url, message({ tenantId: FOREIGN_TENANT }), `Bearer ${await issuer.sign(validClaims())}`)).status).toBe(403);
    expectRefused('tenant.refused', /^tenant-not-allowed$/);
  });

  it('refuses a valid token for an activity that names no tenant with 403', async () => {
    const activity = message();
    delete activity.channelData;
    expect((await postActivity(bot.url, activity, `Bearer ${await issuer.sign(validClaims())}`)).status).toBe(403);
    expectRefused('tenant.refused', /^missing-tenant$/);
  });

  it('authenticates proactive calls too: creating a 1:1 and sending carry the outbound token', async () => {
    const outcome = await sendToPerson(
      { tenantId: TENANT, aadObjectId: MEMBER },
      { type: 'message', text: 'A core group for CP-1042 is due on Wed 11 Mar 2026.' },
      { adapter: bot.adapter, botAppId: APP_ID, refs, deliver: createSender({ minIntervalMs: 0 }), log: silentLogger },
      connector.serviceUrl,
    );
    expect(outcome).toMatchObject({ status: 'sent', conversationId: `a:created-${MEMBER}` });
    expect(connector.received.map((entry) => [entry.kind, entry.authorization])).toEqual([
      ['create-conversation', `Bearer ${OUTBOUND_TOKEN}`],
      ['send', `Bearer ${OUTBOUND_TOKEN}`],
    ]);
    expect(connector.received[0]?.body).toMatchObject({ bot: { id: `28:${APP_ID}` }, members: [{ id: MEMBER }] });
  });
});
