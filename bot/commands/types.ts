import type { Activity } from 'botbuilder';
import type { Actor } from '../../src/cases/model.js';
import type { LocalDate } from '../../src/time/localDate.js';
import type { BotServices } from '../services.js';
import type { Intent } from './intents.js';

export interface CommandRequest {
  readonly asker: Actor;
  readonly intent: Intent;
  readonly today: LocalDate;
  /** In the asker's 1:1 chat with the bot, the one place case details are given. */
  readonly personal: boolean;
}

/** One message: text, or a message carrying a card. */
export type Message = string | Partial<Activity>;

/** What a handler answers: one message, or several to send in order (a pack split across cards). */
export type Reply = Message | ReadonlyArray<Partial<Activity>>;

export type CommandHandler = (request: CommandRequest, deps: BotServices) => Promise<Reply>;
