import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/log.js';
import { createSweep } from '../../bot/notify/sweep.js';
import type { RecordedEventKind } from '../../src/cases/model.js';
import type { RecordMeetingHeldInput } from '../../src/cases/validation.js';
import type { Nation, WorkingCalendar } from '../../src/calendar/index.js';
import { sweepSettingsSchema } from '../../src/sweep/index.js';
import type { SweepReport } from '../../src/sweep/run.js';
import { addDays, formatLongDate, parseLocalDate, type LocalDate } from '../../src/time/localDate.js';
import { cardIn, sentencesOf, textsOf } from '../support/cards.js';
import { travelClock, type TravelClock } from '../support/travelClock.js';
import { cardInvoke, invokeAnswer, MEMBER, SOCIAL_WORKER, TENANT } from './activities.js';
import { askOnce, botOnStorage, type BotOnStorage } from './botOnStorage.js';
import { recipientOf } from './fakeConnector.js';
import { CHAIR, createSamsCase, TEAM_MANAGER } from './seedStories.js';
import { TEST_STAFF } from './testBot.js';

/** The walks check every notice; the digests (from 08:30 by default) have their own tests, so here they go at 17:30, after the walks' sweeps. */
const NOTICES_ONLY = sweepSettingsSchema.parse({ digestAt: '17:30' });

export const SERVICE_DELIVERY_MANAGER = 'aaaaaaaa-0000-4000-8000-000000000014';

/** Each person of the simulated cases by the part they play, as the log names them. */
const PART_OF: Readonly<Record<string, string>> = {
  [SOCIAL_WORKER]: 'sw',
  [MEMBER]: 'member',
  [TEAM_MANAGER]: 'tm',
  [CHAIR]: 'chair',
  [SERVICE_DELIVERY_MANAGER]: 'sdm',
};

/** One card that reached a person's 1:1 chat: the London day and time the clock stood at, whose chat, its title. */
export interface Delivered {
  readonly date: LocalDate;
  readonly time: string;
  readonly to: string;
  readonly title: string;
  /** The card's "Due by" fact, where it has one: two cards of one title about different deadlines differ by it. */
  readonly dueBy?: string;
}

/** A delivered card as the expected tables write it: `date recipient title`. */
export const lineOf = (delivered: Delivered): string => `${delivered.date} ${delivered.to} ${delivered.title}`;

/** What the people of a case do on a day of the walk, through the bot as Teams would carry it, or the case service. */
export interface Acts {
  /** The social worker arranges a core group from the schedule form (the member is invited through the outbox). */
  schedule(date: string, type: 'first' | 'subsequent' | 'last-before-review'): Promise<void>;
  /** The member presses "I will attend" on the invitation. */
  attend(meetingId: string): Promise<void>;
  /** The member will attend the core group before the review and gives their joint-report contribution (seed 002). */
  contribute(meetingId: string): Promise<void>;
  /** The member sends apologies with the written update (the social worker is sent what they wrote). */
  apologise(meetingId: string): Promise<void>;
  /** The social worker records the core group held today, and whether the member came, sent apologies or neither. */
  held(meetingId: string, member: keyof typeof MEMBER_AT): Promise<void>;
  /** Paperwork (or a visit, or a conference) done today, for the core group given, recorded by the social worker unless said. */
  done(kind: RecordedEventKind, meetingId?: string, by?: 'tm' | 'chair'): Promise<void>;
  /** The chair records their decision on a missed core group, from the card the sweep sent them. */
  decide(decision: string): Promise<void>;
}

/** The held record's lists for the member (M2) beside the social worker (M1), who is always there. */
const MEMBER_AT: Readonly<Record<'attended' | 'apologies' | 'absent', Pick<RecordMeetingHeldInput, 'attendees' | 'apologies' | 'absentees'>>> = {
  attended: { attendees: ['M1', 'M2'], apologies: [], absentees: [] },
  apologies: { attendees: ['M1'], apologies: ['M2'], absentees: [] },
  absent: { attendees: ['M1'], apologies: [], absentees: ['M2'] },
};

export type Story = Readonly<Record<string, (acts: Acts) => Promise<void>>>;

