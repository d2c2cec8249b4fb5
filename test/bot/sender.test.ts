import { describe, expect, it } from 'vitest';
import { createSender, decorrelatedJitter, DEFAULT_RETRY_POLICY, httpFailureOf, type RetryPolicy } from '../../bot/notify/sender.js';

/** A RestError as botbuilder's connector client throws it. */
function restError(statusCode: number, retryAfter?: string, code = 'Error'): Error {
  return Object.assign(new Error(`HTTP ${statusCode}`), {
    statusCode,
    code,
    response: { status: statusCode, headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

/** A fake clock: sleeping advances time instantly and is recorded. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** An operation that fails with the given errors in turn, then succeeds with 'ok'. */
function failing(...errors: Error[]) {
  const calls = { count: 0 };
  const attempt = async () => {
    const error = errors[calls.count];
    calls.count += 1;
    if (error) throw error;
    return 'ok';
  };
  return { attempt, calls };
}

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 };

describe('the sender', () => {
  it('sends once when the first attempt succeeds', async () => {
    const time = fakeTime();
    const { attempt, calls } = failing();
    expect(await createSender({ policy, ...time, minIntervalMs: 0 })(attempt)).toEqual({ status: 'sent', value: 'ok', attempts: 1 });
    expect(calls.count).toBe(1);
    expect(time.sleeps).toEqual([]);
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not-found'],
  ] as const)('returns %i as unreachable (%s) without retrying', async (status, reason) => {
    const time = fakeTime();
    const { attempt, calls } = failing(restError(status, undefined, 'BotNotInConversationRoster'));
    expect(await createSender({ policy, ...time, minIntervalMs: 0 })(attempt)).toEqual({
      status: 'unreachable',
      reason,
      httpStatus: status,
      code: 'BotNotInConversationRoster',
      attempts: 1,
    });
    expect(calls.count).toBe(1);
  });

  it('retries 429 and 5xx, waiting at least what Retry-After asks', async () => {
    const time = fakeTime();
    const { attempt, calls } = failing(restError(429, '2'), restError(500), restError(503, '1'));
    const outcome = await createSender({ policy, ...time, random: () => 0, minIntervalMs: 0 })(attempt);
    expect(outcome).toEqual({ status: 'sent', value: 'ok', attempts: 4 });
    expect(calls.count).toBe(4);
    expect(time.sleeps).toEqual([2_000, 100, 1_000]);
  });

  it('gives back a retryable failure after the last attempt', async () => {
    const time = fakeTime();
    const { attempt } = failing(...Array.from({ length: 9 }, () => restError(502)));
    expect(await createSender({ policy, ...time, minIntervalMs: 0 })(attempt)).toEqual({
      status: 'failed',
      reason: 'server-error',
      httpStatus: 502,
      retryAfterMs: undefined,
      attempts: 4,
    });
  });

  it('gives up on an attempt the connector does not answer in time, and on one that never reached it, and tries again', async () => {
    const time = fakeTime();
    const hung = { count: 0 };
    const networkDown = Object.assign(new Error('socket hang up'), { name: 'RestError', code: 'ECONNRESET' });
    const attempt = async () => {
      hung.count += 1;
      if (hung.count === 1) return new Promise<string>(() => {});
      if (hung.count === 2) throw networkDown;
      return 'ok';
    };
    expect(await createSender({ policy, ...time, random: () => 0, minIntervalMs: 0, answerWithinMs: 20 })(attempt)).toEqual({ status: 'sent', value: 'ok', attempts: 3 });
    expect(time.sleeps).toEqual([100, 100]);
  });

  it('hands back "no answer" after the last attempt goes unanswered', async () => {
    const time = fakeTime();
    const never = () => new Promise<string>(() => {});
    expect(await createSender({ policy, ...time, minIntervalMs: 0, answerWithinMs: 10 })(never)).toEqual({
      status: 'failed',
      reason: 'no-answer',
      httpStatus: 0,
      retryAfterMs: undefined,
      attempts: 4,
    });
  });

  it('hands back at once when Retry-After asks for longer than the longest wait', async () => {
    const time = fakeTime();
    const { attempt, calls } = failing(restError(429, '600'));
    expect(await createSender({ policy, ...time, minIntervalMs: 0 })(attempt)).toMatchObject({ status: 'failed', reason: 'throttled', retryAfterMs: 600_000, attempts: 1 });
    expect(calls.count).toBe(1);
    expect(time.sleeps).toEqual([]);
  });

  it('reads Retry-After given as an HTTP date', () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    expect(httpFailureOf(restError(429, inTwoSeconds))?.retryAfterMs).toBeGreaterThan(0);
  });

  it('throws what is not a delivery problem: a bad request, a broken credential, a bug', async () => {
    const time = fakeTime();
    await expect(createSender({ policy, ...time })(failing(restError(400)).attempt)).rejects.toThrow('HTTP 400');
    await expect(createSender({ policy, ...time })(failing(restError(401)).attempt)).rejects.toThrow('HTTP 401');
    await expect(createSender({ policy, ...time })(failing(new TypeError('oops')).attempt)).rejects.toThrow('oops');
  });

  it('paces deliveries: three concurrent sends are spread over two intervals', async () => {
    const time = fakeTime();
    const deliver = createSender({ policy, ...time, minIntervalMs: 50 });
    const outcomes = await Promise.all([1, 2, 3].map((n) => deliver(async () => n)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['sent', 'sent', 'sent']);
    expect(time.sleeps).toEqual([50, 50]);
    expect(time.now()).toBe(100);
  });

  it('waits what Retry-After asks, not a longer backoff', async () => {
    const time = fakeTime();
    const { attempt } = failing(restError(429, '1'));
    // The backoff would be 2 s or more: the 1 s Retry-After asks for is what is waited.
    expect(await createSender({ policy: { ...policy, baseDelayMs: 2_000 }, ...time, random: () => 0.5, minIntervalMs: 0 })(attempt)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(time.sleeps).toEqual([1_000]);
  });
});

describe('decorrelatedJitter', () => {
  it('stays between the base delay and three times the previous one, capped', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      const next = decorrelatedJitter(1_000, DEFAULT_RETRY_POLICY, () => random);
      expect(next).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs);
      expect(next).toBeLessThanOrEqual(3_000);
    }
    expect(decorrelatedJitter(60_000, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});
