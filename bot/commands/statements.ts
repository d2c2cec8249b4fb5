import { describeOperation, type CaseOperation } from '../../src/cases/authorization.js';
import { formatLongDate } from '../../src/time/localDate.js';
import type { Intent } from './intents.js';
import type { CommandHandler } from './types.js';

/**
 * What the person says they did ("I held the core group for CP-1042 today", "plan circulated", "send my
 * apologies"): recognised, and answered with what happens to it. Until the meeting cards can record these, the
 * answer is that nothing was saved and how to make sure it is recorded meanwhile; never a due date.
 */
export const handleStatement: CommandHandler = async ({ intent }) => (intent.intent === 'apologies' ? apologies(intent) : notRecorded(intent));

const forCase = (intent: Intent) => (intent.caseRef ? ` for ${intent.caseRef}` : '');
const onDate = (intent: Intent) => (intent.date ? ` on ${formatLongDate(intent.date)}` : '');

/** The operation that will record the statement, so the words are the role matrix's own. */
function operationOf(intent: Intent): CaseOperation {
  if (intent.event !== undefined) return `record-${intent.event}` satisfies CaseOperation;
  return 'record-meeting-held';
}

function notRecorded(intent: Intent): string {
  return (
    `I can't ${describeOperation(operationOf(intent))}${forCase(intent)}${onDate(intent)} yet, so nothing was saved and my dates are unchanged. ` +
    'Until I can, make sure it is in the case record (tell the social worker, if that is not you).'
  );
}

function apologies(intent: Intent): string {
  return (
    `I can't send apologies${forCase(intent)}${onDate(intent)} yet, so nothing was sent or saved. ` +
    'Until I can, send them to the social worker yourself, with your written update: progress on your actions, what is working, what is not, and what the plan needs.'
  );
}
