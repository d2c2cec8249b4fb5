import { createPublicKey, randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger, routeConsoleTo } from '../../bot/log.js';
import { createSweep } from '../../bot/notify/sweep.js';
import { Secret } from '../../src/config.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { travelClock } from '../support/travelClock.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, teamsMessage, TENANT } from './activities.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { recipientOf } from './fakeConnector.js';
import { startLocalIssuer, type LocalIssuer } from './localIssuer.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { startTestBot, TEST_STAFF, type TestBot } from './testBot.js';

type Json = Record<string, unknown>;

const APP_ID = '22222222-2222-4222-8222-222222222222';
const ISSUER = 'https://api.botframework.test';
/** Written into every part of the member's update: if it is in a log line, what people wrote is. */
const MARKER = 'MARKER-written-update-7f3a';
const CASE = 'CP-3901';
const FAMILY_LABEL = 'Parent A';
const COLLEAGUE = { name: 'Hana Visitor', agency: 'Health visiting' };
const OUTSIDER = { name: 'Olive Outside', email: 'olive.outside@school.example' };

/**
 * Issue #12 item 4: one core group's life over real HTTP (set up, members, confirmed, scheduled, two refusals that
 * name someone, the sweep's reminder and digests sent, apologies with a written update, the meeting recorded) and a
 * forged token, every log line captured as written (the delivery's too, and libraries' console output): none holds
 * what anyone wrote, a name, a family member's label, an email, the token, the signing key or the storage key.
 */
