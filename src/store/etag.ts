import { setTimeout as sleep } from 'node:timers/promises';
import { isLostRace, StorageConflict } from './errors.js';

/**
 * Optimistic concurrency. An attempt reads what it needs, decides, and writes conditionally on the ETags it
 * read (create-only for new rows, If-Match for existing ones). Losing a race (412, or 409/404 when a row
 * appeared or vanished meanwhile) reloads and re-applies the whole operation; after `maxAttempts` it surfaces
 * as StorageConflict. Every other error, including a domain refusal, ends the loop at once.
 */
export interface RetryOptions {
  readonly maxAttempts?: number;
  /** Base of the randomised back-off between attempts, so racing writers spread out. */
  readonly backoffMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 10;

export async function withEtagRetry<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffMs = options.backoffMs ?? 10;
  for (let attemptNumber = 1; attemptNumber <= maxAttempts; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!isLostRace(error)) throw error;
      if (attemptNumber < maxAttempts) await sleep(Math.random() * backoffMs * Math.min(attemptNumber, 5));
    }
  }
  throw new StorageConflict(maxAttempts);
}
