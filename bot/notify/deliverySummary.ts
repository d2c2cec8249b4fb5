import type { CaseQueries } from '../../src/cases/caseQueries.js';
import type { CaseView } from '../../src/cases/model.js';
import { CaseError } from '../../src/cases/errors.js';
import type { SettledPort } from '../../src/delivery/dispatcher.js';
import type { Outbox } from '../../src/delivery/outbox.js';
import { isCaseKey, type OutboxKey, type OutboxRow } from '../../src/delivery/outboxItem.js';
import type { Logger } from '../log.js';
import { deliverySummaryData } from '../views/deliverySummary.js';

/** The outbox kind of the social worker's delivery summary, one per meeting (and meeting date). */
export const DELIVERY_SUMMARY = 'delivery-summary';

/** Kinds whose unreachable recipients the delivery summary names, instead of a "not delivered" notice for each. */
export const SUMMARISED_KINDS: ReadonlySet<string> = new Set(['invitation']);

const settled = (row: OutboxRow): boolean => row.state === 'sent' || row.state === 'unreachable' || row.state === 'poisoned';

export interface DeliverySummaryDeps {
  readonly outbox: Pick<Outbox, 'rowsAbout' | 'enqueue'>;
  readonly cases: Pick<CaseQueries, 'getCase'>;
  readonly log: Pick<Logger, 'info'>;
}

/**
 * Once every invitation to a meeting has settled, puts the social worker's delivery summary in the outbox. Asked
 * again (a member invited later, a time or venue changed, another instance settling the last row at the same
 * moment) it enqueues the same key: an unchanged summary is not sent again, a changed one updates the card sent.
 * Of two instances settling a meeting's last two rows at once, each lists after its own mark, so the later lister
 * sees both settled: a summary is never left unsent.
 */
export function deliverySummaryPort(deps: DeliverySummaryDeps): SettledPort {
  return async (row) => {
    if (!SUMMARISED_KINDS.has(row.key.kind) || !isCaseKey(row.key)) return;
    const { tenantId, caseRef, kind, subject, date } = row.key;
    const invitations = (await deps.outbox.rowsAbout({ tenantId, caseRef, kind, subject })).filter((candidate) => candidate.key.date === date);
    if (!invitations.every(settled)) return;
    const view = await caseFor(deps, row.key, row.tellId);
    const meeting = view?.meetings.find((candidate) => candidate.meetingId === subject);
    // A meeting moved to another day has new invitations, which summarise themselves; one called off needs none.
    if (view === undefined || meeting === undefined || meeting.date !== date || meeting.cancelled !== undefined) return;
    const outcomes = invitations.map(({ key, state, reason }) => ({ recipientId: key.recipientId, state, reason }));
    await deps.outbox.enqueue({
      key: { tenantId, caseRef: view.caseRef, kind: DELIVERY_SUMMARY, subject, recipientId: view.socialWorker, date },
      card: { name: 'deliverySummary', data: { ...deliverySummaryData(view, meeting, outcomes, view.socialWorker) } },
      tellId: view.socialWorker,
    });
  };
}

/** The case as the social worker the invitations went for sees it; none when it is gone or no longer theirs. */
async function caseFor(deps: DeliverySummaryDeps, key: OutboxKey, tellId: string): Promise<CaseView | undefined> {
  try {
    return await deps.cases.getCase({ tenantId: key.tenantId, aadObjectId: tellId }, key.caseRef);
  } catch (error) {
    // Storage trouble (try-again, or anything else) is thrown, so the dispatcher keeps the message and asks again.
    if (!(error instanceof CaseError) || (error.code !== 'case-not-found' && error.code !== 'not-allowed')) throw error;
    deps.log.info('summary.no-case', { caseRef: key.caseRef, subject: key.subject, code: error.code });
    return undefined;
  }
}
