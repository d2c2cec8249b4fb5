import { describe, expect, it } from 'vitest';
import { NotAllowed } from '../../src/cases/errors.js';
import { cardIn, sentencesOf } from '../support/cards.js';
import { MEMBER, postActivity, SOCIAL_WORKER, TENANT, teamsMessage } from './activities.js';
import { CHAIR, seedStories, STRANGER, TEAM_MANAGER } from './seedStories.js';
import { askOnce, botOnStorage } from './botOnStorage.js';

/**
 * Questions in chat over real HTTP, answered from real cases in Azure Tables (in-memory Azurite) through the
 * case service and the timeline engine; replies captured by a fake connector. Today is Fri 5 Feb 2027.
 */
describe('plain-words questions answered from the cases', () => {
  const env = botOnStorage('chat', async ({ bot, tables }) => {
    await seedStories(tables, bot.services);
  });

  const ask = (text: string, aadObjectId?: string) => askOnce(env, text, aadObjectId);
  const sentences = async (text: string, aadObjectId?: string) => sentencesOf(cardIn(await ask(text, aadObjectId)));
  /** A card's facts, "title: value". */
  const factsOf = (card: unknown) => {
    const facts: string[] = [];
    JSON.stringify(card, (key, value: unknown) => {
      if (key === 'facts' && Array.isArray(value)) for (const fact of value as Array<{ title: string; value: string }>) facts.push(`${fact.title}: ${fact.value}`);
      return value;
    });
    return facts;
  };
  /** Per case on a summary card: label, status, headline. */
  const caseLines = (texts: string[]) =>
    texts.flatMap((text, i) => (/^CP-\d{4}/.test(text) ? [[text, texts[i + 1], texts[i + 2]]] : []));

  const OVERDUE_FIRST = [
    ['CP-1003', 'Target passed', 'Next core group target date Mon 18 Jan 2027'],
    ['CP-1001 · Oak', 'Overdue', 'Next core group due by Wed 3 Feb 2027'],
    ['CP-1002 · Birch', 'Upcoming', 'Next core group due by Mon 1 Mar 2027'],
  ];

  it('answers "when is the next core group due?" for every case, overdue first, each with its reason', async () => {
    const texts = await sentences('when is the next core group due?');
    expect(texts.slice(0, 2)).toEqual(['Next core groups', '3 cases, 2 with something overdue']);
    expect(caseLines(texts)).toEqual(OVERDUE_FIRST);
    expect(texts).toContain(
      "6 weeks after the core group on 23 Dec 2026 (six-weekly-isu: 'at least every six weeks thereafter – whether a review takes place in the period or not')",
    );
    // NI: the typed record was due 14 working days after 14 Dec 2026, past Christmas and the 28 Dec substitute day.
    expect(texts).toContain('Record distributed (core group on Mon 14 Dec 2026): overdue since Wed 6 Jan 2027');
    expect(texts).toContain('Plan circulated (core group on Wed 23 Dec 2026): overdue since Mon 4 Jan 2027');
    expect(env.bot.calls.map((call) => [call.method, ...call.args])).toEqual([['timelines.forActor', { tenantId: TENANT, aadObjectId: SOCIAL_WORKER }, '2027-02-05']]);
  });

  it('understands typos and a case reference in any case', async () => {
    expect(caseLines(await sentences('wen is the nxt core gruop due'))).toEqual(OVERDUE_FIRST);
    const one = await sentences("when's the next cg for cp-1001");
    expect(one[0]).toBe('Next core group for CP-1001');
    expect(caseLines(one)).toEqual([OVERDUE_FIRST[1]]);
  });

  it('answers a 28,000-character message by its opening words, as it would the question alone', async () => {
    const pasted = `when is the next core group due? ${'Notes pasted from the case file, line after line. '.repeat(560)}`;
    expect(pasted.length).toBeGreaterThan(28_000);
    expect(caseLines(await sentences(pasted))).toEqual(OVERDUE_FIRST);
  });

  it('"anything due by 12/2?" (read the British way) keeps what falls due by then, and anything overdue', async () => {
    const texts = await sentences('anything due by 12/2?');
    expect(texts[0]).toBe('Core groups due by Fri 12 Feb 2027');
    expect(caseLines(texts)).toEqual(OVERDUE_FIRST.slice(0, 2));
  });

  it('"anything overdue?" lists only what is overdue, under a heading that counts its lines', async () => {
    const texts = await sentences('anything overdue?');
    expect(texts.slice(0, 2)).toEqual(['6 overdue on 2 cases', '5 past a deadline, 1 past a target date (not a breach)']);
    const shown = texts.filter((text) => /^(Next core group|[A-Z][a-z].*: (overdue|target passed) since)/.test(text));
    expect(shown).toEqual([
      // CP-1003: the target, then the rest by date (the child was due to be seen 4 weeks after the conference).
      'Next core group target date Mon 18 Jan 2027',
      'Child seen: overdue since Mon 4 Jan 2027',
      'Record distributed (core group on Mon 14 Dec 2026): overdue since Wed 6 Jan 2027',
      // CP-1001: the outline plan was due the working day after the conference, the plan 5 working days after the core group.
      'Next core group due by Wed 3 Feb 2027',
      'Outline plan sent: overdue since Tue 15 Dec 2026',
      'Plan circulated (core group on Wed 23 Dec 2026): overdue since Mon 4 Jan 2027',
    ]);
  });

  it('"my cases" lists every case with the asker\'s role on it', async () => {
    const roles = async (aadObjectId: string) => {
      const texts = sentencesOf(cardIn(await ask('my cases', aadObjectId)));
      const labels = caseLines(texts).map(([label]) => label);
      return labels.map((label, i) => [label, texts.filter((text) => text.startsWith('Your role: '))[i]]);
    };
    expect(await roles(SOCIAL_WORKER)).toEqual([
      ['CP-1003', 'Your role: Social worker'],
      ['CP-1001 · Oak', 'Your role: Social worker'],
      ['CP-1002 · Birch', 'Your role: Social worker'],
    ]);
    expect(await roles(CHAIR)).toEqual([
      ['CP-1001 · Oak', 'Your role: Chair'],
      ['CP-1002 · Birch', 'Your role: Chair'],
    ]);
    expect(await roles(MEMBER)).toEqual([['CP-1002 · Birch', 'Your role: Core group member']]);
  });

  describe('each person sees only their cases, in their role', () => {
    it('a core group member sees the one case they are on', async () => {
      expect(caseLines(await sentences('due', MEMBER))).toEqual([OVERDUE_FIRST[2]]);
    });

    it('a team manager sees the cases they manage', async () => {
      expect(caseLines(await sentences('due', TEAM_MANAGER))).toEqual(OVERDUE_FIRST);
    });

    it('a chair sees the cases they chair', async () => {
      expect(caseLines(await sentences('due', CHAIR)).map(([label]) => label)).toEqual(['CP-1001 · Oak', 'CP-1002 · Birch']);
    });

    it('someone on no case is told so', async () => {
      expect(await sentences('due', STRANGER)).toEqual(['Next core groups', '0 cases, 0 with something overdue', 'You have no open cases you can see.']);
    });

    it('a case the asker is not on is answered in the same words as one that does not exist', async () => {
      const notFound = (ref: string) => `I can't find ${ref} among your cases. Check the reference, or type "cases" to see the cases you are on.`;
      expect((await ask('members CP-1001', MEMBER)).text).toBe(notFound('CP-1001'));
      expect((await ask('due CP-1001', STRANGER)).text).toBe(notFound('CP-1001'));
      expect((await ask('when is the next review conference for CP-1001?', STRANGER)).text).toBe(notFound('CP-1001'));
      expect((await ask('due CP-9999', STRANGER)).text).toBe(notFound('CP-9999'));
      expect((await ask('due CP-9999')).text).toBe(notFound('CP-9999'));
    });
  });

  it('lists the core group, family members by their label and role, and says how papers reach who cannot be reached in Teams', async () => {
    const reply = await ask('members CP-1002');
    expect(sentencesOf(cardIn(reply))).toEqual([
      'Core group for CP-1002 · Birch',
      '3 members, 1 not in Teams',
      "Sam Worker, Children's social care",
      'Professional · M1 · you',
      'Hana Visitor, Health visiting',
      'Professional · M2',
      'Parent A',
      'Parent or carer · M3',
      'Not in Teams, so the bot cannot message them. Papers: Hand delivered',
    ]);
  });

  it('asks which case when members is typed without one', async () => {
    expect((await ask('members')).text).toBe('Which case? For example: members CP-1042');
    expect(env.bot.calls).toEqual([]);
  });

  it('shows help, its examples on one of the asker\'s own cases, and help after an apology for anything it does not understand', async () => {
    const help = cardIn(await ask('help'));
    expect(sentencesOf(help)[0]).toBe('Core group bot');
    expect(factsOf(help)).toEqual([
      'due: when the next core groups are due, and why; add a case reference for one case',
      'review CP-1001: when the next review conference is due, and why',
      'overdue: anything past its due date',
      'cases: the cases you are on',
      'members CP-1001: who is in a core group',
      'schedule CP-1001: schedule the next core group, on the date its timescale proposes',
      'reports CP-1001: the updates sent for the next core group, and who has sent nothing',
      'new case: set up a case',
      'digest: your digest of what is overdue: say "digest daily" or "digest weekly" to choose',
      'help: this list',
      'next core group for Oak: a case by its alias, as well as by its reference',
    ]);
    expect(factsOf(cardIn(await ask('help', MEMBER)))).toContain('members CP-1002: who is in a core group');
    // On no case: the manifest's general example.
    expect(factsOf(cardIn(await ask('help', STRANGER)))).toContain('members CP-1042: who is in a core group');
    const reply = await ask('tell me a joke');
    expect(reply.text).toMatch(/^Sorry, I did not understand that\./);
    expect(JSON.stringify(cardIn(reply))).toContain('members CP-1001');
    expect(env.bot.calls.map((call) => call.method)).toEqual(['cases.myCases', 'cases.myCases', 'cases.myCases', 'cases.myCases']);
  });

  it('help answers with the general examples when the cases cannot be read', async () => {
    env.bot.failNext(new Error('storage exploded'));
    expect(factsOf(cardIn(await ask('help')))).toContain('members CP-1042: who is in a core group');
  });

  it('answers "hi" with a greeting and what to try, not an apology', async () => {
    for (const greeting of ['hi', 'Hello!', 'good morning']) {
      const reply = await ask(greeting);
      expect(reply.text).toBe('Hello! I keep your core groups on their timescales. Try "when is the next core group due?", "anything overdue?" or "my cases":');
      expect(sentencesOf(cardIn(reply))[0]).toBe('Core group bot');
    }
  });

  it("shows the case service's refusal on a card, and apologises for anything else", async () => {
    env.bot.failNext(new NotAllowed('Only the chair can record a quality-assurance decision on case CP-1001.'));
    expect((await sentences('my cases')).slice(0, 3)).toEqual(['Not done', 'Only the chair can record a quality-assurance decision on case CP-1001.', 'Nothing was changed.']);
    env.bot.failNext(new Error('storage exploded'));
    expect((await ask('my cases')).text).toBe('Sorry, something went wrong and I could not answer that. Please try again in a moment.');
  });

  it('keeps case answers out of group chats and channels, pointing to the 1:1 chat', async () => {
    for (const conversationType of ['groupChat', 'channel'] as const) {
      env.connector.reset();
      expect((await postActivity(env.bot.url, teamsMessage('due CP-1001', { serviceUrl: env.connector.serviceUrl, conversationType }))).status).toBe(200);
      expect(env.connector.sentMessages().map((entry) => [entry.conversationId, entry.body.text])).toEqual([
        ['19:group@thread.v2', 'Case details stay private: ask me in our 1:1 chat (open the Core group bot app in Teams).'],
      ]);
    }
    expect(env.bot.calls).toEqual([]);
  });

  it('refuses a body that is not an activity with 400, touching nothing', async () => {
    expect((await postActivity(env.bot.url, { text: 'no type' })).status).toBe(400);
    expect((await postActivity(env.bot.url, [1, 2])).status).toBe(400);
    expect(env.connector.hits()).toBe(0);
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${env.bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