export interface Walk {
  readonly caseRef: string;
  readonly nation: Nation;
  readonly from: string;
  readonly to: string;
  /** What happens at 11:00 on the days named. */
  readonly story: Story;
}

/** The part the person a message went to plays on the case. */
const partOf = (conversationId: string | undefined): string => {
  const id = recipientOf(conversationId);
  return PART_OF[id] ?? `unknown ${id}`;
};

const NO_CONTRIBUTION = { chronology: '', progressOfPlan: '', updatesForPlan: '', riskAndProtectiveFactors: '', voiceOfChild: '' };
const WRITTEN_UPDATE = {
  progressOnActions: 'Two home visits made; the attendance plan is in place.',
  whatIsWorking: 'Attendance is up this half term.',
  whatIsNotWorking: 'Appointments are still missed.',
  changesToPlan: 'Add a weekly check-in.',
  ...NO_CONTRIBUTION,
  verbalUpdate: 'false',
};
const CONTRIBUTION = {
  chronology: 'Health visits on 4 and 18 January.',
  progressOfPlan: 'Weight checks are on track.',
  updatesForPlan: 'Move the check to fortnightly.',
  riskAndProtectiveFactors: 'Grandparent support in place.',
  voiceOfChild: 'Says nursery is fun.',
};

function actsOn(env: BotOnStorage, caseRef: string, clock: TravelClock): Acts {
  const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
  const press = async (verb: string, data: Record<string, unknown>, aadObjectId: string) => {
    const answer = await invokeAnswer(env.bot.url, cardInvoke(verb, { caseRef, requestId: randomUUID(), ...data }, { serviceUrl: env.connector.serviceUrl, aadObjectId }));
    expect([verb, answer.status, answer.body.statusCode]).toEqual([verb, 200, 200]);
    return answer.body.value;
  };
  return {
    schedule: async (date, type) => void (await press('meeting.schedule', { date, time: '10:00', venue: 'Family centre', onlineLink: '', type, chair: 'M1', noteTaker: 'M2' }, SOCIAL_WORKER)),
    attend: async (meetingId) => void (await press('meeting.attending', { meetingId, memberId: '' }, MEMBER)),
    contribute: async (meetingId) => void (await press('meeting.attending', { meetingId, memberId: '', ...CONTRIBUTION }, MEMBER)),
    apologise: async (meetingId) => void (await press('meeting.apologies', { meetingId, memberId: '', ...WRITTEN_UPDATE }, MEMBER)),
    held: async (meetingId, member) => {
      // The note taker is among those there: the member when they came, else the social worker.
      const record = { meetingId, heldOn: clock.today(), ...MEMBER_AT[member], chair: 'M1', noteTaker: member === 'attended' ? 'M2' : 'M1', childViewsRecorded: true, parentsViewsRecorded: true, membershipReviewed: true };
      await env.bot.services.cases.commands.recordMeetingHeld(socialWorker, caseRef, record);
    },
    done: async (kind, meetingId, by) => {
      const actor = by === undefined ? socialWorker : { tenantId: TENANT, aadObjectId: by === 'tm' ? TEAM_MANAGER : CHAIR };
      await env.bot.services.cases.commands.recordEvent(actor, caseRef, { kind, date: clock.today(), ...(meetingId !== undefined && { meetingId }) });
    },
    decide: async (decision) => void (await press('case.missedDecision', { decision }, CHAIR)),
  };
}

/** Everything the connector was sent since it was last reset, as delivered now; then reset. */
function collect(env: BotOnStorage, clock: TravelClock, time: string): Delivered[] {
  const date = clock.today();
  const delivered = env.connector.sentMessages().map((message): Delivered => {
    const card = cardIn(message.body);
    const texts = textsOf(card);
    const dueBy = texts[texts.indexOf('Due by') + 1];
    return { date, time, to: partOf(message.conversationId), title: sentencesOf(card)[0] ?? '', ...(texts.includes('Due by') && dueBy !== undefined && { dueBy }) };
  });
  env.connector.reset();
  return delivered;
}

