import type { Citation, FollowUpKind, JointReportKind, Role, RoleRequirement } from '../policy/schema.js';
import type { LocalDate } from '../time/localDate.js';

export type ObligationKind =
  | 'core-group'
  | 'review-conference'
  | FollowUpKind
  | JointReportKind
  | 'missed-core-group-escalation'
  | 'outline-plan'
  | 'child-seen';

/**
 * `missed`: it can no longer be met (the plan ended, or the review it was for was held) and was not: kept in the
 * case's history. `owed`: the procedure sets no timescale, so it is owed from its meeting but never overdue.
 */
export type ObligationStatus = 'met' | 'upcoming' | 'due-today' | 'overdue' | 'missed' | 'owed';

/**
 * A deadline is a breach when passed; a target ("should occur 6 weeks after") is shown, not treated as one;
 * `undated`: the source gives no timescale (its `due` is the meeting it follows).
 */
export type Firmness = 'deadline' | 'target' | 'undated';

export type CoreGroupMeeting = 'first' | 'subsequent' | 'pre-review';

/** Something the procedure says must happen by a date, and whether it has. */
export interface Obligation {
  readonly kind: ObligationKind;
  readonly due: LocalDate;
  readonly status: ObligationStatus;
  /** The date of the event that met it (possibly after `due`: met late). */
  readonly metOn?: LocalDate;
  /** Met after its due date: by how many calendar days. A breach stays a breach once it is finally met. */
  readonly daysLate?: number;
  readonly owner: Role;
  readonly firmness: Firmness;
  /** One sentence a social worker can read: what the date is counted from, and the words of the procedure. */
  readonly basis: string;
  readonly citation: Citation;
  /** For core groups: the meeting's place in the sequence (1 = first) and what the procedure asks of it. */
  readonly coreGroup?: {
    readonly number: number;
    readonly meeting: CoreGroupMeeting;
    readonly requirements: readonly RoleRequirement[];
  };
  /** For what follows a meeting (plan circulation, minutes, joint report): the core group it follows. */
  readonly follows?: LocalDate;
}

export interface Timeline {
  readonly policyId: string;
  readonly today: LocalDate;
  /** When the plan ended; from then on no core group or review falls due. */
  readonly planEnded: LocalDate | null;
  readonly nextCoreGroup: Obligation | null;
  readonly nextReviewConference: Obligation | null;
  /** Every obligation, met or not, by due date. */
  readonly obligations: readonly Obligation[];
}

/** Still to be done by a date: not met, not missed, not merely owed without a timescale. */
export const isOpen = (obligation: Obligation): boolean =>
  obligation.status === 'upcoming' || obligation.status === 'due-today' || obligation.status === 'overdue';
