import type { BotServices } from '../../bot/services.js';
import type { Actor, RecordedEventKind } from '../../src/cases/model.js';
import type { AddMemberInput } from '../../src/cases/validation.js';
import { writeCaseHistory } from '../../src/demo/caseHistory.js';
import type { StoreTables } from '../../src/store/connect.js';
import { parseLocalDate } from '../../src/time/localDate.js';

/** A case's past in a test's words: the dates of core groups held and of other recorded events. */
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

/** Writes the story through the real case service, each step on its own date (src/demo/caseHistory.ts). */
export async function tellStory(tables: StoreTables, services: Pick<BotServices, 'policies' | 'calendars' | 'clock'>, story: CaseStory): Promise<void> {
  await writeCaseHistory(
    { tables, policies: services.policies, calendars: services.calendars, today: services.clock.today() },
    {
      caseRef: story.caseRef,
      ...(story.alias !== undefined && { alias: story.alias }),
      policyId: story.policyId,
      initialConference: parseLocalDate(story.icpc),
      socialWorker: { actor: story.socialWorker, displayName: 'Sam Worker', agency: "Children's social care" },
      teamManager: story.teamManager,
      chair: story.chair,
      members: story.members ?? [],
      meetings: (story.coreGroups ?? []).map((date, index) => ({ date: parseLocalDate(date), type: index === 0 ? 'first' : 'subsequent', held: true })),
      events: (story.events ?? []).map(([kind, date]) => ({ kind, date: parseLocalDate(date) })),
    },
  );
}
