import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, LOG_LIMITS, routeConsoleTo } from '../../bot/log.js';
import { Secret } from '../../src/config.js';
import { testTables } from '../setup/tables.js';
import { cardInvoke, FOREIGN_TENANT, postActivity, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { startLocalIssuer, type LocalIssuer } from './localIssuer.js';
import { startTestBot, type TestBot } from './testBot.js';

const APP_ID = '22222222-2222-4222-8222-222222222222';
const ISSUER = 'https://api.botframework.test';
const HUGE = 'x'.repeat(200_000);
/** A line holds a handful of fields, each within its limit: far below this. */
const MAX_LINE = 2_000;

type Line = Record<string, unknown>;

/**
 * Log lines are written by the bot's own logger (bounded fields, one line each), whatever a caller sends and
 * whatever a library prints: nothing anyone can send, signed in or not, makes a line long or multi-line.
 */
describe('logs stay bounded and quiet', () => {
  let connector: FakeConnector;
  let issuer: LocalIssuer;
  let anonymous: TestBot;
  let signed: TestBot;
  let restoreConsole: () => void;
  const written: string[] = [];
  const lines = (): Line[] => written.map((line) => JSON.parse(line) as Line);

  beforeAll(async () => {
    const log = createLogger((line) => written.push(line));
    // As start-up does: libraries that print to the console print through the logger.
    restoreConsole = routeConsoleTo(log);
    connector = await startFakeConnector();
    issuer = await startLocalIssuer(ISSUER);
    const tables = await testTables('logs');
    anonymous = await startTestBot({ tables, log });
    signed = await startTestBot({
      tables,
      identity: { kind: 'single-tenant', appId: APP_ID, tenantId: '11111111-1111-4111-8111-111111111111', credential: { kind: 'secret', secret: new Secret('unused') } },
      overrides: { trust: { openIdMetadataUrl: issuer.openIdMetadataUrl, tokenIssuer: ISSUER } },
      log,
    });
  });

  afterAll(async () => {
    restoreConsole?.();
    await anonymous?.close();
    await signed?.close();
    await issuer?.close();
    await connector?.close();
  });

  beforeEach(() => {
    written.length = 0;
    connector.reset();
  });

  function expectBounded() {
    expect(written.length).toBeGreaterThan(0);
    for (const line of written) {
      expect(line.length).toBeLessThan(MAX_LINE);
      expect(line).not.toContain('\n');
    }
    for (const line of lines()) {
      for (const [name, value] of Object.entries(line)) {
        if (typeof value === 'string') expect([name, value.length <= LOG_LIMITS.message + 20]).toEqual([name, true]);
      }
    }
  }

  it('a 200,000-character verb, activity id and tenant are logged cut short, with how much was cut', async () => {
    const invoke = { ...cardInvoke('member.addForm', { verb: HUGE, caseRef: 'CP-1' }, { serviceUrl: connector.serviceUrl }), id: HUGE };
    expect((await postActivity(anonymous.url, invoke)).status).toBe(200);
    const foreign = teamsMessage('due', { serviceUrl: connector.serviceUrl, tenantId: `${FOREIGN_TENANT}${HUGE}` });
    expect((await postActivity(anonymous.url, foreign)).status).toBe(403);
    expectBounded();
    const action = lines().find((line) => line.event === 'card.action');
    expect(action).toMatchObject({ level: 'info', verb: 'member.addForm', activityId: `${'x'.repeat(LOG_LIMITS.field)}…[${200_000 - LOG_LIMITS.field} more]` });
    expect(lines().find((line) => line.event === 'tenant.refused')).toMatchObject({ level: 'warn', tenantId: `${FOREIGN_TENANT}${'x'.repeat(LOG_LIMITS.field - FOREIGN_TENANT.length)}…[${FOREIGN_TENANT.length + 200_000 - LOG_LIMITS.field} more]` });
  });

  it('a field cannot pass itself off as the level or the event', () => {
    const log = createLogger((line) => written.push(line));
    log.info('card.action', { level: 'error', event: 'forged', time: 'then' });
    expect(lines()).toEqual([{ time: expect.not.stringMatching(/^then$/), level: 'info', event: 'card.action' }]);
  });

  for (const [rejection, token] of [
    ['a forged signature', async () => issuer.sign({ iss: ISSUER, aud: APP_ID, serviceurl: connector.serviceUrl }, { key: (await generateKeyPair('RS256')).privateKey })],
    ['an expired token', () => issuer.sign({ iss: ISSUER, aud: APP_ID, serviceurl: connector.serviceUrl }, { expiresAt: Math.floor(Date.now() / 1000) - 3600 })],
  ] as const) {
    it(`botbuilder's own report of ${rejection} is one warn line through the logger: no key, no stack`, async () => {
      expect((await postActivity(signed.url, teamsMessage('due', { serviceUrl: connector.serviceUrl }), `Bearer ${await token()}`)).status).toBe(401);
      expectBounded();
      const library = lines().filter((line) => line.event === 'library.console');
      expect(library).toHaveLength(1);
      expect(library[0]).toMatchObject({ level: 'warn' });
      for (const line of written) {
        expect(line).not.toMatch(/BEGIN (?:RSA )?PUBLIC KEY|MII[A-Za-z0-9+/]{20}/);
        expect(line).not.toMatch(/\bat .+\.js:\d+/);
      }
      expect(lines().map((line) => [line.level, line.event])).toEqual([
        ['warn', 'library.console'],
        ['warn', 'auth.refused'],
      ]);
    });
  }
});
