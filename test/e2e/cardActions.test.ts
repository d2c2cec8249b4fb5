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
import { startTestBot, TEST_STAFF, type TestBot } from './testBot.js';
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
      'Add the core group: type "members CP-2001". Tara Manager is asked to confirm it in Teams; work on it can start now.',
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

  /** The add-member form as submitted: every box, empty unless given. */
  const memberForm = (values: Json): Json => ({ requestId: randomUUID(), caseRef: 'CP-2001', role: '', aadObjectId: '', displayName: '', agency: '', email: '', label: '', contactRoute: '', ...values });

  it('adds a parent by label alone, shown by label and role with how papers reach them, a colleague in Teams, and a professional outside it without email', async () => {
    const parent = memberForm({ role: 'parent-or-carer', label: 'Parent B', contactRoute: 'Printed copy handed over at home visits' });
    const card = await execute('member.add', parent);
    expect(sentencesOf(card)).toEqual([
      'Core group for CP-2001 · Elm',
      '2 members, 1 not in Teams',
      'Sam Worker, Children\'s social care',
      'Professional · M1 · you',
      'Parent B',
      'Parent or carer · M2',
      'Not in Teams, so the bot cannot message them. Papers: Printed copy handed over at home visits',
    ]);

    const colleague = memberForm({ role: 'professional', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting' });
    expect(sentencesOf(await execute('member.add', colleague))).toContain('Hana Visitor, Health visiting');
    const doctor = memberForm({ role: 'professional', displayName: 'Dr Ash', agency: 'GP surgery', contactRoute: 'Secure email to the practice' });
    expect(sentencesOf(await execute('member.add', doctor))).toContain('Not in Teams, so the bot cannot message them. Papers: Secure email to the practice');

    const members = (await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).members;
    expect(members.slice(1)).toEqual([
      { memberId: 'M2', role: 'parent-or-carer', label: 'Parent B', contactRoute: 'Printed copy handed over at home visits', status: 'active', addedAt: expect.stringMatching(/^2027-02-05T/) },
      { memberId: 'M3', role: 'professional', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', status: 'active', addedAt: expect.stringMatching(/^2027-02-05T/) },
      { memberId: 'M4', role: 'professional', displayName: 'Dr Ash', agency: 'GP surgery', contactRoute: 'Secure email to the practice', status: 'active', addedAt: expect.stringMatching(/^2027-02-05T/) },
    ]);
  });

  it('a member cannot add members, and nothing is written', async () => {
    const before = (await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version;
    const card = await execute('member.add', memberForm({ role: 'professional', displayName: 'X', agency: 'School', contactRoute: 'Email' }), MEMBER);
    expect(sentencesOf(card)[0]).toBe('Not done');
    expect(sentencesOf(card)[1]).toMatch(/CP-2001/);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(before);
  });

  it('an unknown role is refused on the form, keeping what was typed', async () => {
    const card = await execute('member.add', memberForm({ role: 'friend', agency: 'School', contactRoute: 'Email' }));
    expect(besideField(card, 'role')).toBe('Choose the member’s role in the core group');
    expect(valuesOf(card)).toMatchObject({ role: 'friend', agency: 'School', contactRoute: 'Email' });
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

  it('a refused family member is redrawn without a name, an email or a route holding a number, each refusal beside its box, and says why', async () => {
    const before = (await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version;
    const parent = memberForm({ role: 'parent-or-carer', displayName: 'Mary Jones', email: 'not-an-email', agency: 'Family', label: 'Parent C', contactRoute: '07700 900123' });
    const card = await execute('member.add', parent);
    expect(JSON.stringify(card)).not.toMatch(/Mary Jones|07700 900123|not-an-email/);
    expect(valuesOf(card)).toEqual({ role: 'parent-or-carer', aadObjectId: '', displayName: '', agency: 'Family', email: '', label: 'Parent C', contactRoute: '' });
    expect(besideField(card, 'displayName')).toBe('Family members are known by a neutral label, never by name: leave the name empty');
    expect(besideField(card, 'email')).toBe("Keep a family member's email in the case file (the bot emails no one): leave this empty");
    expect(besideField(card, 'agency')).toBe('Family members have no agency: leave the agency empty');
    expect(besideField(card, 'contactRoute')).toBe(
      'No phone numbers, addresses or email addresses here: say how (e.g. secure email, printed copy handed over at home visits) and keep the details in the case file',
    );
    // Nothing wrong with the label: the next thing after its box is the form's next heading.
    expect(besideField(card, 'label')).toBe('Anyone outside Teams');
    expect(sentencesOf(card)).toContain("For the family's privacy, details you typed that could identify them were not shown again: please enter what is needed again.");
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(before);
  });

  it('a second family member with the same label is refused beside the label, so two parents are told apart', async () => {
    const card = await execute('member.add', memberForm({ role: 'parent-or-carer', label: 'parent b', contactRoute: 'Secure email' }));
    expect(besideField(card, 'label')).toBe('M2 in this core group is already labelled "Parent B": give each family member a label of their own, such as Parent B.');
    expect(valuesOf(card)).toMatchObject({ label: '', contactRoute: 'Secure email' });
  });

  it("Remove asks to confirm and why, naming the member by label and role; Keep changes nothing", async () => {
    const { version } = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    const confirm = await execute('member.removeForm', { caseRef: 'CP-2001', memberId: 'M2' });
    expect(sentencesOf(confirm)).toEqual([
      'Remove Parent B (parent or carer) from the core group for CP-2001 · Elm?',
      "They stay on the case's record as a former member, with their past answers and attendance, and will not be sent invitations or papers.",
    ]);
    expect(bodyOf(confirm).find((element) => element.id === 'reason')).toMatchObject({
      isRequired: true,
      value: '',
      choices: [
        { title: "The family's needs have changed", value: 'family-needs-changed' },
        { title: 'Their agency is no longer involved', value: 'agency-no-longer-involved' },
        { title: 'They have moved on and someone else takes their place', value: 'replaced' },
        { title: 'They were added in error', value: 'added-in-error' },
        { title: 'Another reason, recorded in the case file', value: 'other' },
      ],
    });
    const kept = await execute('members.show', { caseRef: 'CP-2001' });
    expect(sentencesOf(kept)).toContain('Parent B');
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(version);
  });

  it('a Remove without a reason is refused on the confirmation, and nothing is written', async () => {
    const { version } = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    const card = await execute('member.remove', { caseRef: 'CP-2001', memberId: 'M2', requestId: randomUUID(), reason: '' });
    expect(sentencesOf(card)[0]).toBe('Remove Parent B (parent or carer) from the core group for CP-2001 · Elm?');
    expect(besideField(card, 'reason')).toBe('Choose why they are leaving the core group');
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(version);
  });

  it('a member of the group cannot open the removal, and nothing is written', async () => {
    const card = await execute('member.removeForm', { caseRef: 'CP-2001', memberId: 'M2' }, MEMBER);
    expect(sentencesOf(card)).toEqual(['Not done', 'Only the social worker or the team manager can remove members on case CP-2001.', 'Nothing was changed.']);
  });

  it('removes a member with the reason, says what happened over the members card, audits the code; a repeated press changes nothing more', async () => {
    const confirm = await execute('member.removeForm', { caseRef: 'CP-2001', memberId: 'M2' });
    const press = { caseRef: 'CP-2001', memberId: 'M2', requestId: /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(confirm))?.[1], reason: 'family-needs-changed' };
    const said = "Parent B is no longer in the core group for CP-2001 · Elm (the family's needs have changed). They will not be sent invitations or papers.";
    const card = await execute('member.remove', press);
    expect(sentencesOf(card).slice(0, 3)).toEqual(['Core group for CP-2001 · Elm', '3 members, 1 not in Teams', said]);
    expect(sentencesOf(card)).not.toContain('Parent B');
    const after = await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001');
    expect(after.members.find((m) => m.memberId === 'M2')).toMatchObject({ status: 'removed', removal: { reason: 'family-needs-changed', on: '2027-02-05', by: SOCIAL_WORKER } });
    // The test bot's clock stands still, so the audit is searched rather than read newest first.
    const audit = (await env.bot.services.cases.queries.auditTrail(socialWorker, 'CP-2001')).items.filter((entry) => entry.operation === 'remove-member');
    expect(audit).toEqual([expect.objectContaining({ actor: SOCIAL_WORKER, after: 'M2 removed parent-or-carer, outside Teams; reason family-needs-changed' })]);

    // Teams re-sends a submit it got no answer to: the same request id gives the same answer and changes nothing.
    expect(sentencesOf(await execute('member.remove', press))[2]).toBe(said);
    expect((await env.bot.services.cases.queries.getCase(socialWorker, 'CP-2001')).version).toBe(after.version);
  });

  it('older clients submit with Action.Submit, and get the card as a reply', async () => {
    const value = { verb: 'case.create', ...newCase({ caseRef: 'CP-2005', alias: '' }) };
    const activity = teamsActivity('message', { serviceUrl: env.connector.serviceUrl }, { value, from: { id: `29:${SOCIAL_WORKER}`, aadObjectId: SOCIAL_WORKER, name: 'Sam Worker' } });
    expect((await postActivity(env.bot.url, activity)).status).toBe(200);
    const reply = env.connector.sentMessages().find((sent) => sent.conversationId === `a:personal-${SOCIAL_WORKER}`);
    expect(sentencesOf(cardIn(reply?.body))[0]).toBe('Case CP-2005 is set up');
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
    const listed = [MEGAN_BOWEN, ADELE_VANCE].map((user, index) => ({ aadObjectId: user.aadObjectId, displayName: user.name, roles: [index === 0 ? 'team-manager' as const : 'chair' as const] }));
    bot = await startTestBot({ tables, people: playgroundPeople(PLAYGROUND_USERS), staff: [...TEST_STAFF, ...listed] });
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

    const colleague = { requestId: randomUUID(), caseRef: 'CP-2101', role: 'professional', aadObjectId: 'user-id-5', displayName: 'Lynne Robbins', agency: 'School', email: '', label: '', contactRoute: '' };
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
