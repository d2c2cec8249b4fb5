/**
 * Structured log lines: an event name and flat identifiers. Values are restricted to scalars so that a case
 * record, a card or an activity (which carry names) cannot be logged whole by accident; log case refs and ids.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

type Level = keyof Logger;

/**
 * The most characters any logged value may hold, so that nothing a caller sends (a 200,000-character verb, an
 * activity id, a library's message) can make a line unbounded. A field not named here gets `field`.
 */
export const LOG_LIMITS = {
  event: 64,
  field: 128,
  message: 300,
} as const;

/** Keeps the first `max` characters and says how many were cut, never splitting a surrogate pair. */
export function bounded(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\ud800-\udbff]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}…[${value.length - end} more]`;
}

function limitOf(name: string): number {
  return name === 'message' ? LOG_LIMITS.message : LOG_LIMITS.field;
}

function boundedFields(fields: LogFields): Record<string, string | number | boolean | undefined> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? bounded(value, limitOf(name)) : value]));
}

export function createLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: Level) => (event: string, fields: LogFields = {}) => {
    // Named first for reading, and again last so that no field can pass itself off as the level or event.
    const fixed = { time: new Date().toISOString(), level, event: bounded(event, LOG_LIMITS.event) };
    write(JSON.stringify({ ...fixed, ...boundedFields(fields), ...fixed }));
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** For tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The error's class and message, never its stack's data: enough to find the fault without copying payloads. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.name, message: firstLine(error.message) };
  return { error: typeof error };
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;

function firstLine(text: string): string {
  return text.replace(PEM, '[key material]').split(/\r?\n/, 1)[0] ?? '';
}

/** One console argument as a short phrase: an error's class and message (no stack), a string's first line. */
function consolePhrase(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${firstLine(value.message)}`;
  if (typeof value === 'string') return firstLine(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `[${typeof value}]`;
}

/**
 * Libraries that write to the console directly (botbuilder prints a rejected token's signing key and the
 * error's stack to stderr, for any unauthenticated caller) go through the logger instead: one bounded line,
 * event `library.console`, errors and warnings at warn. Returns the function that puts the console back.
 */
export function routeConsoleTo(log: Logger): () => void {
  const original = { error: console.error, warn: console.warn, info: console.info, log: console.log, debug: console.debug, trace: console.trace };
  const to = (level: Level) => (...args: unknown[]) => log[level]('library.console', { message: args.map(consolePhrase).join(' ') });
  Object.assign(console, { error: to('warn'), warn: to('warn'), trace: to('warn'), info: to('info'), log: to('info'), debug: to('info') });
  return () => {
    Object.assign(console, original);
  };
}
