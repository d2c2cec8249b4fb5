import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundPeople } from '../../bot/actions/people.js';
import { CaseNotFound } from '../../src/cases/errors.js';
import { ADELE_VANCE, LYNNE_ROBBINS, MEGAN_BOWEN, PLAYGROUND_USERS } from '../../src/demo/playground.js';
import type { StoreTables } from '../../src/store/connect.js';
import { testTables } from '../setup/tables.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsActivity, teamsMessage } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { startTestBot, type TestBot } from './testBot.js';
import { botOnStorage } from './botOnStorage.js';

type Json = Record<string, unknown>;

/** Presses a card button (Action.Execute): the card Teams shows in its place. */
async function press(bot: TestBot, connector: FakeConnector, verb: string, data: Json, aadObjectId = SOCIAL_WORKER): Promise<Json> {
  const activity = teamsActivity(
    'invoke',
    { serviceUrl: connector.serviceUrl, aadObjectId },
    { from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Sam Worker' }, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' } },
  );
  const response = await postActivity(bot.url, activity);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { statusCode: number; type: string; value: Json };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body.value;
}

/** Setting up a case and its core group with cards: Action.Execute invokes over real HTTP, real storage. */
describe('case set-up cards', () => {
  const env = botOnStorage('cards');
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };

  const execute = (verb: string, data: Json, aadObjectId = SOCIAL_WORKER) => press(env.bot, env.connector, verb, data, aadObjectId);

  type Element = { id?: string; text?: string; value?: string; type?: string };
  const bodyOf = (card: Json) => card['body'] as Element[];
  /** The problem shown right after a field's box, if any. */
  const besideField = (card: Json, id: string): string | undefined => {
    const body = bodyOf(card);
    const next = body[body.findIndex((element) => element.id === id) + 1];
    return next?.type === 'TextBlock' ? next.text : undefined;
  };
  /** Every input's value as the card draws it. */
  const valuesOf = (card: Json) => Object.fromEntries(bodyOf(card).flatMap((element) => (element.id === undefined ? [] : [[element.id, element.value ?? '']])));

  const newCase = (overrides: Json = {}): Json => ({
    requestId: randomUUID(),
    caseRef: 'CP-2001',
    alias: 'Elm',
    policyId: 'york',
    initialConferenceDate: '2027-02-05',
    teamManager: TEAM_MANAGER,
    chair: CHAIR,
    ...overrides,
  });

  it('"new case" shows the form with every procedure to choose from', async () => {
    const response = await postActivity(env.bot.url, teamsMessage('new case CP-2000', { serviceUrl: env.connector.serviceUrl }));
    expect(response.status).toBe(200);
    const card = JSON.stringify(cardIn(env.connector.sentMessages()[0]?.body));
    expect(card).toContain('"value":"CP-2000"');
    for (const title of ['York: monthly core groups', 'Northern Ireland regional procedure', 'Scotland (national default)']) expect(card).toContain(title);
    expect(card).toMatch(/"requestId":"[0-9a-f-]{36}"/);
  });

  it('creates the case, says when the first core group is due, and stores exactly that case', async () => {
    const submit = newCase();
    const card = await execute('case.create', submit);
    expect(sentencesOf(card)).toEqual([
      'Case CP-2001 · Elm is set up',
      "First core group due by Fri 19 Feb 2027: 10 working days after the initial child protection conference on 5 Feb 2027 (york: 'within 10 working days of the Initial Child Protection Conference')",
      'Add the core group: type "members CP-2001".',
    ]);
    const view = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    expect(view).toMatchObject({ caseRef: 'CP-2001', alias: 'Elm', policyId: 'york', initialConferenceDate: '2027-02-05', teamManager: TEAM_MANAGER, chair: CHAIR, nextDue: '2027-02-19' });
    expect(view.members.map((m) => [m.memberId, m.aadObjectId, m.role])).toEqual([['M1', SOCIAL_WORKER, 'professional']]);

    // Teams re-sends a submit it got no answer to: the same request id gives the same answer and changes nothing.
    expect(sentencesOf(await execute('case.create', submit))[0]).toBe('Case CP-2001 · Elm is set up');
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(view.version);
  });

  it('a bad date comes back on the form with what was typed, and nothing is written', async () => {
    const card = await execute('case.create', newCase({ caseRef: 'CP-2002', initialConferenceDate: '2027-02-30' }));
    expect(sentencesOf(card)[0]).toBe('New core group case');
    expect(besideField(card, 'initialConferenceDate')).toBe('Initial conference date must be a real date written YYYY-MM-DD');
    expect(JSON.stringify(card)).toContain('"value":"CP-2002"');
    await expect(env.bot.services.cases.queries.getCase(socialWorker, 'CP-2002')).rejects.toBeInstanceOf(CaseNotFound);
  });

  it('a missing chair or an unknown procedure is refused on the form', async () => {
    for (const overrides of [{ chair: '' }, { policyId: 'leeds' }]) {
      const card = await execute('case.create', newCase({ caseRef: 'CP-2003', ...overrides }));
      expect(sentencesOf(card)[0]).toBe('New core group case');
      expect(JSON.stringify(card)).toContain('"color":"Attention"');
    }
    await expect(env.bot.services.cases.queries.getCase(socialWorker, 'CP-2003')).rejects.toBeInstanceOf(CaseNotFound);
  });

  it('an existing case reference is refused, and the existing case is untouched', async () => {
    const before = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    const card = await execute('case.create', newCase({ policyId: 'scotland' }));
    expect(sentencesOf(card)[2]).toBe('Case CP-2001 already exists.');
    expect(await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).toMatchObject({ policyId: 'york', version: before.version });
  });

  it('a form without its request id has expired', async () => {
    const { requestId: _dropped, ...stale } = newCase({ caseRef: 'CP-2004' });
    expect(sentencesOf(await execute('case.create', stale))[2]).toBe('This form has expired: open a new one');
  });

  it('adds someone outside Teams, shown by role only, and a colleague in Teams', async () => {
    const parent = { requestId: randomUUID(), caseRef: 'CP-2001', aadObjectId: '', displayName: 'Parent B', email: 'parent-b@example.org', role: 'parent-or-carer', agency: 'Family', contactRoute: 'Phone', secureSharing: 'Hand delivered' };
    const card = await execute('member.add', parent);
    expect(JSON.stringify(card)).not.toContain('Parent B');
    expect(sentencesOf(card)).toContain('Parent or carer (M2)');
    expect(sentencesOf(card)).toContain('Not in Teams: the bot cannot message them. Share by: Hand delivered');

    const colleague = { ...parent, requestId: randomUUID(), aadObjectId: MEMBER, displayName: 'Hana Visitor', email: '', role: 'professional', agency: 'Health visiting', secureSharing: 'Teams' };
    expect(sentencesOf(await execute('member.add', colleague))).toContain('Hana Visitor, Health visiting');
    const members = (await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).members;
    expect(members.map((m) => [m.memberId, m.role, m.reachableInTeams, m.aadObjectId ?? null])).toEqual([
      ['M1', 'professional', true, SOCIAL_WORKER],
      ['M2', 'parent-or-carer', false, null],
      ['M3', 'professional', true, MEMBER],
    ]);
  });

  it('a member cannot add members, and nothing is written', async () => {
    const before = (await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version;
    const card = await execute('member.add', { requestId: randomUUID(), caseRef: 'CP-2001', aadObjectId: '', displayName: 'X', email: 'x@example.org', role: 'professional', agency: 'School', contactRoute: 'Email', secureSharing: 'Email' }, MEMBER);
    expect(sentencesOf(card)[0]).toBe('Not done');
    expect(sentencesOf(card)[1]).toMatch(/CP-2001/);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(before);
  });

  it('an unknown role is refused on the form, keeping what was typed', async () => {
    const card = await execute('member.add', { requestId: randomUUID(), caseRef: 'CP-2001', aadObjectId: '', displayName: 'Y', email: 'y@example.org', role: 'friend', agency: 'School', contactRoute: 'Email', secureSharing: 'Email' });
    expect(besideField(card, 'role')).toBe('Choose the member’s role in the core group');
    expect(valuesOf(card)).toMatchObject({ role: 'friend', agency: 'School', secureSharing: 'Email' });
  });

  it('a refused form comes back exactly as typed, with every problem at once beside its own field', async () => {
    const card = await execute('case.create', newCase({ caseRef: 'CP-2006', initialConferenceDate: '2027-02-30', teamManager: 'user-id-1', chair: '' }));
    expect(sentencesOf(card)[2]).toBe('Nothing was saved: put right what is marked below, then try again.');
    expect(valuesOf(card)).toEqual({ caseRef: 'CP-2006', alias: 'Elm', policyId: 'york', initialConferenceDate: '2027-02-30', teamManager: 'user-id-1', chair: '' });
    expect(besideField(card, 'initialConferenceDate')).toBe('Initial conference date must be a real date written YYYY-MM-DD');
    expect(besideField(card, 'teamManager')).toBe("Pick the team manager from your organisation's people");
    expect(besideField(card, 'chair')).toBe("Pick the chair from your organisation's people");
    expect(besideField(card, 'caseRef')).toBeUndefined();
    expect(JSON.stringify(card)).not.toMatch(/Entra|GUID/);
    await expect(env.bot.services.cases.queries.getCase(socialWorker, 'CP-2006')).rejects.toBeInstanceOf(CaseNotFound);
  });

  it('a refused family member is redrawn without their name, email or contact, and says why', async () => {
    const parent = { requestId: randomUUID(), caseRef: 'CP-2001', aadObjectId: '', displayName: 'Mary Jones', email: 'not-an-email', role: 'parent-or-carer', agency: 'Family', contactRoute: '07700 900123', secureSharing: '' };
    const card = await execute('member.add', parent);
    expect(JSON.stringify(card)).not.toMatch(/Mary Jones|07700 900123|not-an-email/);
    expect(valuesOf(card)).toEqual({ aadObjectId: '', displayName: '', email: '', role: 'parent-or-carer', agency: 'Family', contactRoute: '', secureSharing: '' });
    expect(besideField(card, 'email')).toBe('Email must be an email address');
    expect(besideField(card, 'secureSharing')).toMatch(/How information is shared securely/);
    expect(sentencesOf(card)).toContain("For the family's privacy, the name, email and contact details you typed were not shown again: please enter them again.");
  });

  it('removes a member, keeping them on record as removed; a repeated press changes nothing more', async () => {
    const { version } = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    const press = { caseRef: 'CP-2001', memberId: 'M2', version: String(version) };
    expect(sentencesOf(await execute('member.remove', press))).not.toContain('Parent or carer (M2)');
    const after = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    expect(after.members.find((m) => m.memberId === 'M2')?.status).toBe('removed');
    await execute('member.remove', press);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(after.version);
  });

  it('older clients submit with Action.Submit, and get the card as a reply', async () => {
    const value = { verb: 'case.create', ...newCase({ caseRef: 'CP-2005', alias: '' }) };
    const activity = teamsActivity('message', { serviceUrl: env.connector.serviceUrl }, { value, from: { id: `29:${SOCIAL_WORKER}`, aadObjectId: SOCIAL_WORKER, name: 'Sam Worker' } });
    expect((await postActivity(env.bot.url, activity)).status).toBe(200);
    expect(sentencesOf(cardIn(env.connector.sentMessages()[0]?.body))[0]).toBe('Case CP-2005 is set up');
  });
});

