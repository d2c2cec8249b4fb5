import type { Citation, FollowUpKind, JointReportKind, Role, RoleRequirement } from '../policy/schema.js';
import type { LocalDate } from '../time/localDate.js';

export type ObligationKind =
  | 'core-group'
  | 'review-conference'
  | FollowUpKind
  | JointReportKind
  | 'missed-core-group-escalation';

export type ObligationStatus = 'met' | 'upcoming' | 'due-today' | 'overdue';

/** A deadline is a breach when passed; a target ("should occur 6 weeks after") is shown, not treated as one. */
export type Firmness = 'deadline' | 'target';

export type CoreGroupMeeting = 'first' | 'subsequent' | 'pre-review';

/** Something the procedure says must happen by a date, and whether it has. */
export interface Obligation {
  readonly kind: ObligationKind;
  readonly due: LocalDate;
  readonly status: ObligationStatus;
  /** The date of the event that met it (possibly after `due`: met late). */
  readonly metOn?: LocalDate;
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
