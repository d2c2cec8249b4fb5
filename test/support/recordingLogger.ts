import type { LogFields, Logger } from '../../bot/log.js';

export interface LogEntry {
  readonly level: keyof Logger;
  readonly event: string;
  readonly fields: LogFields;
}

/** A Logger that keeps its lines, so tests can check why something was refused. */
export function recordingLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: keyof Logger) => (event: string, fields: LogFields = {}) => {
    entries.push({ level, event, fields });
  };
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}
