import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import { createSweep } from '../../bot/notify/sweep.js';
import { sweepSettingsSchema, type SweepSettingsInput } from '../../src/sweep/index.js';
import { cardIn, sentencesOf, textsOf } from '../support/cards.js';
import { travelClock, type TravelClock } from '../support/travelClock.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { askOnce, botOnStorage, type BotOnStorage } from './botOnStorage.js';
import { recipientOf } from './fakeConnector.js';
import { CHAIR, createSamsCase, TEAM_MANAGER } from './seedStories.js';
import { TEST_STAFF } from './testBot.js';

type Json = Record<string, unknown>;

const SERVICE_DELIVERY_MANAGER = 'aaaaaaaa-0000-4000-8000-000000000014';
const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };

/** The reminders' tests look at the morning: the digests (their own tests below) go at 17:30 there. */
const NO_DIGESTS_BEFORE_EVENING: SweepSettingsInput = { digestAt: '17:30' };


/** One sweep as the bot runs it, then everything it queued sent through the fake connector: each card by recipient. */
async function sweepAndSend(env: BotOnStorage, settings: SweepSettingsInput = NO_DIGESTS_BEFORE_EVENING): Promise<{ report: Json; sent: Array<{ to: string; lines: string[]; card: Json | undefined }> }> {
  const report = await createSweep({ services: env.bot.services, tables: env.tables, log: silentLogger, settings: sweepSettingsSchema.parse(settings) })(new AbortController().signal);
  await env.drain();
  const sent = env.connector.sentMessages().map((message) => ({ to: recipientOf(message.conversationId), lines: sentencesOf(cardIn(message.body)), card: cardIn(message.body) }));
  env.connector.reset();
  return { report, sent };
}

const titles = (sent: ReadonlyArray<{ to: string; lines: string[] }>) => sent.map(({ to, lines }) => `${to.slice(-2)} ${lines[0] ?? ''}`).sort();

/**
 * Issue 10 items 1 and 3 through the bot: the sweep reads the cases due, works out what each person is told today,
 * and queues it through the outbox, which the dispatcher sends to the 1:1 chats; only inside the send window, and
 * each message once however often it runs. On Azurite over HTTP, the clock moved day by day.
 */
