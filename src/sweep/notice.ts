import type { OutboxKey } from '../delivery/outboxItem.js';
import type { Role } from '../policy/schema.js';
import type { LocalDate } from '../time/localDate.js';
import type { ObligationKind, ObligationStatus } from '../timeline/index.js';

/** What a notice is for; also the outbox key's kind, so one purpose is one kind of message. */
export const NOTICE_KINDS = [
  /** A member has not answered the invitation to a meeting coming up. */
  'invitation-reminder',
  /** A member has not given their joint-report contribution for the last core group before a review (seed 002). */
  'contribution-reminder',
  /** No core group is arranged and the next one is due soon: for the social worker. */
  'schedule-core-group',
  /** A core group deadline passed without one: the social worker and team manager are told once. */
  'missed-core-group',
  /** The same, for the chair where the procedure has them record a decision (seed 000). */
  'missed-core-group-decision',
  /** Something owed (a plan, minutes, a record, a joint-report step, a visit) falls due soon, is due today, or is overdue. */
  'due-soon',
  'due-today',
  'overdue',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The person a notice is for, by the part they play on the case; members as member ids too (the bot names them). */
export type NoticeRole = Extract<Role, 'social-worker' | 'team-manager' | 'chair' | 'note-taker' | 'service-delivery-manager'> | 'member';

export interface Recipient {
  readonly role: NoticeRole;
  /** Entra object id: whom the outbox sends to. */
  readonly id: string;
  /** Their member id on the case (M1, M2 ...), when they are in the core group. */
  readonly memberId?: string;
}

/** A card's neutral data: the case by reference and alias only, dates and ids, never a name. */
export interface NoticeData {
  readonly caseRef: string;
  readonly alias?: string;
  /** The meeting a reminder is about. */
  readonly meeting?: { readonly meetingId: string; readonly date: LocalDate; readonly time: string };
  /** The obligation of the timeline a notice is about. */
  readonly obligation?: {
    readonly kind: ObligationKind;
    /** As people see it: "Plan circulated", "Core group 3 (last before review)". */
    readonly label: string;
    readonly due: LocalDate;
    readonly status: ObligationStatus;
    /** Whose it is to do, as the procedure says (a notice may go to someone else too: a team manager following it). */
    readonly owner: Role;
    /** The core group it follows (paperwork, joint report), or the number of the core group it is (1 = first). */
    readonly follows?: LocalDate;
    readonly coreGroup?: number;
  };
  /** For a notice ahead of a date: how many working days ahead it was meant to come. */
  readonly workingDaysBefore?: number;
}

/** One thing one person should be told about one case. */
export interface Notice {
  /** The outbox key: the same notice asked for again, by a second run or instance, is the same key. */
  readonly key: OutboxKey;
  readonly kind: NoticeKind;
  readonly recipient: Recipient;
  readonly data: NoticeData;
  /** Why, in plain words, citing the procedure (the engine's basis) or the sweep setting it comes from. */
  readonly reason: string;
}
