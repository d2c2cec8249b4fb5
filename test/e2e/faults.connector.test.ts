import { describe, expect, it } from 'vitest';
import { DISPATCH_RETRY } from '../../bot/notify/outboxPorts.js';
import { CHAIR } from './seedStories.js';
import { recipientOf } from './fakeConnector.js';
import { faultDay, MISSED, received, rowFor, settle, sweep } from './sweepFaultDay.js';

/**
 * The connector answering 500, through the bot's real delivery (the sweep's three cards of the fault day): retried
 * with backoff by the connector client and the sender, handed back to the queue when every try failed, and each
 * card sent once in the end. 429, 403 and 404 are in sweepFaults.test.ts; the sender's backoff in sender.test.ts.
 * The connector client under botbuilder tries a request 4 times (its own 3 retries) before the sender sees the 500.
 */
const CLIENT_TRIES = 4;

describe('the connector answering 500', () => {
  const { env } = faultDay('conn500');

  it('retries each send through the 500s and sends each card once: the client backs off, then the sender tries again', async () => {
    // Every chat's first sends answered 500 (no Retry-After): the first attempt of the sender fails, its second goes.
    const refused = new Map<string, number>();
    env.connector.rule(({ kind, conversationId }) => {
      if (kind !== 'send' || conversationId === undefined) return undefined;
      const count = (refused.get(conversationId) ?? 0) + 1;
      refused.set(conversationId, count);
      return count <= CLIENT_TRIES ? { status: 500, body: { error: { code: 'ServiceError', message: 'Internal server error' } } } : undefined;
    });
    await sweep(env);
    await settle(env);
    expect(received(env)).toEqual(MISSED);
    expect([...refused.values()]).toEqual([CLIENT_TRIES + 1, CLIENT_TRIES + 1, CLIENT_TRIES + 1]);
    expect(env.deliveryCounts()).toMatchObject({ sent: 3, repeated: 0, failed: 0, poisoned: 0 });
  }, 60_000);

});

describe('the connector answering 500 for longer than the retries', () => {
  const { env } = faultDay('conn500back');

  it('hands the send back to the queue unmarked after the last retry, and sends it once when its message comes back', async () => {
    // Opening the chair's chat answers 500 through every try of one delivery (the client's and the sender's), then works.
    const refusals = CLIENT_TRIES * DISPATCH_RETRY.maxAttempts;
    let refused = 0;
    env.connector.rule(({ kind, memberId }) => {
      if (kind !== 'create-conversation' || !memberId?.endsWith(CHAIR) || refused === refusals) return undefined;
      refused += 1;
      return { status: 500 };
    });
    await sweep(env);
    await settle(env);
    expect(refused).toBe(refusals);
    expect(received(env)).toEqual(MISSED);
    // The chair's first delivery failed and released the row; its message came back and the second sent it, not as a repeat.
    expect(env.deliveryCounts()).toMatchObject({ sent: 3, failed: 1, repeated: 0, poisoned: 0 });
    expect((await rowFor(env, 'missed-core-group-decision', CHAIR))?.state).toBe('sent');
  }, 180_000);
});

describe('the connector taking a request and never answering it', () => {
  // Production waits CONNECTOR_ANSWER_MS (20 s) for an answer; the mechanism is the same at 1 s.
  const { env } = faultDay('connHang', { answerWithinMs: 1_000 });

  it('gives the send up after the timeout and tries it again, so the card arrives and nothing is held for good', async () => {
    const held = env.connector.hold(({ kind, conversationId }) => kind === 'send' && recipientOf(conversationId ?? '') === CHAIR);
    await sweep(env);
    await settle(env);
    await held.arrived;
    // The held post was never taken; the sender's next attempt was, within the same delivery.
    expect(received(env)).toEqual(MISSED);
    expect(env.deliveryCounts()).toMatchObject({ sent: 3, failed: 0, repeated: 0, poisoned: 0 });
    expect((await rowFor(env, 'missed-core-group-decision', CHAIR))?.state).toBe('sent');
    held.release();
  }, 60_000);
});
