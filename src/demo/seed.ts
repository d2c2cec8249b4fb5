import type { Calendars } from '../calendar/index.js';
import { CaseService } from '../cases/caseService.js';
import { CaseNotFound } from '../cases/errors.js';
import { nextDueFromTimeline } from '../due/caseTimelines.js';
import type { PolicyRegistry } from '../policy/registry.js';
import type { StoreTables } from '../store/connect.js';
import { fixedClock, type Clock } from '../time/clock.js';
import { addDays, maxDate, type LocalDate } from '../time/localDate.js';
import { actorOf, ADELE_VANCE, ALEX_WILBER, MEGAN_BOWEN } from './playground.js';
import { demoCases, type DemoCase } from './stories.js';

/**
 * Seeds the demo cases, each once: a case that already exists is left alone, so every later start costs one
 * read per case and changes nothing (an interrupted first seeding leaves that case as far as it got; delete
 * .data/ to start again). Alex Wilber, the Playground's default user, is the social worker of every case,
 * Megan Bowen the team manager and Adele Vance the conference chair.
 *
 * History goes in through the real case service, each step on its own date: the service refuses to schedule a
 * meeting in the past or record one held in the future, so its clock walks through the story (a meeting
 * scheduled a week before it is held, then recorded on the day) instead of its rules being bent.
 */
export interface DemoSeedDeps {
  readonly tables: Pick<StoreTables, 'cases' | 'userCases' | 'caseDue'>;
  readonly policies: PolicyRegistry;
  readonly calendars: Calendars;
  readonly today: LocalDate;
}

export interface DemoSeedResult {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

const SOCIAL_WORKER = actorOf(ALEX_WILBER);

/** A clock the seeding moves from step to step; each reading is a second later, so the audit keeps its order. */
class StoryClock implements Clock {
  private day: LocalDate;
  private ticks = 0;
  constructor(start: LocalDate) {
    this.day = start;
  }
  moveTo(day: LocalDate): void {
    this.day = day;
  }
  now(): Date {
    this.ticks += 1;
    return new Date(fixedClock(this.day).now().getTime() + this.ticks * 1000);
  }
  today(): LocalDate {
    return this.day;
  }
}

/** One operation on the case's story, on its date; each carries its own idempotency key. */
interface Step {
  readonly on: LocalDate;
  readonly run: (cases: CaseService) => Promise<void>;
}

export async function seedDemoCases(deps: DemoSeedDeps): Promise<DemoSeedResult> {
  const clock = new StoryClock(deps.today);
  const sources = { policies: deps.policies, calendars: deps.calendars };
  const cases = new CaseService({ tables: deps.tables, clock, policyIds: new Set(deps.policies.ids()), nextDueOf: nextDueFromTimeline(sources, clock) });
  const calendarOf = (policyId: string) => deps.calendars[deps.policies.require(policyId).nation];

  const created: string[] = [];
  const existing: string[] = [];
  // One case after another, in order: each walks the shared clock through its own dates.
  for (const demo of demoCases(deps.today, calendarOf)) {
    if (await exists(cases, demo.caseRef)) {
      existing.push(demo.caseRef);
      continue;
    }
    for (const step of stepsOf(demo, deps.today)) {
      clock.moveTo(step.on);
      await step.run(cases);
    }
    created.push(demo.caseRef);
  }
  return { created, existing };
}

async function exists(cases: CaseService, caseRef: string): Promise<boolean> {
  try {
    await cases.getCase(SOCIAL_WORKER, caseRef);
    return true;
  } catch (error) {
    if (error instanceof CaseNotFound) return false;
    throw error;
  }
}

/** The case's history as dated steps, in date order (steps on one day keep the order they are written in). */
function stepsOf(demo: DemoCase, today: LocalDate): Step[] {
  const { caseRef } = demo;
  const options = (...step: readonly string[]) => ({ idempotencyKey: ['demo', caseRef, ...step].join('|') });
  // Filled in as members are added, which is on the conference day, before any meeting.
  const memberIds = ['M1'];
  const steps: Step[] = [
    {
      on: demo.initialConference,
      run: async (cases) => {
        await cases.createCase(
          SOCIAL_WORKER,
          {
            caseRef,
            alias: demo.alias,
            policyId: demo.policyId,
            initialConferenceDate: demo.initialConference,
            socialWorker: {
              aadObjectId: ALEX_WILBER.aadObjectId,
              displayName: ALEX_WILBER.name,
              email: ALEX_WILBER.email,
              agency: "Children's social care",
              contactRoute: 'Teams chat',
              secureSharing: 'Teams, within the organisation',
            },
            teamManager: MEGAN_BOWEN.aadObjectId,
            chair: ADELE_VANCE.aadObjectId,
          },
          options('create'),
        );
      },
    },
    ...demo.members.map((member, index): Step => ({
      on: demo.initialConference,
      run: async (cases) => {
        memberIds.push((await cases.addMember(SOCIAL_WORKER, caseRef, member, options('member', String(index + 1)))).memberId);
      },
    })),
  ];

  for (const [index, meeting] of demo.meetings.entries()) {
    let meetingId = '';
    // Arranged a week ahead (not before the conference, nor after today): the service schedules nothing in the past.
    const arrangedOn = maxDate(demo.initialConference, addDays(meeting.date, -7));
    steps.push({
      on: arrangedOn < today ? arrangedOn : today,
      run: async (cases) => {
        const input = { date: meeting.date, time: '10:00', venue: 'Family centre', type: meeting.type, chair: 'M1', noteTaker: 'M2' };
        ({ meetingId } = await cases.scheduleMeeting(SOCIAL_WORKER, caseRef, input, options('schedule', String(index + 1))));
      },
    });
    if (!meeting.held) continue;
    steps.push({
      on: meeting.date,
      run: async (cases) => {
        const input = {
          meetingId,
          heldOn: meeting.date,
          attendees: memberIds,
          apologies: [],
          absentees: [],
          chair: 'M1',
          noteTaker: 'M2',
          childViewsRecorded: true,
          parentsViewsRecorded: true,
        };
        await cases.recordMeetingHeld(SOCIAL_WORKER, caseRef, input, options('held', String(index + 1)));
      },
    });
  }
  for (const [index, event] of demo.events.entries()) {
    steps.push({
      on: event.date,
      run: async (cases) => {
        await cases.recordEvent(SOCIAL_WORKER, caseRef, event, options('event', String(index + 1)));
      },
    });
  }

  // Array sort is stable: creation and members stay first on the conference day.
  return steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}
