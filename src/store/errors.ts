/**
 * Storage failures as the rest of the code sees them. The Azure SDK throws RestError with a statusCode; Azurite
 * often leaves `code` undefined, so decisions read the status first and the code only as a fallback.
 */

/** The store could not be reached or did not answer: nothing can be assumed written; the caller may try again. */
export class StorageUnavailable extends Error {
  constructor(readonly causeDescription: string, options?: { cause?: unknown }) {
    super(`The case store could not be reached (${causeDescription})`, options);
    this.name = 'StorageUnavailable';
  }
}

/** Optimistic concurrency gave up: the same rows kept changing under us for every attempt. */
export class StorageConflict extends Error {
  constructor(readonly attempts: number) {
    super(`The same record kept changing while being saved (${attempts} attempts)`);
    this.name = 'StorageConflict';
  }
}

/** A key that Azure Tables would refuse or misroute: a programming or input error, never retried. */
export class InvalidKey extends Error {
  constructor(readonly reason: string) {
    super(`Invalid storage key: ${reason}`);
    this.name = 'InvalidKey';
  }
}

/** A value that cannot be stored within the entity limits; refused rather than truncated. */
export class ValueTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueTooLarge';
  }
}

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = field(error, 'statusCode');
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = field(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

export const isNotFound = (error: unknown): boolean => statusOf(error) === 404;
export const isAlreadyExists = (error: unknown): boolean => statusOf(error) === 409;
export const isPreconditionFailed = (error: unknown): boolean => statusOf(error) === 412;

/** Lost a race on an optimistic write: someone updated (412), created (409) or removed (404) the row first. */
export function isLostRace(error: unknown): boolean {
  return isPreconditionFailed(error) || isAlreadyExists(error) || isNotFound(error);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
]);

/** Faults worth retrying later: no answer at all, a timeout, throttling, or a server-side failure. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailable) return true;
  const status = statusOf(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  const code = codeOf(error);
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return field(error, 'name') === 'AbortError';
}

/** Runs one storage call, turning "could not reach the store" into StorageUnavailable and leaving the rest as is. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StorageUnavailable || !isUnavailable(error)) throw error;
    const description = codeOf(error) ?? (statusOf(error) !== undefined ? `HTTP ${statusOf(error)}` : 'no answer');
    throw new StorageUnavailable(description, { cause: error });
  }
}

/** Another bot (or the staff tool) holds the embedded Azurite's data folder: a second Azurite there would clash with it. */
export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    staleAfterSeconds: number,
  ) {
    super(
      [
        `Another bot is already using the data folder ${dataDir}: two Azurites on one folder would overwrite each other's files.`,
        'Stop that bot first (Ctrl-C in its terminal, or SIGTERM), or give this one a folder of its own with LOCAL_DATA_DIR.',
        `If no bot is running (one was killed), its lock lapses ${staleAfterSeconds} seconds after it stopped: start again then.`,
      ].join('\n'),
    );
    this.name = 'DataFolderInUse';
  }
}