/** One sweep as the bot runs it (the in-process timer or the jobs endpoint), then what it queued sent. */
export async function sweepAndDrain(env: BotOnStorage): Promise<SweepReport> {
  const report = await createSweep({ services: env.bot.services, tables: env.tables, log: silentLogger, settings: NOTICES_ONLY })(new AbortController().signal);
  if (report.queued > 0) await env.drain();
  return report;
}

/**
 * The time-travel walk: each day from `from` to `to`, weekends and holidays included, the sweep at 09:00 London (and
 * at 07:45 on the first working day after a closed one) and what each sent; at 11:00 on the days the story names, what the people do and what
 * that sent, then a sweep at 18:30. Every card that reached anyone, in order.
 */
export async function walk(env: BotOnStorage, clock: TravelClock, { caseRef, nation: calendarOf, from, to, story }: Walk): Promise<Delivered[]> {
  const acts = actsOn(env, caseRef, clock);
  const log: Delivered[] = [];
  env.connector.reset();
  const sweepAt = async (day: LocalDate, time: string) => {
    clock.at(day, time);
    await sweepAndDrain(env);
    log.push(...collect(env, clock, time));
  };
  const workingDay = (day: LocalDate) => env.bot.services.calendars[calendarOf].isWorkingDay(day);
  for (let day = parseLocalDate(from); day <= to; day = addDays(day, 1)) {
    // The first working day after a weekend or holiday, when what came due meanwhile waits, a sweep before the
    // window opens too: it must leave all of it for the one inside the window.
    if (workingDay(day) && !workingDay(addDays(day, -1))) await sweepAt(day, '07:45');
    await sweepAt(day, '09:00');
    const today = story[day];
    if (today === undefined) continue;
    clock.at(day, '11:00');
    await today(acts);
    await env.drain();
    log.push(...collect(env, clock, '11:00'));
    // What the day's acts made due waits for tomorrow's window, not an evening sweep.
    await sweepAt(day, '18:30');
  }
  return log;
}

/** `line` once on each working day from `from` to `to`, both included: an overdue notice repeating until met. */
export function eachWorkingDay(calendar: WorkingCalendar, from: string, to: string, line: (date: LocalDate) => string): string[] {
  const lines: string[] = [];
  for (let day = parseLocalDate(from); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) lines.push(line(day));
  return lines;
}

/**
 * The expected log's lines for one case, written the way the procedure reads: who is told what on which day. The
 * titles are the cards' (bot/views/reminders.ts, meetings.ts); the dates are the test's own working out.
 */
export function toldAbout(label: string) {
  const line = (date: string, to: string, title: string) => `${date} ${to} ${title} for ${label}`;
  const meetingName = (meeting: 'first' | 'subsequent' | 'last-before-review') =>
    meeting === 'first' ? 'first core group' : meeting === 'subsequent' ? 'core group' : 'last core group before the review conference';
  const paperwork = (date: string, to: readonly string[], title: string) => to.map((who) => line(date, who, title));
  return {
    arrange: (date: string) => [line(date, 'sw', 'Arrange the next core group')],
    /** The member's invitation, and the social worker's card saying who was invited. */
    invited: (date: string, meeting: 'first' | 'subsequent' | 'last-before-review') => {
      const name = meetingName(meeting);
      return [line(date, 'member', name.charAt(0).toUpperCase() + name.slice(1)), line(date, 'sw', 'Invitations')];
    },
    reminded: (date: string, meeting: 'first' | 'subsequent' | 'last-before-review') => [line(date, 'member', `Reminder: please answer the invitation to the ${meetingName(meeting)}`)],
    missed: (date: string, coreGroup: string) => [line(date, 'sw', `Missed: ${coreGroup}`), line(date, 'tm', `Missed: ${coreGroup}`)],
    dueSoon: (date: string, what: string, due: string, to: readonly string[] = ['sw']) => paperwork(date, to, `Due ${formatLongDate(parseLocalDate(due))}: ${what}`),
    dueToday: (date: string, what: string, to: readonly string[] = ['sw']) => paperwork(date, to, `Due today: ${what}`),
    overdue: (calendar: WorkingCalendar, from: string, through: string, what: string, to: readonly string[] = ['sw']) =>
      to.flatMap((who) => eachWorkingDay(calendar, from, through, (date) => line(date, who, `Overdue: ${what}`))),
  };
}

