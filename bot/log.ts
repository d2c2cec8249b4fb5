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

export function createLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: Level) => (event: string, fields: LogFields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** For tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The error's class and message, never its stack's data: enough to find the fault without copying payloads. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.name, message: error.message.slice(0, 300) };
  return { error: typeof error };
}
