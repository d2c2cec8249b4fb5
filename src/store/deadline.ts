import { AsyncLocalStorage } from 'node:async_hooks';
import { setMaxListeners } from 'node:events';
import type { TableClient } from '@azure/data-tables';

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

const deadline = new AsyncLocalStorage<AbortSignal>();

/** Generous: a question over 30 cases makes about as many storage calls, each with its retries. */
const STORAGE_CALLS_PER_TURN = 200;

/**
 * Runs `work` with a time limit on every storage call it makes, retries and their waits included: past it
 * each call is abandoned (the SDK's AbortError, which `guarded` reads as StorageUnavailable). A store that
 * accepts connections and never answers would otherwise hold a person's question for the SDK's whole retry
 * schedule, well past the point where Teams has given up. Calls outside any `withStorageDeadline` (start-up,
 * jobs) keep the SDK's own schedule.
 */
export function withStorageDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  // One turn's calls all listen to this signal (a caseload's index upkeep runs dozens at once); the signal and its
  // listeners go with the turn, so Node's leak warning at 10 would only be noise.
  setMaxListeners(STORAGE_CALLS_PER_TURN, signal);
  return deadline.run(signal, work);
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
