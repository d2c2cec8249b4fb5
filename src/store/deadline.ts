import { AsyncLocalStorage } from 'node:async_hooks';
import type { TableClient } from '@azure/data-tables';

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

const deadline = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with a time limit on every storage call it makes, retries and their waits included: past it
 * each call is abandoned (the SDK's AbortError, which `guarded` reads as StorageUnavailable). A store that
 * accepts connections and never answers would otherwise hold a person's question for the SDK's whole retry
 * schedule, well past the point where Teams has given up. Calls outside any `withStorageDeadline` (start-up,
 * jobs) keep the SDK's own schedule.
 */
export function withStorageDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return deadline.run(AbortSignal.timeout(ms), work);
}

/** The table pipeline's half: attaches the current deadline, if any, to each request before it is retried. */
export const storageDeadlinePolicy: PipelinePolicy = {
  name: 'storageDeadline',
  sendRequest(request, next) {
    const signal = deadline.getStore();
    if (signal !== undefined) request.abortSignal = request.abortSignal ? either(request.abortSignal, signal) : signal;
    return next(request);
  },
};

type SignalLike = NonNullable<Parameters<PipelinePolicy['sendRequest']>[0]['abortSignal']>;

/** Aborts when either does (the SDK's signal type is a structural one, so AbortSignal.any cannot take it). */
function either(first: SignalLike, second: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (first.aborted || second.aborted) abort();
  first.addEventListener('abort', abort);
  second.addEventListener('abort', abort);
  return controller.signal;
}
