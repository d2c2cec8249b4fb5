import type { LocalDate } from '../time/localDate.js';

/**
 * What happened on a case, as the timeline engine needs it: dated facts, nothing else. The case service
 * derives these from what it stores; the engine never sees members, names or Teams. One list, in the order
 * events of one day are applied; the type is derived from it.
 */
export const CASE_EVENT_KINDS = [
  /** Initial child protection conference (Scotland: the child protection planning meeting). */
  'initial-conference',
  'core-group-held',
  'review-conference-held',
  /** Seed 000: the ISU sent the outline plan to the core group members after the ICPC. */
  'outline-plan-sent',
  'plan-updated',
  'plan-circulated',
  /** Seed 000: a copy of the developed plan went to the ISU. */
  'plan-sent-to-isu',
  /** The note taker's minutes reached the social worker. */
  'minutes-received',
  /** Seed 002: the minutes and updated plan went to all members, the family included. */
  'minutes-disseminated',
  /** The typed / written record of a core group went out to the members. */
  'record-distributed',
  /** Seed 003: the multi-agency chronology was updated. */
  'chronology-updated',
  /** Seed 001: the case co-ordinator saw the child. */
  'child-seen',
  /** Joint report for the review conference (seed 002). */
  'joint-report-draft-sent',
  'joint-report-comments-received',
  'joint-report-sent-to-manager',
  'joint-report-authorised',
  'joint-report-final-sent',
  /** A chair's quality-assurance decision that a missed core group must be held within N working days. */
  'missed-core-group-decision',
  /** The plan ended, decided by the review conference held that day (seed 004): nothing further falls due. */
  'plan-ended',
] as const;

export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export interface CaseEvent {
  readonly kind: CaseEventKind;
  readonly date: LocalDate;
  /** For paperwork: the date of the core group it was for, when known (recorded through the bot, or `@CG2`). */
  readonly follows?: LocalDate;
}

/** Meetings and decisions are identified by their date: the same one recorded twice is one. Paperwork is not. */
export const MEETING_EVENT_KINDS: ReadonlySet<CaseEventKind> = new Set([
  'initial-conference',
  'core-group-held',
  'review-conference-held',
  'missed-core-group-decision',
  'plan-ended',
]);
