/**
 * The one way anything is delivered to Teams proactively (a message, or a 1:1 conversation being created):
 * paced, retried on 429 and 5xx with decorrelated-jitter backoff that honours Retry-After, and classified, so
 * a person who cannot be reached comes back to the caller as `unreachable` instead of disappearing.
 *
 * The connector client under botbuilder already retries 429/503-with-Retry-After and 5xx up to 3 times itself
 * (its pipeline's default retry policy, not configurable through botbuilder's options); this layer decides
 * what happens after that: a few more paced attempts, then an outcome the caller can act on.
 */

export type UnreachableReason =
  /** 403: the person blocked the bot, uninstalled it, or is not in the roster (guest, outside the tenant). */
  | 'forbidden'
  /** 404: the conversation or the person no longer exists. */
  | 'not-found';

export type DeliveryOutcome<T> =
  | { readonly status: 'sent'; readonly value: T; readonly attempts: number }
  | { readonly status: 'unreachable'; readonly reason: UnreachableReason; readonly httpStatus: number; readonly code?: string; readonly attempts: number }
  /**
   * Still throttled or failing after every attempt: worth trying again later (the outbox's job). `no-answer`: the
   * connector did not answer in time (the adapter's request timeout) or could not be reached; httpStatus 0.
   */
  | {
      readonly status: 'failed';
      readonly reason: 'throttled' | 'server-error' | 'no-answer';
      readonly httpStatus: number;
      readonly retryAfterMs?: number;
      readonly attempts: number;
    };

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * How long one attempt (one connector call, its client's own retries included) may go unanswered before the sender
 * gives up on it and tries again (`no-answer`). botbuilder sets no limit: a connector that took a request and never
 * answered held that send, and its slot, for good, and outlived the outbox row's claim, so another instance then
 * sent the card a second time.
 */
export const CONNECTOR_ANSWER_MS = 20_000;

export interface SenderDeps {
  readonly policy?: RetryPolicy;
  readonly answerWithinMs?: number;
  /** Minimum time between the starts of two deliveries, across all recipients (Teams allows ~50/s per tenant). */
  readonly minIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

export type Deliver = <T>(attempt: () => Promise<T>) => Promise<DeliveryOutcome<T>>;

/** An HTTP failure as the connector reports it (botbuilder throws RestError with these fields). */
interface HttpFailure {
  readonly statusCode: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
}

const DEFAULT_MIN_INTERVAL_MS = 50;

export function createSender(deps: SenderDeps = {}): Deliver {
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const answerWithinMs = deps.answerWithinMs ?? CONNECTOR_ANSWER_MS;
  const now = deps.now ?? Date.now;
  const minIntervalMs = deps.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  let nextSlot = 0;

  /** Reserve the next start time before waiting, so concurrent callers queue up instead of bunching. */
  const paced = async () => {
    const start = Math.max(now(), nextSlot);
    nextSlot = start + minIntervalMs;
    const wait = start - now();
    if (wait > 0) await sleep(wait);
  };

  return async <T>(attempt: () => Promise<T>): Promise<DeliveryOutcome<T>> => {
    let delay = policy.baseDelayMs;
    for (let attempts = 1; ; attempts++) {
      await paced();
      try {
        return { status: 'sent', value: await answeredWithin(attempt(), answerWithinMs), attempts };
      } catch (error) {
        const failure = httpFailureOf(error) ?? (isNoAnswer(error) ? NO_ANSWER : undefined);
        if (failure === undefined) throw error;
        const { statusCode, code, retryAfterMs } = failure;
        if (statusCode === 403 || statusCode === 404) {
          return { status: 'unreachable', reason: statusCode === 403 ? 'forbidden' : 'not-found', httpStatus: statusCode, code, attempts };
        }
        const retryable = statusCode === 429 || statusCode >= 500 || failure === NO_ANSWER;
        // Anything else (400, 401, 413) is a bug or a broken credential: loud, not "try later".
        if (!retryable) throw error;
        const reason = failure === NO_ANSWER ? 'no-answer' : statusCode === 429 ? 'throttled' : 'server-error';
        // A Retry-After beyond our ceiling is the service asking for minutes: hand it back rather than block.
        if (attempts >= policy.maxAttempts || (retryAfterMs ?? 0) > policy.maxDelayMs) {
          return { status: 'failed', reason, httpStatus: statusCode, retryAfterMs, attempts };
        }
        delay = decorrelatedJitter(delay, policy, random);
        // The service's own Retry-After is the wait it asks for (waiting longer only idles the send); without one, backoff.
        await sleep(retryAfterMs ?? delay);
      }
    }
  };
}

/** AWS's decorrelated jitter: random between the base and three times the last delay, capped. */
export function decorrelatedJitter(previousMs: number, policy: RetryPolicy, random: () => number): number {
  const upper = Math.max(policy.baseDelayMs, previousMs * 3);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs + random() * (upper - policy.baseDelayMs));
}

/** No HTTP answer at all: the connector may or may not have taken the message, so a retry may repeat it. */
const NO_ANSWER: HttpFailure = { statusCode: 0 };

class NoAnswerInTime extends Error {
  override readonly name = 'NoAnswerInTime';
}

/**
 * The attempt's answer, or NoAnswerInTime once `ms` have passed. The call itself cannot be cancelled (botbuilder
 * takes no abort signal): left running, its late answer or failure is dropped.
 */
function answeredWithin<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerInTime(`no answer within ${ms} ms`)), ms);
  });
  call.catch(() => {});
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

/**
 * No answer in time, or the connector never reached (a RestError with a network code such as ECONNRESET and no
 * status): worth trying again, like a 5xx.
 */
function isNoAnswer(error: unknown): boolean {
  if (error instanceof NoAnswerInTime) return true;
  if (!(error instanceof Error) || error.name !== 'RestError') return false;
  return !('statusCode' in error && typeof error.statusCode === 'number') && 'code' in error && typeof error.code === 'string';
}

export function httpFailureOf(error: unknown): HttpFailure | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error) || typeof error.statusCode !== 'number') return undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { statusCode: error.statusCode, code, retryAfterMs: retryAfterOf(error) };
}

/** Retry-After in seconds or as an HTTP date, from the RestError's response headers. */
function retryAfterOf(error: object): number | undefined {
  if (!('response' in error) || typeof error.response !== 'object' || error.response === null) return undefined;
  const headers: unknown = 'headers' in error.response ? error.response.headers : undefined;
  if (typeof headers !== 'object' || headers === null || !('get' in headers) || typeof headers.get !== 'function') return undefined;
  const value: unknown = headers.get('retry-after');
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
