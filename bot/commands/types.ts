import type { Activity } from 'botbuilder';
import type { LocalDate } from '../../src/time/localDate.js';
import type { Intent } from './intents.js';

/** Who is asking: the only identity handlers see (Entra ids, never names). */
export interface Asker {
  readonly tenantId: string;
  readonly aadObjectId: string;
}

export interface CommandRequest {
  readonly asker: Asker;
  readonly intent: Intent;
  readonly today: LocalDate;
}

/** What a handler answers: plain text now; an Adaptive Card activity once the cards are wired. */
export type Reply = string | Partial<Activity>;

export type CommandHandler<Deps> = (request: CommandRequest, deps: Deps) => Promise<Reply>;

/** One thing due (or overdue) on one case, as the timeline engine states it. No names: a case ref and a label. */
export interface ObligationLine {
  readonly caseRef: string;
  /** "Core group", "Plan circulated", ...: the obligation's label, not the family's. */
  readonly what: string;
  readonly due: LocalDate;
}
