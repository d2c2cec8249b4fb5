import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher, type DeliveryItem, type DispatcherOptions, type SendResult, type SettledPort } from '../../src/delivery/dispatcher.js';
import { Outbox } from '../../src/delivery/outbox.js';
import { outboxAddress, outboxKey, type OutboxRequest, type OutboxRow, type Posted } from '../../src/delivery/outboxItem.js';
import { ThrottleGate } from '../../src/delivery/throttle.js';
import type { StoreQueues, StoreTables } from '../../src/store/connect.js';
import { systemClock } from '../../src/time/clock.js';
import { testStorage } from '../setup/tables.js';
import { recordingLogger } from '../support/recordingLogger.js';

const TENANT = '11111111-1111-1111-1111-111111111111';
const SOCIAL_WORKER = '22222222-2222-2222-2222-222222222222';
const memberId = (n: number) => `33333333-3333-3333-3333-${String(n).padStart(12, '0')}`;

/** An invitation to CG2 of CP-1042 for member n: a card's data with the case reference, never a name. */
function invitation(n: number, data: Record<string, unknown> = { caseRef: 'CP-1042', meetingId: 'CG2' }): OutboxRequest {
  return {
    key: { tenantId: TENANT, caseRef: 'CP-1042', subject: 'CG2', kind: 'invitation', recipientId: memberId(n), date: '2026-12-14' },
    card: { name: 'invitation', data },
    tellId: SOCIAL_WORKER,
  };
}

/** The stand-in for the bot's sender: records every send and answers as told (sent, by default). */
function standInPort(answer: (item: DeliveryItem, call: number) => SendResult | Promise<SendResult> = (item) => posted(item)) {
  const sends: DeliveryItem[] = [];
  const send = async (item: DeliveryItem): Promise<SendResult> => {
    sends.push(item);
    return answer(item, sends.length);
  };
  const sendsTo = (n: number) => sends.filter((item) => item.key.recipientId === memberId(n)).length;
  return { sends, send, sendsTo };
}

function posted(item: DeliveryItem): SendResult {
  return { status: 'sent', conversationId: `a:conv-${item.key.recipientId}`, activityId: item.previous?.activityId ?? `act-${item.key.recipientId}` };
}

let tables: StoreTables;
let queues: StoreQueues;
let outbox: Outbox;
let log: ReturnType<typeof recordingLogger>;
const told: { item: DeliveryItem; reason: string }[] = [];

beforeEach(async () => {
  ({ tables, queues } = await testStorage('dl'));
  outbox = new Outbox(tables.outbox, queues.outbox, systemClock);
  log = recordingLogger();
  told.length = 0;
});

/** Short timeouts so a lapsed message or claim comes back within the test; nothing asserts how long anything took. */
const FAST: Omit<DispatcherOptions, 'instanceId'> = { visibilityTimeoutSeconds: 1, claimSeconds: 2, defaultRetryAfterMs: 1_000 };

function dispatcher(send: (item: DeliveryItem) => Promise<SendResult>, instanceId: string, options: Partial<DispatcherOptions> = {}, store: Outbox = outbox, onSettled?: SettledPort): Dispatcher {
  return new Dispatcher(
    {
      ...(onSettled && { onSettled }),
      outbox: store,
      queue: queues.outbox,
      poisonQueue: queues.outboxPoison,
      throttle: new ThrottleGate(tables.outbox),
      send,
      tellUnreachable: async (item, reason) => void told.push({ item, reason }),
      clock: systemClock,
      log,
    },
    { ...FAST, instanceId, ...options },
  );
}

/** Drains with every dispatcher at once until `done` holds, resting while messages are invisible; bounded. */
async function drainUntil(dispatchers: readonly Dispatcher[], done: () => boolean | Promise<boolean>): Promise<void> {
  for (let round = 0; round < 200; round += 1) {
    if (await done()) return;
    const results = await Promise.all(dispatchers.map((each) => each.drain()));
    if (results.every((result) => result.received === 0)) await sleep(100);
  }
  throw new Error('the outbox did not settle');
}

const addressOf = (n: number) => outboxAddress(outboxKey.parse(invitation(n).key));
const row = (n: number): Promise<OutboxRow | undefined> => outbox.get(addressOf(n));

async function queueIsEmpty(): Promise<boolean> {
  const { approximateMessagesCount } = await queues.outbox.getProperties();
  return approximateMessagesCount === 0;
}

