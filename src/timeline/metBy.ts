import type { FollowUpKind, JointReportKind } from '../policy/schema.js';
import type { CaseEventKind } from './events.js';

/**
 * The event that meets each obligation recorded against a meeting: what the engine matches to the core group
 * it follows, and what a "done" button records. One table, so the two cannot disagree.
 */
export const MET_BY: Readonly<Record<FollowUpKind | JointReportKind, CaseEventKind>> = {
  'plan-update': 'plan-updated',
  'plan-circulation': 'plan-circulated',
  'plan-to-isu': 'plan-sent-to-isu',
  minutes: 'minutes-received',
  'minutes-dissemination': 'minutes-disseminated',
  'record-distribution': 'record-distributed',
  'chronology-update': 'chronology-updated',
  'joint-report-draft': 'joint-report-draft-sent',
  'joint-report-comments': 'joint-report-comments-received',
  'joint-report-to-manager': 'joint-report-sent-to-manager',
  'joint-report-authorised': 'joint-report-authorised',
  'joint-report-final': 'joint-report-final-sent',
};

export const isMetByEvent = (kind: string): kind is FollowUpKind | JointReportKind => Object.hasOwn(MET_BY, kind);
