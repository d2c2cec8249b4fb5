import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, SOCIAL_WORKER, TENANT } from './activities.js';
import { botOnStorage } from './botOnStorage.js';
import { CHAIR, OTHER_CHAIR, TEAM_MANAGER } from './seedStories.js';
import { TEST_STAFF } from './testBot.js';

type Json = Record<string, unknown>;

const DELIVERY_MANAGER = 'eeeeeeee-0000-4000-8000-000000000010';

/**
 * Roles over time in Teams: the case's team manager opens "Change roles" from the members card and hands the chair's
 * role to a listed chair, or records the service delivery manager; the new holder and the one before are told in
 * their 1:1 chats, over real HTTP and storage with the fake connector.
 */
describe('changing who holds a role on a case', () => {
  const env = botOnStorage(
    'roles',
    async ({ bot, tables }) => {
      await tellStory(tables, bot.services, {
        caseRef: 'CP-3201',
        alias: 'Ash',
        policyId: 'york',
        icpc: '2027-01-25',
        socialWorker: { tenantId: TENANT, aadObjectId: SOCIAL_WORKER },
        teamManager: TEAM_MANAGER,
        chair: CHAIR,
      });
    },
    { staff: [...TEST_STAFF, { aadObjectId: DELIVERY_MANAGER, displayName: 'Dee Delivery', roles: ['service-delivery-manager'] }] },
  );
  const as = (aadObjectId: string) => ({ tenantId: TENANT, aadObjectId });
  const press = async (verb: string, data: Json, aadObjectId = TEAM_MANAGER): Promise<Json> => {
    const { status, body } = await invokeAnswer(env.bot.url, cardInvoke(verb, data, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
    expect([status, body.statusCode]).toEqual([200, 200]);
    return body.value as Json;
  };
  /** Each proactive card as [recipient, its sentences], once the outbox is drained. */
  const told = async () =>
    (await env.drain(), env.connector.sentMessages()).map((sent) => [String(sent.conversationId).replace(/^a:(created|personal)-/, ''), sentencesOf(cardIn(sent.body))]);
  const facts = (card: Json) => (card['body'] as Array<{ type?: string; facts?: unknown }>).find((element) => element.type === 'FactSet')?.facts;
  const besideField = (card: Json, id: string) => {
    const body = card['body'] as Array<{ id?: string; type?: string; text?: string }>;
    const next = body[body.findIndex((element) => element.id === id) + 1];
    return next?.type === 'TextBlock' ? next.text : undefined;
  };

  it('the team manager is offered "Change roles" on the members card, and the form names who holds each role', async () => {
    expect(JSON.stringify(await press('members.show', { caseRef: 'CP-3201' }))).toContain('"verb":"case.rolesForm"');
    expect(JSON.stringify(await press('members.show', { caseRef: 'CP-3201' }, SOCIAL_WORKER))).not.toContain('case.rolesForm');
    const form = await press('case.rolesForm', { caseRef: 'CP-3201' });
    expect(sentencesOf(form)[0]).toBe('Change who holds a role on CP-3201 · Ash');
    expect(facts(form)).toEqual([
      { title: 'Social worker', value: 'Sam Worker' },
      { title: 'Team manager', value: 'you' },
      { title: 'Chair', value: 'Chris Chair' },
      { title: 'Service delivery manager', value: 'none recorded' },
    ]);
  });

  it('the social worker may not change roles: refused, nothing changed', async () => {
    expect(sentencesOf(await press('case.rolesForm', { caseRef: 'CP-3201' }, SOCIAL_WORKER))).toEqual([
      'Not done',
      "Only the team manager can change who holds the case's roles on case CP-3201.",
      'Nothing was changed.',
    ]);
  });

  it('someone not listed as a chair is refused beside the picker, the role kept as chosen, and nothing changes', async () => {
    const card = await press('case.reassignRole', { caseRef: 'CP-3201', requestId: randomUUID(), role: 'chair', to: SOCIAL_WORKER });
    expect(besideField(card, 'to')).toBe('Sam Worker is not listed as a chair. Pick a chair, or ask your staff administrator to list them.');
    expect((card['body'] as Array<{ id?: string; value?: string }>).find((element) => element.id === 'role')?.value).toBe('chair');
    expect((await env.bot.services.cases.queries.getCase(as(TEAM_MANAGER), 'CP-3201')).chair).toBe(CHAIR);
    expect(await told()).toEqual([]);
  });

  it('hands the chair on: stored, both chairs told, the answer over the members card; a re-sent press changes and tells nothing more', async () => {
    const submit = { caseRef: 'CP-3201', requestId: randomUUID(), role: 'chair', to: OTHER_CHAIR };
    const card = await press('case.reassignRole', submit);
    expect(sentencesOf(card)).toContain('Olu Chair is now the chair for CP-3201 · Ash.');
    expect((await env.bot.services.cases.queries.getCase(as(TEAM_MANAGER), 'CP-3201')).chair).toBe(OTHER_CHAIR);
    expect(await told()).toEqual([
      [OTHER_CHAIR, ['You are now the chair for CP-3201 · Ash', 'Ask "my cases" to see it with your other cases.']],
      [CHAIR, ['CP-3201 · Ash has a new chair', 'Olu Chair is now the chair for CP-3201 · Ash instead of you.']],
    ]);

    env.connector.reset();
    expect(sentencesOf(await press('case.reassignRole', submit))).toContain('Olu Chair is now the chair for CP-3201 · Ash.');
    expect(await told()).toEqual([]);
    const audit = await env.bot.services.cases.queries.auditTrail(as(TEAM_MANAGER), 'CP-3201');
    expect(audit.items.filter((entry) => entry.operation === 'reassign-role').map((entry) => [entry.before, entry.after])).toEqual([[`chair ${CHAIR}`, `chair ${OTHER_CHAIR}`]]);
  });

  it('records the service delivery manager, who is told', async () => {
    const card = await press('case.reassignRole', { caseRef: 'CP-3201', requestId: randomUUID(), role: 'service-delivery-manager', to: DELIVERY_MANAGER });
    expect(sentencesOf(card)).toContain('Dee Delivery is now the service delivery manager for CP-3201 · Ash.');
    expect(await told()).toEqual([[DELIVERY_MANAGER, ['You are now the service delivery manager for CP-3201 · Ash', 'You will be told of escalations on CP-3201 · Ash.']]]);
    expect(facts(await press('case.rolesForm', { caseRef: 'CP-3201' }))).toContainEqual({ title: 'Service delivery manager', value: 'Dee Delivery' });
  });
});
