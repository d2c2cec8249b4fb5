import type { AdaptiveCardJson } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import { describeError } from '../log.js';
import { cardReply } from '../views/reply.js';
import { sendToPerson, type ProactiveDeps } from './oneToOne.js';
import type { RetryPolicy } from './sender.js';

/** Tells someone other than the person acting, in their 1:1 chat, while the turn that caused it is answered. */
export interface Notifier {
  /** Best effort: true when the card was delivered, false when the person could not be reached (said to the asker). */
  tell(person: Actor, card: AdaptiveCardJson): Promise<boolean>;
}

/**
 * Retries inside a turn stay short: the person acting is waiting for their answer (Teams gives a card action a few
 * seconds), and whatever is told this way can also be found in the recipient's own lists.
 */
export const IN_TURN_RETRY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 1_000 };

/** `serviceUrlHint`: the asker's connector endpoint, the tenant's region, for people the bot has not heard from. */
export function createNotifier(deps: ProactiveDeps, serviceUrlHint: string | undefined): Notifier {
  return {
    async tell(person, card) {
      try {
        return (await sendToPerson(person, cardReply(card), deps, serviceUrlHint)).status === 'sent';
      } catch (error) {
        deps.log.warn('notify.failed', { tenantId: person.tenantId, aadObjectId: person.aadObjectId, ...describeError(error) });
        return false;
      }
    },
  };
}
