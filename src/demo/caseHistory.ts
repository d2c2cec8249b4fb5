import type { Calendars } from '../calendar/index.js';
import { createCaseServices, type CaseServices } from '../cases/caseService.js';
import type { Actor, MeetingType, RecordedEventKind } from '../cases/model.js';
import type { AddMemberInput, CreateCaseInput } from '../cases/validation.js';
import { StaffDirectory } from '../directory/staffDirectory.js';
import { nextDueFromTimeline } from '../due/caseTimelines.js';
import type { PolicyRegistry } from '../policy/registry.js';
import type { StoreTables } from '../store/connect.js';
import { fixedClock, type Clock } from '../time/clock.js';
import { addDays, maxDate, type LocalDate } from '../time/localDate.js';

/** A case's past as plain data: what happened, on which dates, up to today. */
export interface CaseHistory {
  readonly caseRef: string;
  readonly alias?: string;
  readonly policyId: string;
  readonly initialConference: LocalDate;
  /** Who they are as the case's member M1, with who acts. */
  readonly socialWorker: Omit<CreateCaseInput['socialWorker'], 'aadObjectId'> & { readonly actor: Actor };
  readonly teamManager: string;
  readonly chair: string;
  readonly members: readonly AddMemberInput[];
  /** In date order; `held` ones are in the past, the others are scheduled ahead. */
  readonly meetings: readonly HistoryMeeting[];
  readonly events: readonly HistoryEvent[];
}

export interface HistoryMeeting {
  readonly date: LocalDate;
  readonly type: MeetingType;
  readonly held: boolean;
}

export interface HistoryEvent {
  readonly kind: RecordedEventKind;
  readonly date: LocalDate;
}

export interface HistoryDeps {
  /** The case's people must be listed in the staff directory (`staff`) in their roles, as for any case. */
  readonly tables: Pick<StoreTables, 'cases' | 'userCases' | 'caseDue' | 'staff'>;
  readonly policies: PolicyRegistry;
  readonly calendars: Calendars;
  readonly today: LocalDate;
}

/** A clock the writing moves from step to step; each reading is a second later, so the audit keeps its order. */
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
  readonly run: (cases: CaseServices) => Promise<void>;
}

/**
 * Writes a case's history through the real case service, each step on its own date: the service refuses to
 * schedule a meeting in the past or record one held in the future, so its clock walks through the story (a
 * meeting scheduled a week before it is held, then recorded on the day) instead of its rules being bent. Used to
 * seed the demo cases, and by tests that need a case with a past.
 */
export async function writeCaseHistory(deps: HistoryDeps, history: CaseHistory): Promise<void> {
  const clock = new StoryClock(history.initialConference);
  const sources = { policies: deps.policies, calendars: deps.calendars };
  const staff = new StaffDirectory({ table: deps.tables.staff, clock, admins: new Set() });
  const cases = createCaseServices({ tables: deps.tables, clock, policyIds: new Set(deps.policies.ids()), nextDueOf: nextDueFromTimeline(sources, clock), staff });
  for (const step of stepsOf(history, deps.today)) {
    clock.moveTo(step.on);
    await step.run(cases);
  }
}

/** The case's history as dated steps, in date order (steps on one day keep the order they are written in). */
function stepsOf(demo: CaseHistory, today: LocalDate): Step[] {
  const { caseRef } = demo;
  const actor = demo.socialWorker.actor;
  const options = (...step: readonly string[]) => ({ idempotencyKey: ['history', caseRef, ...step].join('|') });
  // Filled in as members are added, which is on the conference day, before any meeting.
  const memberIds = ['M1'];
  // The social worker chairs; the first member after them takes the notes (the social worker, if alone).
  const noteTaker = () => memberIds[1] ?? 'M1';
  const steps: Step[] = [
    {
      on: demo.initialConference,
      run: async (cases) => {
        const { actor: _actor, ...socialWorker } = demo.socialWorker;
        await cases.commands.createCase(
          actor,
          {
            caseRef,
            ...(demo.alias !== undefined && { alias: demo.alias }),
            policyId: demo.policyId,
            initialConferenceDate: demo.initialConference,
            socialWorker: { aadObjectId: actor.aadObjectId, ...socialWorker },
            teamManager: demo.teamManager,
            chair: demo.chair,
          },
          options('create'),
        );
      },
    },
    {
      // A case with a past is one its team manager confirmed, on the day it was set up.
      on: demo.initialConference,
      run: async (cases) => {
        await cases.commands.confirmCase({ tenantId: actor.tenantId, aadObjectId: demo.teamManager }, caseRef, options('confirm'));
      },
    },
    ...demo.members.map((member, index): Step => ({
      on: demo.initialConference,
      run: async (cases) => {
        memberIds.push((await cases.commands.addMember(actor, caseRef, member, options('member', String(index + 1)))).memberId);
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
        const input = { date: meeting.date, time: '10:00', venue: 'Family centre', type: meeting.type, chair: 'M1', noteTaker: noteTaker() };
        ({ meetingId } = await cases.commands.scheduleMeeting(actor, caseRef, input, options('schedule', String(index + 1))));
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
          noteTaker: noteTaker(),
          childViewsRecorded: true,
          parentsViewsRecorded: true,
          membershipReviewed: true,
        };
        await cases.commands.recordMeetingHeld(actor, caseRef, input, options('held', String(index + 1)));
      },
    });
  }
  for (const [index, event] of demo.events.entries()) {
    steps.push({
      on: event.date,
      run: async (cases) => {
        await cases.commands.recordEvent(actor, caseRef, event, options('event', String(index + 1)));
      },
    });
  }

  // Array sort is stable: creation and members stay first on the conference day.
  return steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}