describe('the outbox and its dispatcher, on Azurite tables and queues', () => {
  it("lists a subject's rows of one kind, every recipient's, and no other kind's or subject's", async () => {
    await outbox.enqueue(invitation(1));
    await outbox.enqueue(invitation(2));
    await outbox.enqueue({ ...invitation(3), key: { ...invitation(3).key, subject: 'CG3' } });
    await outbox.enqueue({ ...invitation(4), key: { ...invitation(4).key, kind: 'invitation-x' } });
    const rows = await outbox.rowsAbout({ tenantId: TENANT, caseRef: 'CP-1042', kind: 'invitation', subject: 'CG2' });
    expect(rows.map((each) => [each.key.recipientId, each.state])).toEqual([
      [memberId(1), 'pending'],
      [memberId(2), 'pending'],
    ]);
  });

  it('hands each settled row to the settled port, sent or unreachable, and keeps its message until the port has taken it', async () => {
    await outbox.enqueue(invitation(1));
    await outbox.enqueue(invitation(2));
    const port = standInPort((item) => (item.key.recipientId === memberId(2) ? { status: 'unreachable', reason: 'forbidden' } : posted(item)));
    const seen: Array<[string, string]> = [];
    let failures = 1;
    const onSettled: SettledPort = async (settled) => {
      if (failures-- > 0) throw new Error('storage is down');
      seen.push([settled.key.recipientId, settled.state]);
    };
    const one = dispatcher(port.send, 'one', {}, outbox, onSettled);

    await drainUntil([one], queueIsEmpty);

    // The first row settled while the port failed: its message came back, was skipped as settled, and the port took it then.
    expect(port.sends).toHaveLength(2);
    expect(seen.sort()).toEqual([
      [memberId(1), 'sent'],
      [memberId(2), 'unreachable'],
    ]);
    expect(one.counts()).toMatchObject({ sent: 1, unreachable: 1, skipped: 1 });
    expect(log.entries.filter((entry) => entry.event === 'outbox.settled-failed')).toHaveLength(1);
  });

  it('writes the same business key twice as one row, sent once', async () => {
    expect(await outbox.enqueue(invitation(1))).toBe('queued');
    expect(await outbox.enqueue(invitation(1))).toBe('unchanged');
    const port = standInPort();
    const one = dispatcher(port.send, 'one');

    await drainUntil([one], queueIsEmpty);

    expect(port.sends).toHaveLength(1);
    expect(one.counts()).toMatchObject({ sent: 1, skipped: 1, repeated: 0 });
    expect(await row(1)).toMatchObject({ state: 'sent', revision: 1, claim: undefined, posted: { conversationId: `a:conv-${memberId(1)}`, activityId: `act-${memberId(1)}` } });
    expect(await outbox.enqueue(invitation(1))).toBe('unchanged');
  });

  it('sends a revised payload as an update of the card already posted, never a second post', async () => {
    await outbox.enqueue(invitation(1));
    const port = standInPort();
    const one = dispatcher(port.send, 'one');
    await drainUntil([one], queueIsEmpty);

    expect(await outbox.enqueue(invitation(1, { caseRef: 'CP-1042', meetingId: 'CG2', venue: 'Room 4' }))).toBe('revised');
    await drainUntil([one], queueIsEmpty);

    const expected: Posted = { conversationId: `a:conv-${memberId(1)}`, activityId: `act-${memberId(1)}` };
    expect(port.sends.map((item) => item.previous)).toEqual([undefined, expected]);
    expect(port.sends[1]?.card.data).toEqual({ caseRef: 'CP-1042', meetingId: 'CG2', venue: 'Room 4' });
    expect(await row(1)).toMatchObject({ state: 'sent', revision: 2, posted: expected });
  });

  it('loses nothing when an instance takes the message and dies before sending: it is sent once after the timeout', async () => {
    await outbox.enqueue(invitation(1));
    // The instance that died: it received the message (now invisible for a second) and did nothing more.
    const { receivedMessageItems } = await queues.outbox.receiveMessages({ visibilityTimeout: 1 });
    expect(receivedMessageItems).toHaveLength(1);
    const port = standInPort();
    const survivor = dispatcher(port.send, 'survivor');

    await drainUntil([survivor], async () => (await row(1))?.state === 'sent');

    expect(port.sends).toHaveLength(1);
    expect(survivor.counts()).toMatchObject({ sent: 1, repeated: 0, failed: 0 });
    expect(await queueIsEmpty()).toBe(true);
  });

  it('repeats only the one message whose send was not marked, and counts the repeat', async () => {
    for (const n of [1, 2, 3]) await outbox.enqueue(invitation(n));
    const port = standInPort();
    /** An instance that dies right after its first send returns, before the row is marked sent. */
    class DiesAfterFirstSend extends Outbox {
      #died = false;
      override markSent(sent: OutboxRow, where: Posted | undefined): Promise<OutboxRow> {
        if (this.#died) return super.markSent(sent, where);
        this.#died = true;
        return Promise.reject(new Error('the instance died'));
      }
    }
    const crashing = dispatcher(port.send, 'crashing', { batchSize: 3, concurrency: 1 }, new DiesAfterFirstSend(tables.outbox, queues.outbox, systemClock));
    expect(await crashing.drain()).toMatchObject({ received: 3, sent: 2, failed: 1 });
    const survivor = dispatcher(port.send, 'survivor');

    await drainUntil([survivor], async () => (await Promise.all([1, 2, 3].map(row))).every((each) => each?.state === 'sent'));

    expect([1, 2, 3].map(port.sendsTo).sort()).toEqual([1, 1, 2]);
    expect(port.sends).toHaveLength(4);
    expect(survivor.counts()).toMatchObject({ sent: 1, repeated: 1 });
  });

  it('sends every row exactly once with two dispatchers draining one queue, even when a send outlasts the visibility timeout', async () => {
    const members = Array.from({ length: 30 }, (_, index) => index + 1);
    await Promise.all(members.map((n) => outbox.enqueue(invitation(n))));
    // Member 1's send outlasts the message's visibility: the other dispatcher receives it meanwhile and must not send.
    const port = standInPort(async (item) => {
      if (item.key.recipientId === memberId(1)) await sleep(1_500);
      return posted(item);
    });
    const [a, b] = [dispatcher(port.send, 'a', { batchSize: 4 }), dispatcher(port.send, 'b', { batchSize: 4 })];

    await drainUntil([a, b], async () => (await Promise.all(members.map(row))).every((each) => each?.state === 'sent'));

    expect(members.map(port.sendsTo)).toEqual(members.map(() => 1));
    expect(a.counts().sent + b.counts().sent).toBe(30);
    expect(a.counts().repeated + b.counts().repeated).toBe(0);
  });

  it('keeps its other send slots busy while one send waits: run receives more without waiting for the batch', async () => {
    for (const n of [1, 2]) await outbox.enqueue(invitation(n));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Member 1's send waits (as one sitting out a 429's Retry-After does) until the test lets it go.
    const port = standInPort(async (item) => {
      if (item.key.recipientId === memberId(1)) await held;
      return posted(item);
    });
    const one = dispatcher(port.send, 'one', { batchSize: 2, concurrency: 2, visibilityTimeoutSeconds: 30, claimSeconds: 60 });
    const stop = new AbortController();
    const running = one.run(stop.signal, 50);
    const sentTo = async (n: number) => (await row(n))?.state === 'sent';
    const until = async (done: () => Promise<boolean>) => {
      for (let round = 0; round < 100 && !(await done()); round += 1) await sleep(50);
    };

    await until(() => sentTo(2));
    await outbox.enqueue(invitation(3));
    await until(() => sentTo(3));
    const whileHeld = { 1: port.sendsTo(1), 3: await row(3) };
    release();
    await until(() => sentTo(1));
    stop.abort();
    await running;

    expect(whileHeld).toMatchObject({ 1: 1, 3: { state: 'sent' } });
    expect([1, 2, 3].map(port.sendsTo)).toEqual([1, 1, 1]);
    expect(await row(1)).toMatchObject({ state: 'sent' });
    expect(one.counts()).toMatchObject({ sent: 3, repeated: 0, failed: 0 });
  });

  it('writes the throttled-until row on a 429, which another dispatcher honours before sending anything', async () => {
    await outbox.enqueue(invitation(1));
    const throttled = dispatcher(standInPort(() => ({ status: 'throttled', retryAfterMs: 1_500 })).send, 'throttled');
    const before = Date.now();
    expect(await throttled.drain()).toMatchObject({ received: 1, throttled: 1, sent: 0 });
    const until = await new ThrottleGate(tables.outbox).until();
    expect(until?.getTime()).toBeGreaterThanOrEqual(before + 1_500);
    expect(await row(1)).toMatchObject({ state: 'pending', claim: undefined });

    for (const n of [2, 3, 4]) await outbox.enqueue(invitation(n));
    const sentAt: number[] = [];
    const other = dispatcher(standInPort((item) => (sentAt.push(Date.now()), posted(item))).send, 'other');
    await drainUntil([other], async () => (await Promise.all([1, 2, 3, 4].map(row))).every((each) => each?.state === 'sent'));

    expect(sentAt).toHaveLength(4);
    expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(until?.getTime() ?? Number.NaN);
    expect(other.counts()).toMatchObject({ sent: 4, throttled: 0 });
    expect(other.counts().deferred).toBeGreaterThan(0);
  });

  it('weathers a 429 storm longer than the dequeue limit: nothing is poisoned, and each row is then sent once', async () => {
    for (const n of [1, 2]) await outbox.enqueue(invitation(n));
    const port = standInPort((item, call) => (call <= 4 ? { status: 'throttled', retryAfterMs: 100 } : posted(item)));
    const one = dispatcher(port.send, 'one', { maxDequeues: 2, concurrency: 1 });

    await drainUntil([one], async () => (await Promise.all([1, 2].map(row))).every((each) => each?.state === 'sent'));

    expect(one.counts()).toMatchObject({ throttled: 4, poisoned: 0, sent: 2 });
    expect(port.sends).toHaveLength(6);
    expect(await queueIsEmpty()).toBe(true);
  });

  it('moves a message that keeps failing past the dequeue limit to the poison queue, marks its row and reports it', async () => {
    await outbox.enqueue(invitation(1));
    const port = standInPort(() => ({ status: 'failed', reason: 'server-error' }));
    const one = dispatcher(port.send, 'one', { maxDequeues: 2 });

    await drainUntil([one], () => one.counts().poisoned === 1);

    expect(port.sends).toHaveLength(2);
    expect(await row(1)).toMatchObject({ state: 'poisoned', reason: 'dequeued 3 times' });
    const { peekedMessageItems } = await queues.outboxPoison.peekMessages();
    expect(peekedMessageItems.map((message) => JSON.parse(message.messageText) as unknown)).toEqual([addressOf(1)]);
    expect(await queueIsEmpty()).toBe(true);
    expect(log.entries.filter((entry) => entry.event === 'outbox.poisoned').map((entry) => entry.fields)).toEqual([
      expect.objectContaining({ caseRef: 'CP-1042', kind: 'invitation', subject: 'CG2', reason: 'dequeued 3 times' }),
    ]);
    // Set aside is not delivered: the person it went for is told, once.
    expect(told.map(({ item, reason }) => [item.key.recipientId, item.tellId, reason])).toEqual([[memberId(1), SOCIAL_WORKER, 'poisoned']]);
  });

  it('sets aside a row whose sends keep dying with the claim held, counting the waits for the claim', async () => {
    await outbox.enqueue(invitation(1));
    const port = standInPort(() => Promise.reject(new Error('the connector client crashed')));
    // The claim outlasts the message's visibility well, so the second receive surely finds it held.
    const one = dispatcher(port.send, 'one', { maxDequeues: 2, claimSeconds: 5 });

    await drainUntil([one], () => one.counts().poisoned === 1);

    expect(port.sends).toHaveLength(1);
    expect(one.counts()).toMatchObject({ failed: 1, deferred: 1, poisoned: 1, sent: 0 });
    expect(await row(1)).toMatchObject({ state: 'poisoned', reason: 'dequeued 3 times', claim: undefined });
  });

  it('marks an unreachable recipient once, with the reason, and tells the social worker once', async () => {
    await outbox.enqueue(invitation(1));
    // A second message for the same pending row, as a retried turn would leave.
    await outbox.enqueue(invitation(1));
    const port = standInPort(() => ({ status: 'unreachable', reason: 'forbidden' }));
    const one = dispatcher(port.send, 'one');

    await drainUntil([one], queueIsEmpty);

    expect(port.sends).toHaveLength(1);
    expect(await row(1)).toMatchObject({ state: 'unreachable', reason: 'forbidden' });
    expect(told.map(({ item, reason }) => [item.tellId, item.key.recipientId, reason])).toEqual([[SOCIAL_WORKER, memberId(1), 'forbidden']]);
    expect(one.counts()).toMatchObject({ unreachable: 1, skipped: 1 });
  });
});
