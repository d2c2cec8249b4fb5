import type { CaseDecisionData, NoticeData } from '../../cards/index.js';
import type { Actor } from '../../src/cases/model.js';
import { describeError, type Logger } from '../log.js';
import type { BotServices } from '../services.js';

/** A card for someone other than the person acting, as the outbox keeps it: its template's name and data. */
export type ToldCard =
  | { readonly name: 'notice' | 'confirmation'; readonly data: NoticeData }
  | { readonly name: 'caseDecision'; readonly data: CaseDecisionData };

/** What a card told is about: the case, and the kind of message (one per purpose: `case-confirmation`, ...). */
export interface Told {
  readonly caseRef: string;
  readonly kind: string;
}

/** The outbox subject of what is told about a case as a whole rather than one of its meetings. */
export const CASE_SUBJECT = 'case';

/** Tells someone other than the person acting what an action means for them, in their 1:1 chat. */
export interface Notifier {
  /**
   * Queues the card in the outbox (the dispatcher sends it, and tells the person acting if the recipient cannot
   * be reached): true when queued, false when it could not be (the action itself stands; the asker is told).
   * The same card for the same person, case and kind on one day is one message.
   */
  tell(person: Actor, card: ToldCard, about: Told): Promise<boolean>;
}

/** The notifier of one action by `asker`: everything it tells goes through the outbox, never a send in the turn. */
export function outboxNotifier(services: Pick<BotServices, 'enqueue' | 'clock'>, asker: Actor, log: Pick<Logger, 'warn'>): Notifier {
  return {
    async tell(person, card, about) {
      try {
        await services.enqueue({
          key: { tenantId: person.tenantId, caseRef: about.caseRef, subject: CASE_SUBJECT, kind: about.kind, recipientId: person.aadObjectId, date: services.clock.today() },
          card: { name: card.name, data: { ...card.data } },
          tellId: asker.aadObjectId,
        });
        return true;
      } catch (error) {
        log.warn('notify.not-queued', { caseRef: about.caseRef, kind: about.kind, ...describeError(error) });
        return false;
      }
    },
  };
}