describe('log lines hold identifiers only', () => {
  const written: string[] = [];
  const log = createLogger((line) => written.push(line));
  const clock = travelClock('2027-02-01', '09:00');
  const env = botOnStorage('logcontents', undefined, { clock, log, staff: [...TEST_STAFF, { aadObjectId: MEMBER, displayName: COLLEAGUE.name, roles: ['social-worker'] }] });
  let restoreConsole: () => void;
  let issuer: LocalIssuer;
  let signed: TestBot;

  beforeAll(async () => {
    // As start-up does: libraries that print to the console print through the logger.
    restoreConsole = routeConsoleTo(log);
    issuer = await startLocalIssuer(ISSUER);
    signed = await startTestBot({
      tables: env.tables,
      identity: { kind: 'single-tenant', appId: APP_ID, tenantId: TENANT, credential: { kind: 'secret', secret: new Secret('unused') } },
      overrides: { trust: { openIdMetadataUrl: issuer.openIdMetadataUrl, tokenIssuer: ISSUER } },
      log,
    });
  });

  afterAll(async () => {
    restoreConsole?.();
    await signed?.close();
    await issuer?.close();
  });

  const press = async (verb: string, data: Json, aadObjectId = SOCIAL_WORKER): Promise<string[]> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, { caseRef: CASE, requestId: randomUUID(), ...data }, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
    expect([verb, status]).toEqual([verb, 200]);
    return sentencesOf(body.value);
  };
  /** One sweep as the bot runs it, and what it queued sent: the recipients. */
  const sweep = async (): Promise<string[]> => {
    env.connector.reset();
    await createSweep({ services: env.bot.services, tables: env.tables, log })(new AbortController().signal);
    await env.drain();
    return env.connector.sentMessages().map((message) => `${recipientOf(message.conversationId)} ${sentencesOf(cardIn(message.body))[0] ?? ''}`);
  };
  const member = (values: Json): Json => ({ role: 'professional', aadObjectId: '', displayName: '', agency: '', email: '', label: '', contactRoute: '', ...values });

  it('a whole core group and a forged token leave no update text, name, email, token or key in any line', async () => {
    // Everyone has used the bot once, so it can reach them.
    for (const person of [SOCIAL_WORKER, TEAM_MANAGER, CHAIR, MEMBER]) await askOnce(env, 'my cases', person);

    const newCase = { alias: 'Rowan', policyId: 'york', initialConferenceDate: '2027-01-25', teamManager: TEAM_MANAGER };
    // Hana is listed as a social worker only: the refusal names her beside the chair's picker (not in a log line).
    expect(await press('case.create', { ...newCase, chair: MEMBER })).toContain(`${COLLEAGUE.name} is not listed as a chair. Pick a chair, or ask your staff administrator to list them.`);
    expect((await press('case.create', { ...newCase, chair: CHAIR }))[0]).toBe(`Case ${CASE} · Rowan is set up`);
    await press('member.add', member({ role: 'parent-or-carer', label: FAMILY_LABEL, contactRoute: 'Printed copy handed over at home visits' }));
    await press('member.add', member({ aadObjectId: MEMBER, displayName: COLLEAGUE.name, agency: COLLEAGUE.agency }));
    expect(await press('member.add', member({ displayName: OUTSIDER.name, email: OUTSIDER.email, agency: 'School', contactRoute: 'Secure email' }))).toContain(`${OUTSIDER.name}, School`);
    // The team manager confirms, then tries to hand the chair to Hana, who is not listed as one.
    await press('case.confirm', {}, TEAM_MANAGER);
    expect(await press('case.reassignRole', { role: 'chair', to: MEMBER }, TEAM_MANAGER)).toContain(`${COLLEAGUE.name} is not listed as a chair. Pick a chair, or ask your staff administrator to list them.`);
    await press('meeting.schedule', { date: '2027-02-08', time: '10:00', venue: 'Family centre', onlineLink: '', type: 'first', chair: 'M1', noteTaker: 'M1' });
    await env.drain();

    // Wed 3 Feb: 3 working days before, Hana has not answered; after 08:30, the team manager's and chair's digests.
    clock.at('2027-02-03', '09:00');
    expect((await sweep()).sort()).toEqual(
      [`${MEMBER} Reminder: please answer the invitation to the first core group for ${CASE} · Rowan`, `${TEAM_MANAGER} Digest for Wed 3 Feb 2027`, `${CHAIR} Digest for Wed 3 Feb 2027`].sort(),
    );

    const update = { progressOnActions: `${MARKER} progress`, whatIsWorking: `${MARKER} working`, whatIsNotWorking: `${MARKER} not working`, changesToPlan: `${MARKER} changes` };
    const noContribution = { chronology: '', progressOfPlan: '', updatesForPlan: '', riskAndProtectiveFactors: '', voiceOfChild: '' };
    expect((await press('meeting.apologies', { meetingId: 'CG1', memberId: '', ...noContribution, ...update, verbalUpdate: 'false' }, MEMBER))[0]).toBe('You sent apologies');
    await env.drain();

    clock.at('2027-02-08', '15:00');
    const recorded = await press('meeting.record', {
      meetingId: 'CG1',
      heldOn: '2027-02-08',
      'attendance-M1': 'attended',
      'attendance-M2': 'absent',
      'attendance-M3': 'apologies',
      'attendance-M4': 'attended',
      chair: 'M1',
      noteTaker: 'M1',
      childViewsRecorded: 'true',
      parentsViewsRecorded: 'true',
      membershipReviewed: 'true',
    });
    expect(recorded[0]).toBe(`After the core group of Mon 8 Feb 2027 for ${CASE} · Rowan`);

    // A forged token: botbuilder prints the trusted signing key it tried, through the logger.
    const forged = await issuer.sign({ iss: ISSUER, aud: APP_ID, serviceurl: env.connector.serviceUrl }, { key: (await generateKeyPair('RS256')).privateKey });
    expect((await postActivity(signed.url, teamsMessage('due', { serviceUrl: env.connector.serviceUrl }), `Bearer ${forged}`)).status).toBe(401);

    // The workflow was heard: each part left its lines.
    const events = new Set(written.map((line) => (JSON.parse(line) as Json)['event']));
    expect([...events].filter((event) => ['command', 'card.action', 'library.console', 'auth.refused'].includes(String(event))).sort()).toEqual(['auth.refused', 'card.action', 'command', 'library.console']);

    const { keys } = (await (await fetch(issuer.openIdMetadataUrl.replace('/.well-known/openid-configuration', '/keys'))).json()) as { keys: Array<Json & { n: string }> };
    const signingKey = keys[0]!;
    // As botbuilder prints it (PKCS#1 PEM) and as SPKI: each full line of the key's base64.
    const publicKey = createPublicKey({ key: signingKey, format: 'jwk' });
    const pemLines = (['pkcs1', 'spki'] as const).flatMap((type) => publicKey.export({ type, format: 'pem' }).toString().split('\n').filter((line) => line.length === 64));
    const connectionString = inject('azuriteConnectionString');
    const accountKey = /AccountKey=([^;]+)/.exec(connectionString)?.[1] ?? '';
    const never = [
      MARKER,
      FAMILY_LABEL,
      COLLEAGUE.name,
      OUTSIDER.name,
      OUTSIDER.email,
      ...TEST_STAFF.map((person) => person.displayName),
      forged,
      forged.split('.')[2] ?? '',
      signingKey.n,
      Buffer.from(signingKey.n, 'base64url').toString('base64'),
      ...pemLines,
      accountKey,
      connectionString,
    ];
    expect(accountKey).not.toBe('');
    expect(pemLines.length).toBeGreaterThan(3);
    for (const line of written) for (const secret of never) expect([secret, line.includes(secret)]).toEqual([secret, false]);
  });
});
