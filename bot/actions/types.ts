import type { AdaptiveCardJson } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notify/tell.js';
import type { BotServices } from '../services.js';

export interface ActionRequest {
  readonly asker: Actor;
  /** The asker's Teams display name: a professional's own name, used when they set up their own case. */
  readonly askerName: string;
  /** What the card submitted: its inputs merged with the action's data. Untrusted until parsed. */
  readonly data: unknown;
  /** Tells other people what the action means for them (a team manager asked to confirm a case). */
  readonly notify: Notifier;
  /** For what fails without failing the action (invitations not queued while the meeting is saved). */
  readonly log: Pick<Logger, 'warn'>;
}

/** One card verb: returns the card that replaces the one acted on. */
export type ActionHandler = (request: ActionRequest, deps: BotServices) => Promise<AdaptiveCardJson>;
