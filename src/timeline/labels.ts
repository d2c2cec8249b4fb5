import type { Role } from '../policy/schema.js';
import { formatShortDate } from '../time/localDate.js';
import type { Obligation, ObligationKind } from './obligation.js';

/** The words people see for each obligation, owner and status: one place, so chat, cards and CLI agree. */
const KIND_LABEL: Readonly<Record<ObligationKind, string>> = {
  'core-group': 'Core group',
  'review-conference': 'Review conference',
  'plan-update': 'Plan updated',
  'plan-circulation': 'Plan circulated',
  'plan-to-isu': 'Plan sent to the ISU',
  minutes: 'Minutes to social worker',
  'minutes-dissemination': 'Minutes and plan to every member',
  'record-distribution': 'Record distributed',
  'chronology-update': 'Chronology updated',
  'outline-plan': 'Outline plan sent',
  'child-seen': 'Child seen',
  'joint-report-draft': 'Joint report: draft sent',
  'joint-report-comments': 'Joint report: comments back',
  'joint-report-to-manager': 'Joint report: sent to team manager',
  'joint-report-authorised': 'Joint report: authorised',
  'joint-report-final': 'Joint report: final sent',
  'missed-core-group-escalation': 'Missed core group: hold it now',
};

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  'social-worker': 'social worker',
  'team-manager': 'team manager',
  chair: 'chair',
  'note-taker': 'note taker',
  'core-group-members': 'core group members',
  'band-7-manager': 'band 7 manager',
  'service-delivery-manager': 'service delivery manager',
  isu: 'ISU',
};

export function describeObligation(obligation: Obligation): string {
  const meeting = obligation.coreGroup;
  if (!meeting) return KIND_LABEL[obligation.kind];
  const place = meeting.meeting === 'first' ? 'first' : meeting.meeting === 'pre-review' ? 'last before review' : undefined;
  return `${KIND_LABEL[obligation.kind]} ${meeting.number}${place ? ` (${place})` : ''}`;
}

/** "met 15 Jan 2027", "met 9 days late 20 Jan 2027", "due today", "overdue", "target passed", "missed", "owed". */
export function describeStatus(obligation: Obligation): string {
  switch (obligation.status) {
    case 'met': {
      const late = obligation.daysLate === undefined ? '' : ` ${obligation.daysLate} day${obligation.daysLate === 1 ? '' : 's'} late`;
      return `met${late} ${formatShortDate(obligation.metOn!)}`;
    }
    case 'missed':
      return obligation.firmness === 'target' ? 'target missed' : 'missed';
    case 'owed':
      return 'owed (no timescale)';
    case 'due-today':
      return 'due today';
    case 'overdue':
      return obligation.firmness === 'target' ? 'target passed' : 'overdue';
    case 'upcoming':
      return 'upcoming';
  }
}
