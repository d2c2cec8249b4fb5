import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../setup/tables.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { botOnStorage } from './botOnStorage.js';

type Json = Record<string, unknown>;

const ADMIN = 'dddddddd-0000-4000-8000-000000000001';
const MEGAN = 'dddddddd-0000-4000-8000-000000000021';

/** The staff directory kept by card, by a staff administrator named in configuration, over real HTTP and storage. */
describe('the staff directory card', () => {
  const env = botOnStorage('staffcard', undefined, { staffAdmins: [ADMIN], staff: [] });

  const press = async (verb: string, data: Json, aadObjectId = ADMIN): Promise<Json> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
    expect(status).toBe(200);
    return body.value as Json;
  };
  const ask = async (text: string, aadObjectId: string) => {
    expect((await postActivity(env.bot.url, teamsMessage(text, { serviceUrl: env.connector.serviceUrl, aadObjectId }))).status).toBe(200);
    return env.connector.sentMessages()[0]?.body;
  };
  type Element = { id?: string; text?: string; value?: string; type?: string };
  const besideField = (card: Json, id: string): string | undefined => {
    const body = card['body'] as Element[];
    const next = body[body.findIndex((element) => element.id === id) + 1];
    return next?.type === 'TextBlock' ? next.text : undefined;
  };
  const valuesOf = (card: Json) => Object.fromEntries((card['body'] as Element[]).flatMap((e) => (e.id === undefined ? [] : [[e.id, e.value ?? '']])));

  it('"staff" from anyone else is a plain refusal, and nothing is read', async () => {
    const reply = await ask('staff', SOCIAL_WORKER);
    expect(reply?.['text']).toBe('Only a staff administrator can see or change the staff directory. Ask your team manager who administers it.');
    expect(cardIn(reply)).toBeUndefined();
  });

  it('"staff" shows an administrator the directory, empty at first, with a button to add a person', async () => {
    const card = cardIn(await ask('staff', ADMIN));
    expect(sentencesOf(card)).toEqual(['Staff directory', "Who may be a case's social worker, team manager or chair. 0 people are listed."]);
    expect(JSON.stringify(card)).toContain('"title":"Add a person"');
  });

  it('adds a person with the roles ticked, stores them, and says so on the directory', async () => {
    const form = await press('staff.form', {});
    expect(sentencesOf(form)[0]).toBe('Add a person to the staff directory');
    const requestId = JSON.stringify(form).match(/"requestId":"([0-9a-f-]{36})"/)?.[1];
    const card = await press('staff.set', { requestId, aadObjectId: MEGAN, displayName: 'Megan Bowen', roles: 'chair,team-manager' });
    expect(sentencesOf(card)).toEqual([
      'Staff directory',
      "Who may be a case's social worker, team manager or chair. 1 person is listed.",
      'Megan Bowen is listed as a team manager and chair.',
      'Megan Bowen',
      'Team manager, chair',
    ]);
    expect(await env.bot.services.staff.find(TENANT, MEGAN)).toMatchObject({ displayName: 'Megan Bowen', roles: ['team-manager', 'chair'], updatedBy: ADMIN });
  });

  it('"Change" fills the form with the person as listed', async () => {
    const form = await press('staff.form', { aadObjectId: MEGAN });
    expect(sentencesOf(form)[0]).toBe('Change Megan Bowen');
    expect(valuesOf(form)).toEqual({ aadObjectId: MEGAN, displayName: 'Megan Bowen', roles: 'team-manager,chair' });
  });

  it('"Change" naming someone by anything but an Entra id is refused as a card not of ours, not a fault (found by fuzzing)', async () => {
    for (const aadObjectId of ['user-id-9', 'x/y', `${MEGAN}\u202e`]) {
      expect([aadObjectId, sentencesOf(await press('staff.form', { aadObjectId }))]).toEqual([aadObjectId, ['Not done', 'The card did not say who', 'Nothing was changed.']]);
    }
  });

  it('a refused form comes back exactly as typed, every problem beside its field, and nothing is written', async () => {
    const before = await snapshot(env.tables, 'staff');
    const card = await press('staff.set', { requestId: randomUUID(), aadObjectId: 'user-id-9', displayName: '', roles: '' });
    expect(sentencesOf(card)[1]).toBe('Nothing was saved: put right what is marked below, then try again.');
    expect(valuesOf(card)).toEqual({ aadObjectId: 'user-id-9', displayName: '', roles: '' });
    expect(besideField(card, 'aadObjectId')).toBe("Pick the person from your organisation's people");
    expect(besideField(card, 'displayName')).toBe('Name is needed');
    expect(besideField(card, 'roles')).toBe('Choose at least one role');
    expect(await snapshot(env.tables, 'staff')).toEqual(before);
  });

  it('a card action from anyone but an administrator is refused, and nothing is written', async () => {
    const before = await snapshot(env.tables, 'staff');
    for (const [verb, data] of [
      ['staff.set', { requestId: randomUUID(), aadObjectId: MEMBER, displayName: 'Me', roles: 'team-manager,chair' }],
      ['staff.remove', { requestId: randomUUID(), aadObjectId: MEGAN }],
      ['staff.form', {}],
      ['staff.list', {}],
    ] as const) {
      const card = await press(verb, data, MEMBER);
      expect(sentencesOf(card), verb).toEqual(['Not done', 'Only a staff administrator can see or change the staff directory. Ask your team manager who administers it.', 'Nothing was changed.']);
    }
    expect(await snapshot(env.tables, 'staff')).toEqual(before);
  });

  it('removes a person, once however often the button is pressed', async () => {
    const requestId = randomUUID();
    const card = await press('staff.remove', { requestId, aadObjectId: MEGAN });
    expect(sentencesOf(card).slice(1, 3)).toEqual([
      "Who may be a case's social worker, team manager or chair. 0 people are listed.",
      'Megan Bowen is no longer listed. Cases they already hold are unchanged.',
    ]);
    const after = await snapshot(env.tables, 'staff');
    expect(sentencesOf(await press('staff.remove', { requestId, aadObjectId: MEGAN }))[2]).toBe('That person is no longer listed.');
    expect(await snapshot(env.tables, 'staff')).toEqual(after);
    expect(await env.bot.services.staff.find(TENANT, MEGAN)).toBeNull();
  });
});
