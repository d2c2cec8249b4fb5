import { describe, expect, it } from 'vitest';
import { DELIVERY_SUMMARY, deliverySummaryPort, type DeliverySummaryDeps } from '../../bot/notify/deliverySummary.js';
import { CaseNotFound, TryAgain } from '../../src/cases/errors.js';
import type { CaseView, Member, MeetingView } from '../../src/cases/model.js';
import type { OutboxRequest, OutboxRow, OutboxState } from '../../src/delivery/outboxItem.js';
import { outboxKey } from '../../src/delivery/outboxItem.js';
import { recordingLogger } from '../support/recordingLogger.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const SOCIAL_WORKER = 'aaaaaaaa-0000-4000-8000-000000000001';
const person = (n: number) => `cccccccc-0000-4000-8000-00000000000${n}`;

const row = (n: number, state: OutboxState, overrides: { kind?: string; date?: string } = {}): OutboxRow => ({
  key: outboxKey.parse({ tenantId: TENANT, caseRef: 'CP-1042', subject: 'CG2', kind: overrides.kind ?? 'invitation', recipientId: person(n), date: overrides.date ?? '2027-03-09' }),
  card: { name: 'invitation', data: {} },
  tellId: SOCIAL_WORKER,
  state,
  revision: 1,
  posted: undefined,
  claim: undefined,
  reason: state === 'unreachable' ? 'not-found' : undefined,
  queuedAt: new Date(0),
  sentAt: undefined,
  etag: 'e',
});

const member = (n: number): Member => ({ memberId: `M${n}`, role: 'professional', aadObjectId: person(n), displayName: `Person ${n}`, agency: 'Agency', status: 'active', addedAt: '2027-01-01T00:00:00.000Z' });
const meeting = (extra: Partial<MeetingView> = {}) => ({ meetingId: 'CG2', type: 'subsequent', date: '2027-03-09', time: '10:00', answers: [], ...extra }) as unknown as MeetingView;
const view = (meetings: readonly MeetingView[]) => ({ caseRef: 'CP-1042', socialWorker: SOCIAL_WORKER, members: [member(1), member(2)], meetings }) as unknown as CaseView;

/** The port with a stand-in outbox holding `rows` and a case lookup answering `answer`; what it enqueued. */
function portWith(rows: readonly OutboxRow[], answer: () => Promise<CaseView>) {
  const enqueued: OutboxRequest[] = [];
  const log = recordingLogger();
  const deps: DeliverySummaryDeps = {
    outbox: { rowsAbout: async () => [...rows], enqueue: async (request) => (enqueued.push(request), 'queued') },
    cases: { getCase: answer },
    log,
  };
  return { port: deliverySummaryPort(deps), enqueued, log };
}

describe("the social worker's delivery summary, once a meeting's invitations have settled", () => {
  it('is enqueued for the social worker, keyed by the meeting and its date, once every invitation has settled', async () => {
    const rows = [row(1, 'sent'), row(2, 'unreachable')];
    const { port, enqueued } = portWith(rows, async () => view([meeting()]));
    await port(rows[1]!);
    expect(enqueued.map((request) => request.key)).toEqual([{ tenantId: TENANT, caseRef: 'CP-1042', kind: DELIVERY_SUMMARY, subject: 'CG2', recipientId: SOCIAL_WORKER, date: '2027-03-09' }]);
    expect(enqueued[0]?.card.data).toMatchObject({ reached: 'Invited and reached in Teams: Person 1 (Agency).', unreached: [{ who: 'Person 2 (Agency)', why: 'Why: their chat with the bot is gone from Teams' }] });
  });

  it('waits while an invitation is still pending or sending, without reading the case', async () => {
    let reads = 0;
    for (const state of ['pending', 'sending'] as const) {
      const rows = [row(1, 'sent'), row(2, state)];
      const { port, enqueued } = portWith(rows, async () => (reads++, view([meeting()])));
      await port(rows[0]!);
      expect(enqueued).toEqual([]);
    }
    expect(reads).toBe(0);
  });

  it("counts only the invitations for the row's date, and sends nothing for a meeting since moved or called off, or for other kinds", async () => {
    const moved = [row(1, 'sent'), row(2, 'pending', { date: '2027-03-16' })];
    const movedPort = portWith(moved, async () => view([meeting({ date: '2027-03-16' } as Partial<MeetingView>)]));
    await movedPort.port(moved[0]!);
    expect(movedPort.enqueued).toEqual([]);

    const cancelled = portWith([row(1, 'sent')], async () => view([meeting({ cancelled: { on: '2027-03-01', by: SOCIAL_WORKER } } as Partial<MeetingView>)]));
    await cancelled.port(row(1, 'sent'));
    expect(cancelled.enqueued).toEqual([]);

    const reminder = portWith([row(1, 'sent', { kind: 'reminder' })], async () => view([meeting()]));
    await reminder.port(row(1, 'sent', { kind: 'reminder' }));
    expect(reminder.enqueued).toEqual([]);
  });

  it('gives up on a case that is gone, saying so in the log, but throws storage trouble so the dispatcher asks again', async () => {
    const gone = portWith([row(1, 'sent')], async () => Promise.reject(new CaseNotFound('CP-1042')));
    await gone.port(row(1, 'sent'));
    expect(gone.enqueued).toEqual([]);
    expect(gone.log.entries.map(({ event, fields }) => [event, fields.code])).toEqual([['summary.no-case', 'case-not-found']]);

    const down = portWith([row(1, 'sent')], async () => Promise.reject(new TryAgain()));
    await expect(down.port(row(1, 'sent'))).rejects.toBeInstanceOf(TryAgain);
  });
});
