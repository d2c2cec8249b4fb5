import { createHash } from 'node:crypto';
import type { ReminderAction, ReminderData } from '../../cards/index.js';
import type { CaseState } from '../../src/cases/model.js';
import { LIMITS } from '../../src/cases/validation.js';
import type { OutboxKey } from '../../src/delivery/outboxItem.js';
import type { Notice } from '../../src/sweep/index.js';
import { meetingToRecord } from '../../src/due/meetingFollowUps.js';
import { formatLongDate } from '../../src/time/localDate.js';
import { caseLabel } from './caseSummary.js';
import { MEETING_NAMES } from './meetings.js';

/**
 * The same notice must render to the same card data every sweep, or the outbox would take each sweep's copy for
 * a new revision and update the card: so the id that makes a re-sent answer one request comes from the key.
 */
export function requestIdOf(key: OutboxKey): string {
  const hex = createHash('sha256').update(JSON.stringify(key)).digest('hex');
  // An RFC 9562 version 8 (custom) UUID: its version and variant bits set, the rest from the hash.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Shown = Pick<ReminderData, 'title' | 'style' | 'hint' | 'action' | 'meetingId'>;

/** The meeting an obligation follows (paperwork is for the core group held that day), by id; '' for none. */
const meetingHeldOn = (state: CaseState, day: string | undefined): string => state.meetings.find((meeting) => day !== undefined && meeting.held?.heldOn === day)?.meetingId ?? '';

/** The chair's card for a missed core group: a box for the decision and Record the decision. */
const decisionShown = (label: string, what: string): Shown => ({ title: `Record your decision: ${what} for ${label} was missed`, style: 'attention', hint: '', action: 'decide', meetingId: '' });

/** The decision card again, refused: what was typed kept in the box, and why it was refused. */
export function refusedDecisionData(view: { readonly caseRef: string; readonly alias?: string }, what: string, requestId: string, decision: string, error: string): ReminderData {
  return { ...decisionShown(caseLabel(view), what), caseRef: view.caseRef, facts: [{ title: 'Case', value: caseLabel(view) }], message: '', requestId, decision, error, decisionLimit: LIMITS.note };
}

/** Title, tone and button of each kind of notice. */
function shown(notice: Notice, state: CaseState): Shown {
  const label = caseLabel(notice.data);
  const meeting = notice.data.meeting && state.meetings.find((candidate) => candidate.meetingId === notice.data.meeting?.meetingId);
  const meetingName = meeting ? MEETING_NAMES[meeting.type] : 'Core group';
  const obligation = notice.data.obligation;
  const what = obligation?.label ?? '';
  const socialWorker = notice.recipient.id === state.header.socialWorker;
  const none = { hint: '', action: 'none' as ReminderAction, meetingId: '' };
  switch (notice.kind) {
    case 'invitation-reminder':
      return { title: `Reminder: please answer the invitation to the ${meetingName.toLowerCase()} for ${label}`, style: 'default', hint: '', action: 'answer', meetingId: meeting?.meetingId ?? '' };
    case 'contribution-reminder':
      return { title: `Reminder: your joint-report contribution for ${label}`, style: 'default', hint: 'Give it with your answer to the invitation.', action: 'contribute', meetingId: meeting?.meetingId ?? '' };
    case 'schedule-core-group':
      return { title: `Arrange the next core group for ${label}`, style: 'warning', hint: '', action: 'schedule', meetingId: '' };
    case 'missed-core-group': {
      const title = `Missed: ${what} for ${label}`;
      if (!socialWorker) return { title, style: 'attention', ...none, hint: 'The social worker has been told.' };
      // A meeting arranged for a day now past may have been held and not recorded: recording it is the answer.
      const unrecorded = meetingToRecord(state, notice.key.date);
      return unrecorded
        ? { title, style: 'attention', hint: `If ${unrecorded.meetingId} was held, record it; if not, arrange a core group now.`, action: 'record-meeting', meetingId: unrecorded.meetingId }
        : { title, style: 'attention', hint: 'Arrange it now.', action: 'schedule', meetingId: '' };
    }
    case 'missed-core-group-decision':
      return decisionShown(label, what);
    case 'due-soon':
    case 'due-today':
    case 'overdue': {
      const when = notice.kind === 'overdue' ? 'Overdue' : notice.kind === 'due-today' ? 'Due today' : `Due ${obligation ? formatLongDate(obligation.due) : ''}`;
      const heldMeeting = meetingHeldOn(state, obligation?.follows);
      const recordable = heldMeeting !== '';
      return {
        title: `${when}: ${what} for ${label}`,
        style: notice.kind === 'overdue' ? 'attention' : notice.kind === 'due-today' ? 'warning' : 'default',
        hint: recordable ? 'Done already? Record it with the date it was done.' : '',
        action: recordable ? 'record' : 'none',
        meetingId: heldMeeting,
      };
    }
  }
}

/** What a notice's card shows: the case by reference and alias, the dates, the reason, and what to do about it. */
export function reminderData(notice: Notice, state: CaseState): ReminderData {
  const { meeting, obligation } = notice.data;
  const facts = [
    { title: 'Case', value: caseLabel(notice.data) },
    ...(meeting ? [{ title: 'When', value: `${formatLongDate(meeting.date)} at ${meeting.time}` }] : []),
    ...(obligation ? [{ title: 'Due by', value: formatLongDate(obligation.due) }] : []),
  ];
  return { ...shown(notice, state), caseRef: notice.data.caseRef, facts, message: notice.reason, requestId: requestIdOf(notice.key), decision: '', error: '', decisionLimit: LIMITS.note };
}
