import { notReachedWords } from '../../bot/views/reach.js';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CaseNotFound } from '../../src/cases/errors.js';
import { snapshot } from '../setup/tables.js';
import { cardIn, sentencesOf, textsOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { botOnStorage } from './botOnStorage.js';
import { CHAIR, TEAM_MANAGER } from './seedStories.js';
import { TEST_STAFF } from './testBot.js';

type Json = Record<string, unknown>;

const OTHER_WORKER = 'eeeeeeee-0000-4000-8000-000000000001';
const OTHER_MANAGER = 'eeeeeeee-0000-4000-8000-000000000002';
const UNLISTED = 'eeeeeeee-0000-4000-8000-000000000003';

/**
 * Who may create a case, over real HTTP and storage with the fake Teams connector: the staff directory decides who
 * may hold each role, the team manager named confirms or rejects, and a taken reference is theirs to decide.
 */
describe('creating a case: the staff directory, the team manager and taken references', () => {
  const env = botOnStorage('create', undefined, {
    staff: [
      ...TEST_STAFF,
      { aadObjectId: OTHER_WORKER, displayName: 'Isa Other', roles: ['social-worker'] },
      { aadObjectId: OTHER_MANAGER, displayName: 'Omar Manager', roles: ['team-manager'] },
    ],
  });
  const as = (aadObjectId: string) => ({ tenantId: TENANT, aadObjectId });

  const press = async (verb: string, data: Json, aadObjectId = SOCIAL_WORKER, name = 'Sam Worker'): Promise<Json> => {
    const activity = cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, aadObjectId });
    (activity['from'] as Json)['name'] = name;
    const { status, body } = await invokeAnswer(env.bot.url, activity);
    expect(status).toBe(200);
    return body.value as Json;
  };
  const create = (caseRef: string, overrides: Json = {}, aadObjectId = SOCIAL_WORKER, name = 'Sam Worker') =>
    press('case.create', { requestId: randomUUID(), caseRef, alias: 'Elm', policyId: 'york', initialConferenceDate: '2027-02-05', teamManager: TEAM_MANAGER, chair: CHAIR, ...overrides }, aadObjectId, name);
  /** What the connector delivered to someone's 1:1 chat (created by the bot, or known from their own messages), the outbox drained. */
  const toPerson = async (aadObjectId: string) => (await env.drain(), env.connector.sentMessages()).filter((sent) => sent.conversationId === `a:created-${aadObjectId}` || sent.conversationId === `a:personal-${aadObjectId}`);
  const ask = async (text: string, aadObjectId: string) => {
    env.connector.reset();
    expect((await postActivity(env.bot.url, teamsMessage(text, { serviceUrl: env.connector.serviceUrl, aadObjectId }))).status).toBe(200);
    return cardIn((await toPerson(aadObjectId))[0]?.body);
  };
  type Element = { id?: string; text?: string; type?: string };
  const besideField = (card: Json, id: string): string | undefined => {
    const body = card['body'] as Element[];
    const next = body[body.findIndex((element) => element.id === id) + 1];
    return next?.type === 'TextBlock' ? next.text : undefined;
  };
  const requestIdOf = (card: unknown) => JSON.stringify(card).match(/"requestId":"([0-9a-f-]{36})"/)?.[1];

  it('refuses a team manager and a chair the directory does not list in those roles, each beside its field, writing nothing', async () => {
    const before = await snapshot(env.tables, 'cases');
    const card = await create('CP-4001', { teamManager: CHAIR, chair: UNLISTED });
    expect(besideField(card, 'teamManager')).toBe('Chris Chair is not listed as a team manager. Pick a team manager, or ask your staff administrator to list them.');
    expect(besideField(card, 'chair')).toBe('The person picked is not in the staff directory. Pick a chair, or ask your staff administrator to list them.');
    expect(JSON.stringify(card)).not.toMatch(/Entra|GUID/);
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
    expect(env.connector.sentMessages()).toEqual([]);
  });

  it('refuses a creator the directory does not list as a social worker, keeping the form', async () => {
    const card = await create('CP-4002', {}, MEMBER, 'Hana Visitor');
    expect(sentencesOf(card)[0]).toBe('New core group case');
    expect(sentencesOf(card)[2]).toBe('You are not listed as a social worker in the staff directory, so you cannot create a case. Ask your staff administrator to list you.');
    await expect(env.bot.services.cases.queries.getCase(as(MEMBER), 'CP-4002')).rejects.toBeInstanceOf(CaseNotFound);
  });

  it('a new case awaits its team manager, who is sent Confirm and Reject in their 1:1 chat', async () => {
    const card = await create('CP-4003');
    expect(sentencesOf(card)[2]).toBe('Add the core group: type "members CP-4003". Tara Manager is asked to confirm it in Teams; work on it can start now.');
    expect((await env.bot.services.cases.queries.getCase(as(SOCIAL_WORKER), 'CP-4003')).confirmation).toBe('awaiting-team-manager');
    const [notice, ...more] = await toPerson(TEAM_MANAGER);
    expect(more).toEqual([]);
    const decision = cardIn(notice?.body);
    expect(sentencesOf(decision).slice(0, 2)).toEqual([
      'Confirm CP-4003 · Elm?',
      'Sam Worker set up this case with you as its team manager. Confirm it is in your team, or reject it. Work on it goes on meanwhile.',
    ]);
    expect(textsOf(decision)).toEqual(expect.arrayContaining(['Confirm', 'Reject', 'It is not a case in my team', 'It was created in error']));
  });

  it("the team manager's cases show it awaiting their confirmation, with the names of its team manager and chair", async () => {
    const card = await ask('my cases', TEAM_MANAGER);
    const texts = sentencesOf(card);
    expect(texts).toContain('Team manager: you · Chair: Chris Chair');
    expect(texts).toContain('Awaiting your confirmation');
    expect(JSON.stringify(card)).toContain('"verb":"case.decide","caseRef":"CP-4003"');
    const own = sentencesOf(await ask('my cases', SOCIAL_WORKER));
    expect(own).toContain('Team manager: Tara Manager · Chair: Chris Chair');
    expect(own).toContain("Awaiting its team manager's confirmation");
  });

  it('only the team manager confirms: the social worker pressing it is refused, and nothing is written', async () => {
    const before = await snapshot(env.tables, 'cases');
    const card = await press('case.confirm', { caseRef: 'CP-4003', requestId: randomUUID(), reason: '', claimId: '' });
    expect(sentencesOf(card)).toEqual(['Not done', 'Only the team manager can confirm a case on case CP-4003.', 'Nothing was changed.']);
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('the team manager confirms from their list, once however often it is pressed', async () => {
    const decision = await press('case.decide', { caseRef: 'CP-4003' }, TEAM_MANAGER, 'Tara Manager');
    const confirm = { caseRef: 'CP-4003', requestId: requestIdOf(decision), reason: '', claimId: '' };
    expect(sentencesOf(await press('case.confirm', confirm, TEAM_MANAGER))).toEqual(['CP-4003 · Elm is confirmed', 'It stays in your cases.']);
    const after = await snapshot(env.tables, 'cases');
    expect(sentencesOf(await press('case.confirm', confirm, TEAM_MANAGER))[0]).toBe('CP-4003 · Elm is confirmed');
    expect(await snapshot(env.tables, 'cases')).toEqual(after);
    expect(sentencesOf(await ask('my cases', TEAM_MANAGER))).not.toContain('Awaiting your confirmation');
  });

  it('rejecting asks why; rejected, the case is withdrawn from every list, its social worker told, and its reference free', async () => {
    await create('CP-4004');
    await press('member.add', { requestId: randomUUID(), caseRef: 'CP-4004', aadObjectId: MEMBER, displayName: 'Hana Visitor', email: '', role: 'professional', agency: 'Health visiting', contactRoute: 'Teams', secureSharing: 'Teams' });
    const decision = cardIn((await toPerson(TEAM_MANAGER)).at(-1)?.body);
    const requestId = requestIdOf(decision);
    const noReason = await press('case.reject', { caseRef: 'CP-4004', requestId, reason: '', claimId: '' }, TEAM_MANAGER);
    expect(besideField(noReason, 'reason')).toBe('Choose why you are rejecting the case');
    env.connector.reset();
    const rejected = await press('case.reject', { caseRef: 'CP-4004', requestId, reason: 'not-my-team', claimId: '' }, TEAM_MANAGER);
    expect(sentencesOf(rejected)).toEqual([
      'CP-4004 is withdrawn',
      "You rejected it: it is not a case in my team. It is out of everyone's cases and its reference is free to be set up again; its audit trail is kept.",
      'Sam Worker is being told in Teams.',
    ]);
    expect(sentencesOf(cardIn((await toPerson(SOCIAL_WORKER))[0]?.body))[0]).toBe('CP-4004 was rejected by its team manager');
    for (const person of [SOCIAL_WORKER, TEAM_MANAGER, MEMBER]) {
      expect(JSON.stringify(await ask('my cases', person)), person).not.toContain('CP-4004');
      await expect(env.bot.services.cases.queries.getCase(as(person), 'CP-4004')).rejects.toBeInstanceOf(CaseNotFound);
    }
    // The reference is free: a case set up again starts afresh, its social worker the only member.
    expect(sentencesOf(await create('CP-4004', {}, OTHER_WORKER, 'Isa Other'))[0]).toBe('Case CP-4004 · Elm is set up');
    const again = await env.bot.services.cases.queries.getCase(as(OTHER_WORKER), 'CP-4004');
    expect(again.members.map((m) => [m.memberId, m.aadObjectId])).toEqual([['M1', OTHER_WORKER]]);
    expect(again.confirmation).toBe('awaiting-team-manager');
    const audit = await env.bot.services.cases.queries.auditTrail(as(OTHER_WORKER), 'CP-4004');
    // One clock reading for the whole test bot, so the order within it is not the point: every step is kept.
    expect(audit.items.map((entry) => entry.operation).sort()).toEqual(['add-member', 'create-case', 'create-case', 'reject-case']);
  });

  it("a reference taken by someone else's unconfirmed case becomes a request that its team manager decides, not first-come", async () => {
    await create('CP-4005');
    env.connector.reset();
    const claimant = await create('CP-4005', { alias: 'Ash', teamManager: OTHER_MANAGER }, OTHER_WORKER, 'Isa Other');
    expect(sentencesOf(claimant)).toEqual([
      'CP-4005 is awaiting a decision',
      "CP-4005 is already taken by a case that is awaiting its team manager's confirmation. I have kept your request and sent it to that team manager: they decide who keeps the reference, and I will tell you what they decide.",
      'Nothing else was set up.',
    ]);
    // Nothing of the case holding the reference reaches the one asking: not its alias, social worker or team manager.
    expect(JSON.stringify(claimant)).not.toMatch(/Elm|Sam Worker|Tara Manager/);
    const decision = cardIn((await toPerson(TEAM_MANAGER))[0]?.body);
    expect(sentencesOf(decision)[0]).toBe('Who keeps CP-4005?');
    expect(textsOf(decision)).toEqual(expect.arrayContaining(['Keep this case', 'Give CP-4005 to Isa Other']));
    expect(sentencesOf(cardIn((await toPerson(OTHER_MANAGER))[0]?.body))[0]).toBe('CP-4005: a request with you as team manager');

    env.connector.reset();
    const handOver = { caseRef: 'CP-4005', requestId: requestIdOf(decision), reason: '', claimId: 'C1' };
    expect(sentencesOf(await press('case.handOver', handOver, TEAM_MANAGER))).toEqual([
      'CP-4005 now belongs to Isa Other',
      "The case set up by Sam Worker is withdrawn, and Isa Other's request is now the case, awaiting its own team manager (Omar Manager).",
      'Isa Other is being told in Teams.',
    ]);
    const handed = await env.bot.services.cases.queries.getCase(as(OTHER_WORKER), 'CP-4005');
    expect(handed).toMatchObject({ alias: 'Ash', socialWorker: OTHER_WORKER, teamManager: OTHER_MANAGER, confirmation: 'awaiting-team-manager' });
    expect(handed.members.map((m) => m.aadObjectId)).toEqual([OTHER_WORKER]);
    await expect(env.bot.services.cases.queries.getCase(as(SOCIAL_WORKER), 'CP-4005')).rejects.toMatchObject({ code: 'not-allowed' });
    expect(sentencesOf(cardIn((await toPerson(OTHER_WORKER))[0]?.body))[0]).toBe('CP-4005 · Ash is yours');
    expect(sentencesOf(cardIn((await toPerson(SOCIAL_WORKER))[0]?.body))[0]).toBe('CP-4005 was withdrawn');
    expect(sentencesOf(cardIn((await toPerson(OTHER_MANAGER))[0]?.body))[0]).toBe('Confirm CP-4005 · Ash?');
  });

  it('keeping the case confirms it and declines the request, whose social worker is told', async () => {
    await create('CP-4006');
    await create('CP-4006', {}, OTHER_WORKER, 'Isa Other');
    env.connector.reset();
    const decision = await press('case.decide', { caseRef: 'CP-4006' }, TEAM_MANAGER);
    const keep = { caseRef: 'CP-4006', requestId: requestIdOf(decision), reason: '', claimId: '' };
    expect(sentencesOf(await press('case.confirm', keep, TEAM_MANAGER))[1]).toBe('It stays in your cases. The other request for CP-4006 was declined, and told so.');
    expect(sentencesOf(cardIn((await toPerson(OTHER_WORKER))[0]?.body))[0]).toBe('Your request for CP-4006 was declined');
    expect(await env.bot.services.cases.queries.getCase(as(SOCIAL_WORKER), 'CP-4006')).toMatchObject({ confirmation: 'confirmed', socialWorker: SOCIAL_WORKER });
  });

  it("a confirmed case's reference is refused in plain words, and its team manager is told who tried", async () => {
    const before = await snapshot(env.tables, 'cases');
    env.connector.reset();
    const card = await create('CP-4003', { alias: 'Yew' }, OTHER_WORKER, 'Isa Other');
    expect(besideField(card, 'caseRef')).toBe('CP-4003 is already in use by a confirmed case. I am telling its team manager that you tried; they can sort it out with you.');
    expect(JSON.stringify(card)).not.toMatch(/Elm|Sam Worker|Tara Manager/);
    expect(sentencesOf(cardIn((await toPerson(TEAM_MANAGER))[0]?.body))).toEqual([
      'Someone tried to set up CP-4003',
      'Isa Other tried to set up CP-4003, which is a confirmed case of yours. They were told that you can sort it out with them.',
      'Nothing was changed on your case.',
    ]);
    expect(await snapshot(env.tables, 'cases')).toEqual(before);
  });

  it('when the team manager cannot be reached, the social worker is told so, and the case still awaits them in their lists', async () => {
    const card = await create('CP-4007');
    expect(sentencesOf(card)[2]).toBe('Add the core group: type "members CP-4007". Tara Manager is asked to confirm it in Teams; work on it can start now.');
    // The team manager has a chat with the bot from the cases before; Teams refuses the send into it (blocked, or uninstalled).
    env.connector.script({ status: 403, body: { error: { code: 'ConversationBlockedByUser' } } });
    expect(await toPerson(TEAM_MANAGER)).toEqual([]);
    expect(sentencesOf(cardIn((await toPerson(SOCIAL_WORKER))[0]?.body))).toEqual([
      'CP-4007: request to confirm the case not delivered',
      `The request to confirm the case for CP-4007 could not reach them in Teams: ${notReachedWords('forbidden')}.`,
      'Let them know another way.',
    ]);
    expect(JSON.stringify(await ask('my cases', TEAM_MANAGER))).toContain('"verb":"case.decide","caseRef":"CP-4007"');
  });
});