/**
 * What holds of any walk's log: nothing on a day that is not a working day of the case's nation, nor outside the
 * send window; nobody sent the same card twice on one day (the same title and deadline); an overdue notice on
 * every working day from its first to its last, none skipped.
 */
export function expectInvariants(log: readonly Delivered[], calendar: WorkingCalendar, window: { readonly opens: string; readonly closes: string }): void {
  expect(log.filter((delivered) => !calendar.isWorkingDay(delivered.date) || delivered.time < window.opens || delivered.time >= window.closes)).toEqual([]);
  const cards = log.map((delivered) => `${lineOf(delivered)} (due by ${delivered.dueBy ?? '-'})`);
  expect(cards.filter((card, index) => cards.indexOf(card) !== index)).toEqual([]);
  const overdue = new Map<string, LocalDate[]>();
  for (const delivered of log.filter(({ title }) => title.startsWith('Overdue: '))) {
    const about = `${delivered.to} ${delivered.title} (due by ${delivered.dueBy ?? '-'})`;
    overdue.set(about, [...(overdue.get(about) ?? []), delivered.date]);
  }
  for (const [about, dates] of overdue) {
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    expect([about, dates]).toEqual([about, eachWorkingDay(calendar, first, last, (date) => date)]);
  }
}

/** The day every simulated case's initial conference (or planning meeting) is held: Mon 16 Nov 2026. */
export const CONFERENCE = '2026-11-16';
/** A council's Christmas closure between the bank holidays, for every nation. */
export const CHRISTMAS_CLOSURE = ['2026-12-29', '2026-12-30', '2026-12-31'] as LocalDate[];

export interface Simulated {
  readonly policyId: string;
  readonly caseRef: string;
  readonly alias: string;
  readonly story: Story;
  /** Every line the walk's log must hold, worked out by hand from the procedure and the nation's working days. */
  readonly expected: (calendar: WorkingCalendar) => readonly string[];
}

/**
 * One case under one procedure, walked from the day after its conference to Fri 21 May 2027 on its own tables: the
 * social worker (M1), a member in Teams (M2), the team manager, the chair and a service delivery manager.
 */
export function describeSimulation({ policyId, caseRef, alias, story, expected }: Simulated): void {
  describe(`${policyId}: six months of one case, day by day`, () => {
    const clock = travelClock(CONFERENCE, '12:00');
    const env = botOnStorage(
      `sim${policyId.replaceAll('-', '').slice(0, 10)}`,
      async (started) => {
        const { commands } = started.bot.services.cases;
        const socialWorker = { tenantId: TENANT, aadObjectId: SOCIAL_WORKER };
        await createSamsCase(commands, socialWorker, caseRef, { alias, policyId, initialConferenceDate: CONFERENCE });
        await commands.reassignRole({ tenantId: TENANT, aadObjectId: TEAM_MANAGER }, caseRef, { role: 'service-delivery-manager', to: SERVICE_DELIVERY_MANAGER });
        await commands.addMember(socialWorker, caseRef, { kind: 'teams', aadObjectId: MEMBER, displayName: 'Hana Visitor', agency: 'Health visiting', role: 'professional' });
        await askOnce(started, 'my cases');
      },
      { clock, closureDays: CHRISTMAS_CLOSURE, staff: [...TEST_STAFF, { aadObjectId: SERVICE_DELIVERY_MANAGER, displayName: 'Sade Delivery', roles: ['service-delivery-manager'] }] },
    );

    it('tells each person exactly what the procedure says, on the working days it says, and nothing else', async () => {
      const { services } = env.bot;
      const nation = services.policies.require(policyId).nation;
      const log = await walk(env, clock, { caseRef, nation, from: '2026-11-17', to: '2027-05-21', story });
      const calendar = services.calendars[nation];
      expect(log.map(lineOf).sort()).toEqual([...expected(calendar)].sort());
      expectInvariants(log, calendar, sweepSettingsSchema.parse({}).sendWindow);
    }, 120_000);
  });
}
