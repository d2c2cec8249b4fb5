import { setTimeout as sleep } from 'node:timers/promises';
import type { BlobLeaseClient, BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { guarded, isAlreadyExists, isNotFound, isPreconditionFailed } from './errors.js';

/**
 * One run of a job at a time across every instance, with the storage account's own primitive: a blob lease. The
 * job's blob (`<job>` in the jobs container, empty, created the first time) is leased for `leaseSeconds`, renewed
 * every `renewEveryMs` while the work runs and released after it. Whoever asks while it is held is told so (409
 * LeaseAlreadyPresent) and does not run. An instance that dies holding the lease stops renewing it, so it lapses
 * after `leaseSeconds` and the next to ask gets it: no one has to notice the death.
 *
 * A renewal that fails means the lease may have lapsed and someone else may hold it: the work's signal aborts (its
 * reason a LeaseLost) so that the work stops between steps. Work that must not run twice at once checks it; what
 * it had done stays done, and work that is idempotent (the sweep writes through keyed outbox rows) loses nothing.
 */

type Fields = Readonly<Record<string, string | number | boolean | undefined>>;
export interface LeaseLog {
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
}

export interface JobLeaseOptions {
  /** How long a lease lasts unrenewed, 15 to 60 seconds (Azure's range): how long a dead holder keeps others out. */
  readonly leaseSeconds?: number;
  /** How often the holder renews: a third of the lease unless told, so one slow renewal still lands in time. */
  readonly renewEveryMs?: number;
  /** Names this instance in the log lines. */
  readonly holder?: string;
}

/** What `runExclusive` did: the work's result, or nothing because another holder had the lease. */
export type Exclusive<T> = { readonly ran: true; readonly result: T } | { readonly ran: false };

/** The reason of the work's signal when a renewal failed: another instance may now be running the job. */
export class LeaseLost extends Error {
  constructor(readonly job: string) {
    super(`The lease on the job "${job}" was lost: another instance may be running it`);
    this.name = 'LeaseLost';
  }
}

/** Azure's bounds on a finite lease. */
const MIN_LEASE_SECONDS = 15;
const MAX_LEASE_SECONDS = 60;
/** A job names a blob: lower case, so no two names differ only in case. */
const JOB_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export class JobLeases {
  readonly #leaseSeconds: number;
  readonly #renewEveryMs: number;
  readonly #holder: string | undefined;

  constructor(
    private readonly container: ContainerClient,
    private readonly log: LeaseLog,
    options: JobLeaseOptions = {},
  ) {
    const leaseSeconds = options.leaseSeconds ?? MAX_LEASE_SECONDS;
    if (!Number.isInteger(leaseSeconds) || leaseSeconds < MIN_LEASE_SECONDS || leaseSeconds > MAX_LEASE_SECONDS) {
      throw new RangeError(`A lease lasts ${MIN_LEASE_SECONDS} to ${MAX_LEASE_SECONDS} whole seconds, not ${leaseSeconds}`);
    }
    const renewEveryMs = options.renewEveryMs ?? (leaseSeconds * 1000) / 3;
    if (!(renewEveryMs > 0 && renewEveryMs < leaseSeconds * 1000)) {
      throw new RangeError(`Renewals every ${renewEveryMs} ms would not keep a ${leaseSeconds}-second lease`);
    }
    this.#leaseSeconds = leaseSeconds;
    this.#renewEveryMs = renewEveryMs;
    this.#holder = options.holder;
  }

  /**
   * Runs `work` if no one else holds the job's lease, holding it until the work settles (its error is passed on,
   * the lease released all the same). The work's signal aborts when the lease is lost or when `stop` aborts.
   */
  async runExclusive<T>(job: string, work: (signal: AbortSignal) => Promise<T>, stop?: AbortSignal): Promise<Exclusive<T>> {
    if (!JOB_NAME.test(job)) throw new Error(`A job's name is lower-case letters, digits and hyphens, not "${job}"`);
    const fields = { job, holder: this.#holder };
    const lease = await this.acquire(this.container.getBlockBlobClient(job));
    if (lease === undefined) {
      this.log.info('lease.busy', fields);
      return { ran: false };
    }
    const started = performance.now();
    this.log.info('lease.acquired', { ...fields, leaseSeconds: this.#leaseSeconds });
    const lost = new AbortController();
    const renewals = this.keepRenewed(lease, (error) => {
      this.log.warn('lease.lost', { ...fields, heldMs: Math.round(performance.now() - started), ...describe(error) });
      lost.abort(new LeaseLost(job));
    });
    try {
      return { ran: true, result: await work(stop === undefined ? lost.signal : AbortSignal.any([lost.signal, stop])) };
    } finally {
      await renewals.stop();
      if (!lost.signal.aborted) await this.release(lease, fields, started);
    }
  }

  /** The lease, or undefined when someone else holds it; the blob is made the first time it is missing. */
  private async acquire(blob: BlockBlobClient): Promise<BlobLeaseClient | undefined> {
    const lease = blob.getBlobLeaseClient();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await guarded(() => lease.acquireLease(this.#leaseSeconds));
        return lease;
      } catch (error) {
        if (isAlreadyExists(error)) return undefined;
        if (!isNotFound(error) || attempt > 1) throw error;
      }
      await createEmpty(blob);
    }
  }

  /**
   * Renews every renewEveryMs until stopped. Each renewal must land before the lease could lapse (the rest of the
   * lease after the wait); a renewal that fails or is too late calls `onLost` and renewing ends.
   */
  private keepRenewed(lease: BlobLeaseClient, onLost: (error: unknown) => void): { stop(): Promise<void> } {
    const stopped = new AbortController();
    const leftAfterWaitMs = this.#leaseSeconds * 1000 - this.#renewEveryMs;
    const renewing = (async () => {
      for (;;) {
        try {
          await sleep(this.#renewEveryMs, undefined, { signal: stopped.signal });
        } catch {
          return;
        }
        try {
          await guarded(() => lease.renewLease({ abortSignal: AbortSignal.timeout(leftAfterWaitMs) }));
        } catch (error) {
          onLost(error);
          return;
        }
      }
    })();
    return {
      stop: async () => {
        stopped.abort();
        await renewing;
      },
    };
  }

  /** Others need not wait for the lease to lapse; if releasing fails, it lapses on its own in leaseSeconds. */
  private async release(lease: BlobLeaseClient, fields: Fields, started: number): Promise<void> {
    const heldMs = Math.round(performance.now() - started);
    try {
      await guarded(() => lease.releaseLease());
      this.log.info('lease.released', { ...fields, heldMs });
    } catch (error) {
      this.log.warn('lease.release-failed', { ...fields, heldMs, ...describe(error) });
    }
  }
}

/** An empty blob to lease; one made meanwhile by another instance (409), or already leased by it (412), will do. */
async function createEmpty(blob: BlockBlobClient): Promise<void> {
  try {
    await guarded(() => blob.upload('', 0, { conditions: { ifNoneMatch: '*' } }));
  } catch (error) {
    if (!isAlreadyExists(error) && !isPreconditionFailed(error)) throw error;
  }
}

function describe(error: unknown): Fields {
  return error instanceof Error ? { error: error.name, message: error.message } : { error: String(error) };
}
