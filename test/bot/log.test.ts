import { describe, expect, it } from 'vitest';
import { bounded, createLogger, describeError, LOG_LIMITS, routeConsoleTo } from '../../bot/log.js';

describe('the logger', () => {
  it('keeps every field within its limit and says how much was cut', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).warn('e'.repeat(100), { message: 'm'.repeat(1000), caseRef: 'c'.repeat(1000), count: 3 });
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'warn',
      event: `${'e'.repeat(LOG_LIMITS.event)}…[${100 - LOG_LIMITS.event} more]`,
      message: `${'m'.repeat(LOG_LIMITS.message)}…[${1000 - LOG_LIMITS.message} more]`,
      caseRef: `${'c'.repeat(LOG_LIMITS.field)}…[${1000 - LOG_LIMITS.field} more]`,
      count: 3,
    });
  });

  it('never cuts a character in half', () => {
    expect(bounded(`ab${'😀'.repeat(3)}`, 3)).toBe('ab…[6 more]');
    expect(bounded('abc', 3)).toBe('abc');
  });

  it("an error is logged by class and first line, with key material removed", () => {
    const error = new TypeError('bad key -----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY----- here\nsecond line');
    expect(describeError(error)).toEqual({ error: 'TypeError', message: 'bad key [key material] here' });
  });
});

describe('console output from libraries', () => {
  it('goes through the logger as one warn line per call, errors without their stacks, until put back', () => {
    const lines: string[] = [];
    const before = console.error;
    const restore = routeConsoleTo(createLogger((line) => lines.push(line)));
    const routed = console.error;
    try {
      console.error(new RangeError('jwt expired'));
      console.error('Error finding key for token. Available keys: -----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAqO6W\n-----END RSA PUBLIC KEY-----\n');
      console.warn('two', { parts: true }, 3);
      console.log('noted\nand more');
    } finally {
      restore();
    }
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).map(({ level, event, message }) => [level, event, message])).toEqual([
      ['warn', 'library.console', 'RangeError: jwt expired'],
      ['warn', 'library.console', 'Error finding key for token. Available keys: [key material]'],
      ['warn', 'library.console', 'two [object] 3'],
      ['info', 'library.console', 'noted'],
    ]);
    expect([routed === before, console.error === before]).toEqual([false, true]);
    expect(lines.every((line) => !line.includes('\\n'))).toBe(true);
  });
});
