import type { UnreachableBecause } from '../notify/oneToOne.js';

/**
 * Why someone could not be reached in Teams, in the social worker's words: from the outbox row's reason (the
 * connector's or Graph's answer), or from who they are (family members and people outside the organisation are
 * never messaged). One table, for the delivery summary and the "not delivered" notice alike.
 */
export type NotReachedBecause = UnreachableBecause | 'poisoned' | 'family' | 'outside-organisation';

export const NOT_REACHED_WORDS: Readonly<Record<NotReachedBecause, string>> = {
  'outside-organisation': 'outside the organisation, so not in Teams',
  family: 'family member, not in Teams',
  'not-installed': 'app not installed: the bot is not installed for them in Teams',
  'install-refused': 'app not installed, and Teams refused to install it for them',
  forbidden: 'they have blocked the bot in Teams, or it is turned off for them',
  'not-found': 'their chat with the bot is gone from Teams',
  'no-service-url': 'the bot has never been able to reach them in Teams',
  poisoned: 'it could not be sent after several tries',
};

const isKnown = (reason: string): reason is NotReachedBecause => Object.hasOwn(NOT_REACHED_WORDS, reason);

/** A stored reason in words; one from an older version of the bot is still said plainly. */
export const notReachedWords = (reason: string | undefined): string =>
  reason !== undefined && isKnown(reason) ? NOT_REACHED_WORDS[reason] : 'Teams did not deliver it';