/** Local development in the Agents Playground, whose people picker returns its own ids (`user-id-1` …). */
describe('case set-up cards in the Agents Playground', () => {
  let tables: StoreTables;
  let connector: FakeConnector;
  let bot: TestBot;

  beforeAll(async () => {
    tables = await testTables('playgroundcards');
    connector = await startFakeConnector();
    bot = await startTestBot({ tables, people: playgroundPeople(PLAYGROUND_USERS) });
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
  });

  const execute = (verb: string, data: Json) => press(bot, connector, verb, data);

  it("creates a case with the Playground's people as team manager and chair, stored by their object ids, and adds one of them", async () => {
    const created = await execute('case.create', { requestId: randomUUID(), caseRef: 'CP-2101', alias: '', policyId: 'york', initialConferenceDate: '2027-02-05', teamManager: 'user-id-1', chair: 'user-id-2' });
    expect(sentencesOf(created)[0]).toBe('Case CP-2101 is set up');
    const view = await bot.services.cases.queries.getCase({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, 'CP-2101');
    expect([view.teamManager, view.chair]).toEqual([MEGAN_BOWEN.aadObjectId, ADELE_VANCE.aadObjectId]);

    const colleague = { requestId: randomUUID(), caseRef: 'CP-2101', aadObjectId: 'user-id-5', displayName: 'Lynne Robbins', email: '', role: 'professional', agency: 'School', contactRoute: 'Teams', secureSharing: 'Teams' };
    expect(sentencesOf(await execute('member.add', colleague))).toContain('Lynne Robbins, School');
    const members = (await bot.services.cases.queries.getCase({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, 'CP-2101')).members;
    expect(members.map((member) => member.aadObjectId)).toEqual([SOCIAL_WORKER, LYNNE_ROBBINS.aadObjectId]);
  });

  it('a refused form shows the person each picker holds, by name, so it can be seen and cleared', async () => {
    const card = await execute('case.create', { requestId: randomUUID(), caseRef: 'CP-2102', alias: '', policyId: 'york', initialConferenceDate: '2027-02-30', teamManager: 'user-id-1', chair: 'user-id-2' });
    const body = card['body'] as Array<{ id?: string; value?: string; choices?: unknown }>;
    expect(body.find((element) => element.id === 'teamManager')).toMatchObject({ value: 'user-id-1', choices: [{ title: 'Megan Bowen', value: 'user-id-1' }] });
    expect(body.find((element) => element.id === 'chair')).toMatchObject({ value: 'user-id-2', choices: [{ title: 'Adele Vance', value: 'user-id-2' }] });
  });
});
