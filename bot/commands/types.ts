import type { Activity } from 'botbuilder';
import type { LocalDate } from '../../src/time/localDate.js';
import type { BotServices } from '../services.js';
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

/** What a handler answers: text, or a message carrying a card. */
export type Reply = string | Partial<Activity>;

export type CommandHandler = (request: CommandRequest, deps: BotServices) => Promise<Reply>;