describe('the sweep: reminders and nudges, each once, inside the window', () => {
  const clock: TravelClock = travelClock('2027-02-01', '09:00');
  const env = botOnStorage(
    'sweepremind',
    async (started) => {
      const { commands } = started.bot.services.cases;
      await createSamsCase(commands, socialWorker, 'CP-3801', { alias: 'Ash', policyId: 'york', initialConferenceDate: '2027-01-25' });
      await commands.addMember(socialWorker, 'CP-3801', { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
      await askOnce(started, 'my cases');
    },
    { clock },
  );

  it('tells the social worker to arrange the first core group, then reminds the member who has not answered 3 and 1 working days before it', async () => {
    // Mon 1 Feb: the first core group is due by Mon 8 Feb (10 working days after 25 Jan) and none is arranged.
    const nudged = await sweepAndSend(env);
    expect(titles(nudged.sent)).toEqual(['01 Arrange the next core group for CP-3801 · Ash']);
    expect(textsOf(nudged.sent[0]?.card)).toContain('Schedule a core group');

    const schedule = { caseRef: 'CP-3801', requestId: randomUUID(), date: '2027-02-08', time: '10:00', venue: 'Family centre', onlineLink: '', type: 'first', chair: 'M1', noteTaker: 'M1' };
    const scheduled = await invokeAnswer(env.bot.url, cardInvoke('meeting.schedule', schedule, { serviceUrl: env.connector.serviceUrl, aadObjectId: SOCIAL_WORKER }));
    expect([scheduled.status, scheduled.body.statusCode]).toEqual([200, 200]);
    await env.drain();
    env.connector.reset();

    // Tue 2 Feb: nothing new. Wed 3 Feb is 3 working days before Mon 8 Feb: Hana has not answered.
    clock.at('2027-02-02', '09:00');
    expect((await sweepAndSend(env)).sent).toEqual([]);
    clock.at('2027-02-03', '09:00');
    const reminded = await sweepAndSend(env);
    expect(reminded.report).toEqual({ casesDue: 1, outsideWindow: 0, notices: 1, queued: 1, alreadyQueued: 0, digestParts: 0, failed: 0 });
    expect(reminded.sent.map(({ to }) => to)).toEqual([MEMBER]);
    expect(reminded.sent[0]?.lines).toEqual([
      'Reminder: please answer the invitation to the first core group for CP-3801 · Ash',
      "No answer yet to the invitation to the core group CG1 on Mon 8 Feb 2027 at 10:00, 3 working days away (york: 'a member who cannot attend sends a written update on their part of the plan'); " +
        'members who have not answered are reminded 3 and 1 working days before the meeting (sweep settings).',
    ]);
    expect(textsOf(reminded.sent[0]?.card)).toEqual(expect.arrayContaining(['Case', 'CP-3801 · Ash', 'When', 'Mon 8 Feb 2027 at 10:00', 'I will attend', 'Send apologies']));

    // The same day again, and another instance's sweep: the outbox already has it.
    clock.at('2027-02-03', '16:30');
    const again = await sweepAndSend(env);
    expect(again.report).toMatchObject({ notices: 1, queued: 0, alreadyQueued: 1 });
    expect(again.sent).toEqual([]);

    // Fri 5 Feb, 1 working day before: before 08:00 nothing goes; at 08:00 the second reminder does.
    clock.at('2027-02-05', '07:59');
    expect(await sweepAndSend(env)).toEqual({ report: { casesDue: 1, outsideWindow: 1, notices: 0, queued: 0, alreadyQueued: 0, digestParts: 0, failed: 0 }, sent: [] });
    clock.at('2027-02-05', '08:00');
    expect(titles((await sweepAndSend(env)).sent)).toEqual(['02 Reminder: please answer the invitation to the first core group for CP-3801 · Ash']);

    // She answers from the reminder's own button; no reminder follows.
    const attending = await invokeAnswer(env.bot.url, cardInvoke('meeting.attending', { caseRef: 'CP-3801', meetingId: 'CG1', requestId: randomUUID() }, { serviceUrl: env.connector.serviceUrl, aadObjectId: MEMBER }));
    expect([attending.status, attending.body.statusCode]).toEqual([200, 200]);
    await env.drain();
    env.connector.reset();
    expect((await sweepAndSend(env)).sent).toEqual([]);
  });

  it('says nothing on a weekend or after 18:00, and catches up on the next working morning', async () => {
    // The core group was not held: Mon 8 Feb passed with nothing recorded. Sat 13 Feb and Mon 15 Feb 18:00 are outside.
    clock.at('2027-02-13', '10:00');
    expect((await sweepAndSend(env)).report).toMatchObject({ casesDue: 1, outsideWindow: 1, notices: 0 });
    clock.at('2027-02-15', '18:00');
    expect((await sweepAndSend(env)).report).toMatchObject({ outsideWindow: 1, notices: 0 });
    clock.at('2027-02-16', '08:05');
    const missed = await sweepAndSend(env);
    expect(titles(missed.sent)).toEqual(['01 Missed: Core group 1 (first) for CP-3801 · Ash', '10 Missed: Core group 1 (first) for CP-3801 · Ash']);
    // The social worker's card offers to record the meeting arranged for that day; the team manager's says who was told.
    const [forSocialWorker, forManager] = [...missed.sent].sort((a, b) => a.to.localeCompare(b.to));
    expect(textsOf(forSocialWorker?.card)).toEqual(expect.arrayContaining(['If CG1 was held, record it; if not, arrange a core group now.', 'Record the meeting']));
    expect(forManager?.lines.at(-1)).toBe('The social worker has been told.');
  });
});

/**
 * Seed 000's missed core group: the social worker and team manager are told, and the chair gets a card to record the
 * decision, which then goes to the team manager and the service delivery manager; its "hold within five working
 * days" deadline is swept like any other.
 */
describe("the sweep: a missed core group and the chair's decision (six-weekly-isu)", () => {
  const clock: TravelClock = travelClock('2026-12-31', '09:00');
  const env = botOnStorage(
    'sweepmissed',
    async (started) => {
      const { commands } = started.bot.services.cases;
      await createSamsCase(commands, socialWorker, 'CP-3802', { alias: 'Elm', policyId: 'six-weekly-isu', initialConferenceDate: '2026-12-14' });
      await commands.reassignRole({ tenantId: TENANT, aadObjectId: TEAM_MANAGER }, 'CP-3802', { role: 'service-delivery-manager', to: SERVICE_DELIVERY_MANAGER });
      await askOnce(started, 'my cases');
    },
    { clock, staff: [...TEST_STAFF, { aadObjectId: SERVICE_DELIVERY_MANAGER, displayName: 'Sade Delivery', roles: ['service-delivery-manager'] }] },
  );
  const decide = (decision: string | undefined, requestId: string) =>
    invokeAnswer(env.bot.url, cardInvoke('case.missedDecision', { caseRef: 'CP-3802', requestId, ...(decision !== undefined && { decision }) }, { serviceUrl: env.connector.serviceUrl, aadObjectId: CHAIR }));

  it('tells the social worker and team manager once, asks the chair, and records the decision the chair writes', async () => {
    // Thu 31 Dec 2026: the first core group was due by Wed 30 Dec.
    env.connector.reset();
    const first = await sweepAndSend(env);
    expect(titles(first.sent)).toEqual([
      '01 Missed: Core group 1 (first) for CP-3802 · Elm',
      '10 Missed: Core group 1 (first) for CP-3802 · Elm',
      '11 Record your decision: Core group 1 (first) for CP-3802 · Elm was missed',
    ]);
    const chairs = first.sent.find(({ to }) => to === CHAIR);
    expect(textsOf(chairs?.card)).toEqual(expect.arrayContaining(['The decision', 'Record the decision']));
    const press = (chairs?.card?.actions as Json[] | undefined)?.find((action) => action.title === 'Record the decision');
    const requestId = String((press?.data as Json | undefined)?.requestId);
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // Refused without a decision: the card again with the reason, nothing recorded.
    const refused = await decide('  ', requestId);
    expect([refused.status, refused.body.statusCode]).toEqual([200, 200]);
    expect(sentencesOf(refused.body.value)).toEqual(['Record your decision: Core group 1 (first) for CP-3802 · Elm was missed', 'Nothing was saved: Write down the decision']);
    const before = await env.bot.services.cases.queries.getCase({ tenantId: TENANT, aadObjectId: CHAIR }, 'CP-3802');
    expect(before.events.filter((event) => event.kind === 'missed-core-group-decision')).toEqual([]);

    const recorded = await decide('Hold a core group within five working days.', requestId);
    expect(sentencesOf(recorded.body.value)).toEqual([
      'Decision recorded for CP-3802 · Elm',
      'Hold a core group within five working days. A core group must now be held by Fri 8 Jan 2027.',
      'Tara Manager (team manager) is being told. Sade Delivery (service delivery manager) is being told.',
    ]);
    await env.drain();
    const told = env.connector.sentMessages().map((message) => [recipientOf(message.conversationId), ...sentencesOf(cardIn(message.body))]);
    expect(told.sort()).toEqual([
      [TEAM_MANAGER, "The chair's decision on a missed core group for CP-3802 · Elm", 'Hold a core group within five working days. A core group must now be held by Fri 8 Jan 2027.', 'It is recorded on the case and followed up by the reminders.'],
      [SERVICE_DELIVERY_MANAGER, "The chair's decision on a missed core group for CP-3802 · Elm", 'Hold a core group within five working days. A core group must now be held by Fri 8 Jan 2027.', 'It is recorded on the case and followed up by the reminders.'],
    ]);
    env.connector.reset();
    // The same press again (a retry) records nothing more and tells nobody again.
    await decide('Hold a core group within five working days.', requestId);
    await env.drain();
    expect(env.connector.sentMessages()).toEqual([]);
    const after = await env.bot.services.cases.queries.getCase({ tenantId: TENANT, aadObjectId: CHAIR }, 'CP-3802');
    expect(after.events.filter((event) => event.kind === 'missed-core-group-decision')).toEqual([{ kind: 'missed-core-group-decision', date: '2026-12-31' }]);
  });

  it('asks the chair no more, and sweeps the hold-within deadline: due tomorrow, due today, then overdue each working day', async () => {
    clock.at('2027-01-04', '09:00');
    expect((await sweepAndSend(env)).sent).toEqual([]);
    // Five working days from the decision on Thu 31 Dec (1 Jan is a bank holiday): Fri 8 Jan.
    clock.at('2027-01-07', '09:00');
    expect(titles((await sweepAndSend(env)).sent)).toEqual(['01 Due Fri 8 Jan 2027: Missed core group: hold it now for CP-3802 · Elm', '10 Due Fri 8 Jan 2027: Missed core group: hold it now for CP-3802 · Elm']);
    clock.at('2027-01-08', '09:00');
    expect(titles((await sweepAndSend(env)).sent)).toEqual(['01 Due today: Missed core group: hold it now for CP-3802 · Elm', '10 Due today: Missed core group: hold it now for CP-3802 · Elm']);
    clock.at('2027-01-11', '09:00');
    expect(titles((await sweepAndSend(env)).sent)).toEqual(['01 Overdue: Missed core group: hold it now for CP-3802 · Elm', '10 Overdue: Missed core group: hold it now for CP-3802 · Elm']);
    clock.at('2027-01-11', '15:00');
    expect((await sweepAndSend(env)).sent).toEqual([]);
  });
});

/**
 * Issue 10 item 2 through the sweep: from 08:30 on a working day each chair and team manager gets one digest of
 * their cases, once a day however often the sweep runs; a weekly choice waits for the week's first working day.
 */
describe('the sweep: the daily and weekly digests', () => {
  const clock: TravelClock = travelClock('2027-02-01', '08:15');
  const env = botOnStorage(
    'sweepdigest',
    async (started) => {
      const { commands } = started.bot.services.cases;
      await createSamsCase(commands, socialWorker, 'CP-3803', { alias: 'Yew', policyId: 'york', initialConferenceDate: '2027-01-25' });
      await askOnce(started, 'my cases');
      await askOnce(started, 'my cases', TEAM_MANAGER);
      await askOnce(started, 'my cases', CHAIR);
    },
    { clock },
  );
  const digests = (sent: ReadonlyArray<{ to: string; lines: string[] }>) => sent.filter(({ to }) => to === TEAM_MANAGER || to === CHAIR).map(({ to, lines }) => [to, ...lines]);

  it('sends each their digest from 08:30, once that day, and a weekly one only on the week\'s first working day', async () => {
    expect(digests((await sweepAndSend(env, {})).sent)).toEqual([]);
    clock.at('2027-02-01', '08:30');
    const first = await sweepAndSend(env, {});
    expect(first.report).toMatchObject({ digestParts: 2, failed: 0 });
    const lines = (role: string) => [
      'Digest for Mon 1 Feb 2027',
      '0 overdue, 1 due within 5 working days, across the 1 case you chair or manage',
      'Due within 5 working days',
      'CP-3803 · Yew',
      `You ${role} this case`,
      'Core group 1 (first): due by Mon 8 Feb 2027',
      "10 working days after the initial child protection conference on 25 Jan 2027 (york: 'within 10 working days of the Initial Child Protection Conference')",
      'Social worker to arrange it: say "schedule CP-3803".',
    ];
    expect(digests(first.sent).sort()).toEqual([[TEAM_MANAGER, ...lines('manage')], [CHAIR, ...lines('chair')]].sort());

    // The sweep every quarter of an hour: the day's digests are done.
    clock.at('2027-02-01', '08:45');
    expect((await sweepAndSend(env, {})).report).toMatchObject({ digestParts: 0 });

    // Tara chooses weekly: on Tuesday only Chris's comes; on the next Monday hers does, with the 12 weeks' record.
    await env.bot.services.digestPreferences.set({ tenantId: TENANT, aadObjectId: TEAM_MANAGER }, 'weekly');
    clock.at('2027-02-02', '08:30');
    expect(digests((await sweepAndSend(env, {})).sent).map(([to, title]) => [to, title])).toEqual([[CHAIR, 'Digest for Tue 2 Feb 2027']]);
    clock.at('2027-02-08', '08:30');
    const monday = digests((await sweepAndSend(env, {})).sent);
    const today = (role: string) => ['0 overdue, 1 due within 5 working days, across the 1 case you chair or manage', 'Due within 5 working days', 'CP-3803 · Yew', `You ${role} this case`, 'Core group 1 (first): due today', lines(role)[6], lines(role)[7]];
    expect(monday.sort()).toEqual(
      [
        [CHAIR, 'Digest for Mon 8 Feb 2027', ...today('chair')],
        [
          TEAM_MANAGER,
          'Weekly digest for Mon 8 Feb 2027',
          ...today('manage'),
          'Timeliness, last 12 weeks',
          'Deadlines that fell due from Mon 16 Nov 2026 to Sun 7 Feb 2027 on your 1 case; missed counts those still overdue. Target dates are not counted: passing one is no breach.',
        ],
      ].sort(),
    );
  });
});
