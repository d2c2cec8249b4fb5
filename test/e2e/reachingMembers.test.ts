import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMembers } from '../../bot/actions/invitation.js';
import { graphAppInstaller } from '../../bot/graph/appInstaller.js';
import { silentLogger } from '../../bot/log.js';
import type { ConversationRefStore } from '../../bot/notify/conversationRefs.js';
import { createDelivery, type Delivery, type DeliveryDeps } from '../../bot/notify/delivery.js';
import { tableRefStore } from '../../bot/notify/tableRefStore.js';
import { createBotServices, type BotServices } from '../../bot/services.js';
import { Secret } from '../../src/config.js';
import { outboxAddress, outboxKey } from '../../src/delivery/outboxItem.js';
import { ConversationRefs } from '../../src/store/conversationRefs.js';
import { fixedClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { FAKE_GRAPH_TOKEN, fakeGraphCredential, startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { recordingLogger } from '../support/recordingLogger.js';
import { MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';
import { createSamsCase } from './seedStories.js';
import { startTestBot, TEST_STAFF, TODAY, type TestBot } from './testBot.js';

/** The Teams app's id in the organisation's catalog, as GRAPH_TEAMS_APP_ID gives it. */
const TEAMS_APP = '7a1b2c3d-0000-4000-8000-00000000abcd';
/** Never heard from: Graph installs the app for them, and after Teams catches up their chat opens. */
const INSTALLABLE = 'eeeeeeee-0000-4000-8000-000000000001';
/** Never heard from, and Graph refuses to install the app for them. */
const REFUSED = 'eeeeeeee-0000-4000-8000-000000000002';
/** Has a chat with the bot, and has blocked it. */
const BLOCKED = 'eeeeeeee-0000-4000-8000-000000000003';
/** Never heard from; Teams takes longer than the bounded retry to see the installation. */
const SLOW = 'eeeeeeee-0000-4000-8000-000000000006';
/** Added after the first summary, with a chat of their own. */
const LATER = 'eeeeeeee-0000-4000-8000-000000000004';

const chatOf = (aadObjectId: string) => `a:chat-${aadObjectId}`;
const NOT_IN_ROSTER = { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } } as const;
/** Whether Teams has seen SLOW's installation yet. */
let teamsCaughtUp = false;
const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };

/**
 * Reaching every member of a core group, over real HTTP and storage on Fri 5 Feb 2027: invitations through the
 * outbox to the fake connector, Microsoft Graph (a fake, on its own port) installing the app for a member who lacks
 * it, and one delivery summary for the social worker naming who was reached and who must be invited another way.
 */
describe('reaching every member', () => {
  let connector: FakeConnector;
  let graph: FakeGraph;
  let bot: TestBot;

  beforeAll(async () => {
    connector = await startFakeConnector();
    graph = await startFakeGraph(TEAMS_APP);
    bot = await startTestBot({ tables: (await testStorage('reachbot')).tables });
    // Teams refuses a 1:1 chat with someone without the app (403, as Teams answers it), until Graph has installed
    // it and Teams has caught up: the first try after the installation is still refused.
    const triesSinceInstall = new Map<string, number>();
    connector.rule(({ kind, memberId }) => {
      if (kind !== 'create-conversation' || memberId === undefined) return undefined;
      if (memberId === SLOW && !teamsCaughtUp) return NOT_IN_ROSTER;
      const tries = graph.isInstalled(memberId) ? (triesSinceInstall.get(memberId) ?? 0) + 1 : 0;
      triesSinceInstall.set(memberId, tries);
      return tries >= 2 ? undefined : NOT_IN_ROSTER;
    });
    connector.rule(({ kind, conversationId }) =>
      kind === 'send' && conversationId === chatOf(BLOCKED) ? { status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } } : undefined,
    );
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await graph?.close();
  });

  interface Group {
    readonly delivery: Delivery;
    readonly services: BotServices;
    readonly refs: ConversationRefStore;
    /** Drains the queue until nothing is left to send now. */
    drainAll(): Promise<void>;
  }

  /** A case with its own storage, its social worker and the members reachable in Teams known to the bot. */
  async function groupWith(prefix: string, caseRef: string, graphDeps: DeliveryDeps['graph']): Promise<Group> {
    const { tables, queues } = await testStorage(prefix);
    const clock = fixedClock(TODAY);
    const refs = tableRefStore(new ConversationRefs(tables.conversationRefs, clock));
    const delivery = createDelivery({ tables, queues, clock, proactive: { adapter: bot.adapter, botAppId: '', refs, log: silentLogger }, log: silentLogger, options: { visibilityTimeoutSeconds: 1 }, ...(graphDeps && { graph: graphDeps }) });
    const services = createBotServices(tables, { closureDays: [], outbox: delivery.outbox }, clock);
    await services.staff.importEntries(TENANT, TEST_STAFF);
    for (const person of [SOCIAL_WORKER, MEMBER, BLOCKED, LATER]) await refs.upsert({ tenantId: TENANT, aadObjectId: person, serviceUrl: connector.serviceUrl, conversationId: chatOf(person) });
    const { commands } = services.cases;
    await createSamsCase(commands, socialWorker, caseRef, { alias: 'Yew', policyId: 'six-weekly-joint-report', initialConferenceDate: '2027-02-01' });
    const drainAll = async () => {
      for (let round = 0; round < 10; round += 1) if ((await delivery.dispatcher.drain()).received === 0) return;
      throw new Error('the queue did not empty');
    };
    return { delivery, services, refs, drainAll };
  }

  const summariesTo = (aadObjectId: string) =>
    connector.received.filter((entry) => entry.conversationId === chatOf(aadObjectId) && JSON.stringify(entry.body).includes('Invitations for'));

  const graphFor = (credential = fakeGraphCredential(), log = recordingLogger()) => {
    const settings = { kind: 'on', url: graph.url, teamsAppId: TEAMS_APP, tenantId: TENANT, credential: { kind: 'secret', clientId: TEAMS_APP, secret: new Secret('s') } } as const;
    return { installer: graphAppInstaller({ settings, credential, log }), retryDelaysMs: [20, 20] };
  };

  it('installs the app with Graph for the member without it and reaches them; the social worker gets one summary naming everyone else, why, and how to invite them', async () => {
    const credential = fakeGraphCredential();
    const log = recordingLogger();
    const group = await groupWith('reachgraph', 'CP-3501', graphFor(credential, log));
    const { commands } = group.services.cases;
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: INSTALLABLE, displayName: 'Ivo Nurse', agency: 'School nursing', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: REFUSED, displayName: 'Rae Officer', agency: 'Police', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: BLOCKED, displayName: 'Bo Doctor', agency: 'GP practice', role: 'professional' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'family', label: 'Parent A', role: 'parent-or-carer', contactRoute: 'Printed copy handed over at home visits' });
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'external', displayName: 'Ola School', agency: 'School', role: 'professional', contactRoute: 'Secure email' });
    await commands.scheduleMeeting(socialWorker, 'CP-3501', { date: '2027-02-12', time: '10:00', venue: 'Family centre', type: 'first', chair: 'M1', noteTaker: 'M2' });
    graph.answerFor(REFUSED, { status: 403, body: { error: { code: 'Forbidden', message: 'Missing role permissions on the request.' } } });

    await inviteMembers(group.services, socialWorker, 'CP-3501', 'CG1');
    await group.drainAll();

    const installs = graph.calls.filter((call) => call.method === 'POST');
    // One install each for the two without the app: the installed one's retries open the chat without asking again.
    expect(installs.map((call) => call.path).sort()).toEqual([`/v1.0/users/${INSTALLABLE}/teamwork/installedApps`, `/v1.0/users/${REFUSED}/teamwork/installedApps`]);
    expect([...graph.installed]).toEqual([INSTALLABLE]);
    expect(installs.every((call) => call.authorization === `Bearer ${FAKE_GRAPH_TOKEN}`)).toBe(true);
    expect(installs[0]?.body).toEqual({ 'teamsApp@odata.bind': `${graph.url}/appCatalogs/teamsApps/${TEAMS_APP}` });
    expect(new Set(credential.scopes)).toEqual(new Set([`${new URL(graph.url).origin}/.default`]));

    // Reached: the member with a chat, and the one the app was installed for, in the chat then created and kept.
    const invited = connector.sentMessages().filter((entry) => JSON.stringify(entry.body).includes('First core group for CP-3501'));
    expect(invited.map((entry) => entry.conversationId).sort()).toEqual([`a:created-${INSTALLABLE}`, chatOf(MEMBER)].sort());
    expect(await group.refs.get(TENANT, INSTALLABLE)).toEqual({ tenantId: TENANT, aadObjectId: INSTALLABLE, serviceUrl: connector.serviceUrl, conversationId: `a:created-${INSTALLABLE}` });
    const rowOf = (recipientId: string) => group.delivery.outbox.get(outboxAddress(outboxKey.parse({ tenantId: TENANT, caseRef: 'CP-3501', kind: 'invitation', subject: 'CG1', recipientId, date: '2027-02-12' })));
    expect(await rowOf(INSTALLABLE)).toMatchObject({ state: 'sent' });
    expect(await rowOf(REFUSED)).toMatchObject({ state: 'unreachable', reason: 'install-refused' });
    expect(await rowOf(BLOCKED)).toMatchObject({ state: 'unreachable', reason: 'forbidden' });

    // One summary, and no "not delivered" notice for each invitation.
    const toSocialWorker = connector.sentMessages().filter((entry) => entry.conversationId === chatOf(SOCIAL_WORKER));
    expect(toSocialWorker).toHaveLength(1);
    expect(sentencesOf(cardIn(toSocialWorker[0]?.body))).toEqual([
      'Invitations for CP-3501 · Yew',
      'First core group, Fri 12 Feb 2027 at 10:00',
      'Invited and reached in Teams: Hana Visitor (Health visiting) and Ivo Nurse (School nursing).',
      'Not reached in Teams (4): invite them another way',
      'Rae Officer (Police)',
      'Why: app not installed, and Teams refused to install it for them',
      'Invite them by: not said',
      'Bo Doctor (GP practice)',
      'Why: they have blocked the bot in Teams, or it is turned off for them',
      'Invite them by: not said',
      'Parent A (parent or carer)',
      'Why: family member, not in Teams',
      'Invite them by: printed copy handed over at home visits',
      'Ola School (School)',
      'Why: outside the organisation, so not in Teams',
      'Invite them by: secure email',
      'Record the replies they send you from the members card ("members CP-3501").',
    ]);
    expect(JSON.stringify(log.entries)).not.toContain(FAKE_GRAPH_TOKEN);
    expect(log.entries.map(({ event, fields }) => [event, fields.aadObjectId, fields.httpStatus])).toEqual(
      expect.arrayContaining([
        ['graph.installed', INSTALLABLE, 201],
        ['graph.refused', REFUSED, 403],
      ]),
    );

    // A member added later is invited; the summary already sent is updated in place, not posted again.
    const summary = toSocialWorker[0]!;
    await commands.addMember(socialWorker, 'CP-3501', { kind: 'teams', aadObjectId: LATER, displayName: 'Lee Worker', agency: 'Youth service', role: 'professional' });
    await inviteMembers(group.services, socialWorker, 'CP-3501', 'CG1');
    await group.drainAll();
    const updates = summariesTo(SOCIAL_WORKER).filter((entry) => entry.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(connector.sentMessages().filter((entry) => entry.conversationId === chatOf(SOCIAL_WORKER))).toHaveLength(1);
    expect(sentencesOf(cardIn(updates[0]?.body))[2]).toBe('Invited and reached in Teams: Hana Visitor (Health visiting), Ivo Nurse (School nursing) and Lee Worker (Youth service).');
    expect(summary.kind).toBe('send');
    // Graph was not asked again: nobody new lacked the app.
    expect(graph.calls.filter((call) => call.method === 'POST')).toHaveLength(2);
  });

  it('without Graph configured, a member without the app is named plainly as not having it installed', async () => {
    const group = await groupWith('reachplain', 'CP-3502', undefined);
    const { commands } = group.services.cases;
    const NOT_INSTALLED = 'eeeeeeee-0000-4000-8000-000000000005';
    await commands.addMember(socialWorker, 'CP-3502', { kind: 'teams', aadObjectId: NOT_INSTALLED, displayName: 'Nia Teacher', agency: 'School', role: 'professional' });
    await commands.scheduleMeeting(socialWorker, 'CP-3502', { date: '2027-02-12', time: '14:00', venue: 'School', type: 'first', chair: 'M1', noteTaker: 'M2' });
    const before = graph.calls.length;
    await inviteMembers(group.services, socialWorker, 'CP-3502', 'CG1');
    await group.drainAll();

    expect(graph.calls).toHaveLength(before);
    const summaries = summariesTo(SOCIAL_WORKER).filter((entry) => JSON.stringify(entry.body).includes('CP-3502'));
    expect(summaries.map((entry) => entry.kind)).toEqual(['send']);
    expect(sentencesOf(cardIn(summaries[0]?.body)).slice(2)).toEqual([
      'Nobody was reached in Teams.',
      'Not reached in Teams (1): invite them another way',
      'Nia Teacher (School)',
      'Why: app not installed: the bot is not installed for them in Teams',
      'Invite them by: not said',
      'Record the replies they send you from the members card ("members CP-3502").',
    ]);
  });

  it('when Teams is slower to see the installation than the retries wait, tries again later: Graph answers 409 and the chat opens', async () => {
    const group = await groupWith('reachslow', 'CP-3503', graphFor());
    const { commands } = group.services.cases;
    await commands.addMember(socialWorker, 'CP-3503', { kind: 'teams', aadObjectId: SLOW, displayName: 'Sol Therapist', agency: 'CAMHS', role: 'professional' });
    await commands.scheduleMeeting(socialWorker, 'CP-3503', { date: '2027-02-12', time: '09:00', venue: 'Clinic', type: 'first', chair: 'M1', noteTaker: 'M2' });
    await inviteMembers(group.services, socialWorker, 'CP-3503', 'CG1');
    const installsFor = () => graph.calls.filter((call) => call.path === `/v1.0/users/${SLOW}/teamwork/installedApps`).length;

    expect(await group.delivery.dispatcher.drain()).toMatchObject({ received: 1, failed: 1, sent: 0 });
    expect(installsFor()).toBe(1);
    expect(graph.isInstalled(SLOW)).toBe(true);
    const row = () => group.delivery.outbox.get(outboxAddress(outboxKey.parse({ tenantId: TENANT, caseRef: 'CP-3503', kind: 'invitation', subject: 'CG1', recipientId: SLOW, date: '2027-02-12' })));
    expect(await row()).toMatchObject({ state: 'pending' });
    expect(summariesTo(SOCIAL_WORKER).filter((entry) => JSON.stringify(entry.body).includes('CP-3503'))).toEqual([]);

    teamsCaughtUp = true;
    // The failed send's message comes back once its visibility timeout (1 s here) has passed.
    for (let round = 0; round < 50 && (await row())?.state !== 'sent'; round += 1) {
      if ((await group.delivery.dispatcher.drain()).received === 0) await sleep(100);
    }
    await group.drainAll();

    expect(installsFor()).toBe(2);
    expect(await row()).toMatchObject({ state: 'sent', posted: { conversationId: `a:created-${SLOW}` } });
    const summary = summariesTo(SOCIAL_WORKER).filter((entry) => JSON.stringify(entry.body).includes('CP-3503'));
    expect(summary.map((entry) => entry.kind)).toEqual(['send']);
    expect(sentencesOf(cardIn(summary[0]?.body))[2]).toBe('Invited and reached in Teams: Sol Therapist (CAMHS).');
  });
});
