import { describe, expect, it } from 'vitest';
import { createTableMeter, usageBetween } from '../../bench/chat/tableMeter.js';
import { testTables } from '../setup/tables.js';
import { tellStory } from '../support/caseStory.js';
import { cardIn, sentencesOf, textsOf } from '../support/cards.js';
import { cardInvoke, invokeAnswer, MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsActivity, teamsMessage } from './activities.js';
import { startFakeConnector } from './fakeConnector.js';
import { CHAIR, seedStories, TEAM_MANAGER } from './seedStories.js';
import { askOnce, botOnStorage } from './botOnStorage.js';
import { startTestBot, TEST_STAFF } from './testBot.js';

/** Someone whose two cases share an alias, and a third whose alias holds it. */
const ASH_WORKER = 'aaaaaaaa-0000-4000-8000-000000000030';

/**
 * Replies that read well: the review conference, a case named by its alias, statements told apart from
 * questions, buttons for what comes next, and a welcome on installation. Over real HTTP, on real tables, as of
 * Fri 5 Feb 2027 (test/e2e/seedStories.ts).
 */
describe('replies that read well', () => {
  const env = botOnStorage(
    'replies',
    async ({ bot, tables }) => {
      await seedStories(tables, bot.services);
      const socialWorker = { tenantId: TENANT, aadObjectId: ASH_WORKER };
      for (const [caseRef, alias] of [['CP-2001', 'Ash'], ['CP-2002', 'ash'], ['CP-2003', 'Ash Grove']] as const) {
        await tellStory(tables, bot.services, { caseRef, alias, policyId: 'york', icpc: '2027-01-25', socialWorker, teamManager: TEAM_MANAGER, chair: CHAIR });
      }
    },
    { staff: [...TEST_STAFF, { aadObjectId: ASH_WORKER, displayName: 'Ash Worker', roles: ['social-worker'] }] },
  );

  const ask = (text: string, aadObjectId?: string) => askOnce(env, text, aadObjectId);
  const sentences = async (text: string, aadObjectId?: string) => sentencesOf(cardIn(await ask(text, aadObjectId)));
  /** Each button: its title, and the verb and case it sends (or "asks it" for a button that asks its own title). */
  const buttonsOf = (card: unknown): string[] => {
    const buttons: string[] = [];
    JSON.stringify(card, (_key, value: unknown) => {
      const action = value as { type?: string; title?: string; verb?: string; data?: { caseRef?: string; ask?: string } };
      if (action?.type === 'Action.Execute') buttons.push(`${action.title}: ${action.verb} ${action.data?.caseRef}`);
      if (action?.type === 'Action.Submit' && action.data?.ask === action.title) buttons.push(`${action.title}: asks it`);
      return value;
    });
    return buttons;
  };

  describe('the review conference', () => {
    it('"when is the next review conference for CP-1003?" answers with its date, status and reason', async () => {
      expect(await sentences('when is the next review conference for CP-1003?')).toEqual([
        'Next review conference for CP-1003',
        'CP-1003',
        'Upcoming',
        // Seed 001: the first review within 3 months of the ICPC (Mon 7 Dec 2026); 7 Mar 2027 is a Sunday.
        'Next review conference due by Fri 5 Mar 2027',
        "3 months after the initial child protection case conference on 7 Dec 2026, moved back to the working day before as 7 Mar 2027 is a Sunday (ni-regional: 'the 3 month period between the Initial Child Protection Case Conference and the first Review')",
      ]);
    });

    it('"next rcpc" answers for every open case, soonest first', async () => {
      const texts = await sentences('next rcpc');
      expect(texts.slice(0, 2)).toEqual(['Next review conferences', '3 cases, 0 with the review conference overdue']);
      expect(texts.filter((text) => text.startsWith('Next review conference due'))).toEqual([
        'Next review conference due by Fri 5 Mar 2027',
        // Six-weekly ISU and York: within three months of the ICPC (Mon 14 Dec 2026, Mon 25 Jan 2027), both landing on a Sunday.
        'Next review conference due by Fri 12 Mar 2027',
        'Next review conference due by Fri 23 Apr 2027',
      ]);
    });
  });

  describe('a case named by its alias', () => {
    it('"next core group for Oak" answers for that case alone, from the one "my cases" query', async () => {
      const texts = await sentences('next core group for Oak');
      expect(texts.slice(0, 5)).toEqual(['Next core group for CP-1001', '1 case, 1 with something overdue', 'CP-1001 · Oak', 'Overdue', 'Next core group due by Wed 3 Feb 2027']);
      expect(env.bot.calls.map((call) => [call.method, ...call.args])).toEqual([['timelines.forActor', { tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, '2027-02-05']]);
    });

    it('works for overdue, the review and members, in any case', async () => {
      expect((await sentences('is birch overdue?')).slice(0, 1)).toEqual(['Nothing overdue for CP-1002']);
      expect((await sentences('next review for OAK')).slice(0, 4)).toEqual(['Next review conference for CP-1001', 'CP-1001 · Oak', 'Upcoming', 'Next review conference due by Fri 12 Mar 2027']);
      expect((await sentences('members of Birch'))[0]).toBe('Core group for CP-1002 · Birch');
    });

    it('an alias the asker has not got answers for all their cases, as the question without it would', async () => {
      expect((await sentences('next core group for Willow'))[0]).toBe('Next core groups');
      expect((await ask('members of Willow')).text).toBe('Which case? For example: members CP-1042');
    });

    it('two cases with the alias: asks which, by reference; a longer alias that holds it is its own', async () => {
      expect((await ask('next core group for Ash', ASH_WORKER)).text).toBe(
        '2 of your cases go by that name: CP-2001 · Ash, CP-2002 · ash. Which one? Ask with its reference. For example: due CP-2001',
      );
      expect((await ask('members of ash', ASH_WORKER)).text).toBe(
        '2 of your cases go by that name: CP-2001 · Ash, CP-2002 · ash. Which one? Ask with its reference. For example: members CP-2001',
      );
      expect((await sentences('next core group for Ash Grove', ASH_WORKER))[0]).toBe('Next core group for CP-2003');
    });

    it("another person's alias names nothing", async () => {
      expect((await sentences('next core group for Oak', MEMBER)).slice(0, 3)).toEqual(['Next core groups', '1 case, 0 with something overdue', 'CP-1002 · Birch']);
    });
  });

  describe('statements are recognised, never answered with the due card', () => {
    it.each([
      [
        'I held the core group for CP-1001 today',
        'No core group for CP-1001 is waiting to be recorded: none is scheduled on or before today. Schedule it, then record it; nothing was saved.',
      ],
      ['we had the cg on Monday', 'Which case? For example: held CP-1042 today'],
      [
        'send my apologies for CP-1002',
        'No core group for CP-1002 is arranged that you could send apologies for: nothing was sent or saved.',
      ],
    ])('%j', async (text, reply) => {
      const before = await env.bot.services.cases.queries.getCase({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, 'CP-1001');
      const answer = await ask(text);
      expect([answer.text, cardIn(answer)]).toEqual([reply, undefined]);
      expect((await env.bot.services.cases.queries.getCase({ tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, 'CP-1001')).version).toBe(before.version);
    });

    it('"plan circulated for CP-1001" answers with what follows its last core group, each with a date and Record, and the record can be corrected', async () => {
      const card = cardIn(await ask('plan circulated for CP-1001'));
      expect(sentencesOf(card)[0]).toBe('After the core group of Wed 23 Dec 2026 for CP-1001 · Oak');
      const [correct, ...records] = [...buttonsOf(card)].reverse();
      expect(correct).toBe('Correct this record: meeting.correctForm CP-1001');
      expect(records.every((button) => button.startsWith('Record: meeting.followUp CP-1001'))).toBe(true);
      expect(records.length).toBeGreaterThan(0);
    });
  });

  describe('the due card offers what comes next', () => {
    it('one case: Members, Add a member and Schedule a core group, for the social worker', async () => {
      const card = cardIn(await ask('due CP-1002'));
      expect(buttonsOf(card)).toEqual(['Members: members.show CP-1002', 'Add a member: member.addForm CP-1002', 'Schedule a core group: meeting.scheduleForm CP-1002']);
      expect(buttonsOf(cardIn(await ask('due CP-1002', MEMBER)))).toEqual(['Members: members.show CP-1002']);
    });

    it('"Members" shows that case\'s core group in place of the card', async () => {
      const { status, body } = await invokeAnswer(env.bot.url, cardInvoke('members.show', { caseRef: 'CP-1002' }, { serviceUrl: env.connector.serviceUrl }));
      expect([status, body.statusCode, body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
      expect(sentencesOf(body.value).slice(0, 2)).toEqual(['Core group for CP-1002 · Birch', '3 members, 1 not in Teams']);
    });

    it('"Members" on a case the presser is not on says it cannot be found, whether or not it exists', async () => {
      for (const caseRef of ['CP-1001', 'CP-9999']) {
        const { body } = await invokeAnswer(env.bot.url, cardInvoke('members.show', { caseRef }, { serviceUrl: env.connector.serviceUrl, aadObjectId: MEMBER }));
        expect(sentencesOf(body.value)).toEqual(['Not found', `I can't find ${caseRef} among your cases.`, 'Check the reference, or type "cases" to see the cases you are on. Nothing was changed.']);
      }
    });
  });

  describe('installation', () => {
    const installed = (conversationType: 'personal' | 'groupChat', membersAdded: ReadonlyArray<{ id: string }>) =>
      teamsActivity('conversationUpdate', { serviceUrl: env.connector.serviceUrl, conversationType }, { membersAdded });

    it('in the 1:1 chat: one welcome card, what the bot does and three questions to try', async () => {
      expect((await postActivity(env.bot.url, installed('personal', [{ id: `29:${SOCIAL_WORKER}` }, { id: '28:bot' }]))).status).toBe(200);
      // The installationUpdate Teams sends beside it is left alone: one welcome, not two.
      expect((await postActivity(env.bot.url, teamsActivity('installationUpdate', { serviceUrl: env.connector.serviceUrl }, { action: 'add' }))).status).toBe(200);
      const [welcome, ...more] = env.connector.sentMessages();
      expect(more).toEqual([]);
      const card = cardIn(welcome?.body);
      expect(sentencesOf(card)).toEqual([
        'Welcome to the Core group bot',
        'I keep child protection core groups on their timescales: when each core group and review conference is due and why, what is overdue, and who is in each core group.',
        'Ask in your own words, or try one of these:',
        'Case details are given only here, in our 1:1 chat, and cards show case references and aliases: never a child\'s or family\'s name. Type "help" for everything I can do.',
      ]);
      expect(buttonsOf(card)).toEqual(['when is the next core group due?: asks it', 'anything overdue?: asks it', 'my cases: asks it']);
      expect(env.bot.calls).toEqual([]);
    });

    it("a welcome button asks its question: answered as if typed, and 1:1 only like any question", async () => {
      const pressed = (conversationType: 'personal' | 'groupChat') =>
        teamsActivity('message', { serviceUrl: env.connector.serviceUrl, conversationType }, { value: { ask: 'anything overdue?' } });
      expect((await postActivity(env.bot.url, pressed('personal'))).status).toBe(200);
      expect(sentencesOf(cardIn(env.connector.sentMessages()[0]?.body)).slice(0, 1)).toEqual(['6 overdue on 2 cases']);
      env.connector.reset();
      expect((await postActivity(env.bot.url, pressed('groupChat'))).status).toBe(200);
      expect(env.connector.sentMessages().map((sent) => sent.body.text)).toEqual(['Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).']);
    });

    it('in a group: a one-line hello with no case data', async () => {
      expect((await postActivity(env.bot.url, installed('groupChat', [{ id: '28:bot' }]))).status).toBe(200);
      expect(env.connector.sentMessages().map((sent) => [sent.body.text, sent.body.attachments])).toEqual([
        ['Hello! I am the Core group bot. I answer about cases only in our 1:1 chat: open the Core group bot app in Teams.', undefined],
      ]);
    });

    it('someone else joining a chat the bot is in is not welcomed', async () => {
      expect((await postActivity(env.bot.url, installed('groupChat', [{ id: `29:${MEMBER}` }]))).status).toBe(200);
      expect(env.connector.sentMessages()).toEqual([]);
    });
  });

  it('help in a group chat gives the general examples and reads no case', async () => {
    const response = await postActivity(env.bot.url, teamsMessage('help', { serviceUrl: env.connector.serviceUrl, conversationType: 'groupChat' }));
    expect(response.status).toBe(200);
    const card = cardIn(env.connector.sentMessages()[0]?.body);
    expect(textsOf(card)).toContain('members CP-1042');
    expect(JSON.stringify(card)).not.toContain('CP-100');
    expect(env.bot.calls).toEqual([]);
  });
});

describe('naming a case by alias costs no storage beyond the question without it', () => {
  it('"next core group for Oak" takes as many table transactions as "when is the next core group due?"', async () => {
    const meter = createTableMeter();
    const tables = await testTables('aliasCost', meter.options);
    const connector = await startFakeConnector();
    const bot = await startTestBot({ tables });
    try {
      await seedStories(tables, bot.services);
      const cost = async (text: string) => {
        await postActivity(bot.url, teamsMessage(text, { serviceUrl: connector.serviceUrl })); // settles the index on first read
        const before = meter.usage();
        expect((await postActivity(bot.url, teamsMessage(text, { serviceUrl: connector.serviceUrl }))).status).toBe(200);
        return usageBetween(before, meter.usage()).transactions;
      };
      const plain = await cost('when is the next core group due?');
      expect(plain).toBeGreaterThan(0);
      expect(await cost('next core group for Oak')).toBe(plain);
    } finally {
      await bot.close();
      await connector.close();
    }
  });
});
