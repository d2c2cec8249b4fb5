import type { AdaptiveCardJson } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import { describeError } from '../log.js';
import { cardReply } from '../views/reply.js';
import { sendToPerson, type ProactiveDeps } from './oneToOne.js';
import type { RetryPolicy } from './sender.js';

/** Tells someone other than the person acting, in their 1:1 chat, while the turn that caused it is answered. */
export interface Notifier {
  /**
   * Best effort: true when the card was delivered in time, false when the person could not be reached, or not
   * within the turn's share of time (the asker is told; a delivery still under way may yet arrive).
   */
  tell(person: Actor, card: AdaptiveCardJson): Promise<boolean>;
}

/**
 * Retries inside a turn stay short: the person acting is waiting for their answer (Teams gives a card action a few
 * seconds), and whatever is told this way can also be found in the recipient's own lists.
 */
export const IN_TURN_RETRY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 1_000 };

/**
 * The longest a turn waits for one person to be told. botbuilder's connector client retries a 5xx three times on
 * its own schedule, beyond the sender's policy, so without a limit one failing send holds the answer for seconds.
 */
export const TELL_BUDGET_MS = 2_000;

/** `serviceUrlHint`: the asker's connector endpoint, the tenant's region, for people the bot has not heard from. */
export function createNotifier(deps: ProactiveDeps, serviceUrlHint: string | undefined, budgetMs = TELL_BUDGET_MS): Notifier {
  const deliver = async (person: Actor, card: AdaptiveCardJson): Promise<boolean> => {
    try {
      return (await sendToPerson(person, cardReply(card), deps, serviceUrlHint)).status === 'sent';
    } catch (error) {
      deps.log.warn('notify.failed', { tenantId: person.tenantId, aadObjectId: person.aadObjectId, ...describeError(error) });
      return false;
    }
  };
  return {
    async tell(person, card) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), budgetMs).unref();
      });
      const delivered = await Promise.race([deliver(person, card), late]);
      clearTimeout(timer);
      if (!delivered) deps.log.warn('notify.not-delivered', { tenantId: person.tenantId, aadObjectId: person.aadObjectId });
      return delivered;
    },
  };
}
