import { describe, expect, it } from 'vitest';
import { StartClockError, startClock } from '../../bot/startClock.js';
import { shiftedClock, systemClock } from '../../src/time/clock.js';

describe('the clock the bot starts on', () => {
  it('is the system clock without --now', () => {
    expect(startClock([], true)).toBe(systemClock);
  });

  it('starts at --now, London time (summer time too), and runs on from there', () => {
    const winter = startClock(['--now', '2026-12-03T09:00'], true);
    expect(winter.today()).toBe('2026-12-03');
    expect(Math.abs(winter.now().getTime() - Date.parse('2026-12-03T09:00:00Z'))).toBeLessThan(1_000);
    const summer = startClock(['--now=2027-06-01T08:30'], true);
    expect(Math.abs(summer.now().getTime() - Date.parse('2027-06-01T07:30:00Z'))).toBeLessThan(1_000);
    expect(Math.abs(startClock(['--now', '2027-01-04'], true).now().getTime() - Date.parse('2027-01-04T09:00:00Z'))).toBeLessThan(1_000);
  });

  it('refuses --now with a bot identity, a malformed time, or another option, saying what it takes', () => {
    expect(() => startClock(['--now', '2026-12-03T09:00'], false)).toThrow(new StartClockError('--now is for local development only: it is refused when a bot identity (MicrosoftAppType) is configured.'));
    expect(() => startClock(['--now', '2026-02-30T09:00'], true)).toThrow('--now must be a London date and time such as 2026-12-03T09:00, not "2026-02-30T09:00"');
    expect(() => startClock(['--now', 'tomorrow'], true)).toThrow(StartClockError);
    expect(() => startClock(['--later'], true)).toThrow(/the one option is --now 2026-12-03T09:00$/);
  });

  it('a shifted clock keeps the pace of the clock under it', () => {
    let real = Date.parse('2026-12-02T15:00:00Z');
    const clock = shiftedClock(new Date('2026-12-03T09:00:00Z'), { now: () => new Date(real) });
    real += 90 * 60_000;
    expect(clock.now().toISOString()).toBe('2026-12-03T10:30:00.000Z');
    expect(clock.today()).toBe('2026-12-03');
  });
});
