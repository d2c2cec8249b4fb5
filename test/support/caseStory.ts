import { CaseService } from '../../src/cases/caseService.js';
import type { Actor } from '../../src/cases/model.js';
import type { AddMemberInput } from '../../src/cases/validation.js';
import { nextDueFromTimeline } from '../../src/due/caseTimelines.js';
import type { BotServices } from '../../bot/services.js';
import type { StoreTables } from '../../src/store/connect.js';
import { fixedClock, type Clock } from '../../src/time/clock.js';
import { addDays, parseLocalDate, type LocalDate } from '../../src/time/localDate.js';
import type { RecordedEventKind } from '../../src/cases/model.js';

export interface CaseStory {
  readonly caseRef: string;
  readonly alias?: string;
  readonly policyId: string;
  readonly icpc: string;
  readonly socialWorker: Actor;
  readonly teamManager: string;
  readonly chair: string;
  readonly members?: readonly AddMemberInput[];
  readonly coreGroups?: readonly string[];
  readonly events?: ReadonlyArray<readonly [RecordedEventKind, string]>;
}

/** A clock the story moves forward, as if each step happened on its own day. */
class StoryClock implements Clock {
  private current: Clock = fixedClock('2000-01-03');
  set(date: LocalDate): void {
    this.current = fixedClock(date);
  }
  now = () => this.current.now();
  today = () => this.current.today();
}

/**
 * Writes a case's history through the real case service, each step on its own date: meetings are scheduled
 * the day before and recorded as held on the day, as the service allows nothing to be scheduled in the past.
 */
export async function tellStory(tables: StoreTables, services: Pick<BotServices, 'policies' | 'calendars'>, story: CaseStory): Promise<void> {
  const clock = new StoryClock();
  const cases = new CaseService({ tables, clock, policyIds: new Set(services.policies.ids()), nextDueOf: nextDueFromTimeline(services, clock) });
  const actor = story.socialWorker;
  const icpc = parseLocalDate(story.icpc);
  clock.set(icpc);
  await cases.createCase(actor, {
    caseRef: story.caseRef,
    ...(story.alias !== undefined && { alias: story.alias }),
    policyId: story.policyId,
    initialConferenceDate: icpc,
    socialWorker: { aadObjectId: actor.aadObjectId, displayName: 'Sam Worker', agency: "Children's social care", contactRoute: 'Teams', secureSharing: 'Teams' },
    teamManager: story.teamManager,
    chair: story.chair,
  });
  for (const member of story.members ?? []) await cases.addMember(actor, story.caseRef, member);
  const memberIds = (await cases.getCase(actor, story.caseRef)).members.map((m) => m.memberId);
  for (const held of story.coreGroups ?? []) {
    const date = parseLocalDate(held);
    clock.set(addDays(date, -1));
    const { meetingId } = await cases.scheduleMeeting(actor, story.caseRef, { date, time: '10:00', venue: 'Team office', type: 'subsequent' });
    clock.set(date);
    await cases.recordMeetingHeld(actor, story.caseRef, {
      meetingId,
      heldOn: date,
      attendees: memberIds,
      apologies: [],
      absentees: [],
      chair: 'M1',
      noteTaker: memberIds[1] ?? 'M1',
      childViewsRecorded: true,
      parentsViewsRecorded: true,
    });
  }
  for (const [kind, date] of story.events ?? []) {
    clock.set(parseLocalDate(date));
    await cases.recordEvent(actor, story.caseRef, { kind, date: parseLocalDate(date) });
  }
}
