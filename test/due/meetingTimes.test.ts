import { describe, expect, it } from 'vitest';
import { answersOpen } from '../../src/due/meetingTimes.js';
import type { LocalDate } from '../../src/time/localDate.js';

describe('answers are open until the meeting starts, London time', () => {
  it.each([
    // British Summer Time: 10:00 in London is 09:00 UTC (whatever zone the machine runs in).
    ['2027-07-01', '10:00', '2027-07-01T08:59:59Z', true],
    ['2027-07-01', '10:00', '2027-07-01T09:00:00Z', false],
    // Greenwich Mean Time: 10:00 in London is 10:00 UTC.
    ['2027-01-12', '10:00', '2027-01-12T09:59:59Z', true],
    ['2027-01-12', '10:00', '2027-01-12T10:00:00Z', false],
  ])('a meeting on %s at %s takes answers at %s: %s', (date, time, now, open) => {
    expect(answersOpen({ date: date as LocalDate, time }, new Date(now))).toBe(open);
  });
});
