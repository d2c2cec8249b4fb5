import type { LocalDate } from '../time/localDate.js';

/**
 * What happened on a case, as the timeline engine needs it: dated facts, nothing else. The case service
 * derives these from what it stores; the engine never sees members, names or Teams.
 */
export type CaseEventKind =
  /** Initial child protection conference (Scotland: the child protection planning meeting). */
  | 'initial-conference'
  | 'core-group-held'
  | 'review-conference-held'
  | 'plan-updated'
  | 'plan-circulated'
  /** The note taker's minutes reached the social worker. */
  | 'minutes-received'
  /** The typed / written record of a core group went out to the members. */
  | 'record-distributed'
  /** Joint report for the review conference (seed 002). */
  | 'joint-report-draft-sent'
  | 'joint-report-comments-received'
  | 'joint-report-sent-to-manager'
  | 'joint-report-authorised'
  | 'joint-report-final-sent'
  /** A chair's quality-assurance decision that a missed core group must be held within N working days. */
  | 'missed-core-group-decision'
  /** The plan ended at a review conference: nothing further falls due. */
  | 'plan-ended';

export interface CaseEvent {
  readonly kind: CaseEventKind;
  readonly date: LocalDate;
}

export const CASE_EVENT_KINDS: readonly CaseEventKind[] = [
  'initial-conference',
  'core-group-held',
  'review-conference-held',
  'plan-updated',
  'plan-circulated',
  'minutes-received',
  'record-distributed',
  'joint-report-draft-sent',
  'joint-report-comments-received',
  'joint-report-sent-to-manager',
  'joint-report-authorised',
  'joint-report-final-sent',
  'missed-core-group-decision',
  'plan-ended',
];
