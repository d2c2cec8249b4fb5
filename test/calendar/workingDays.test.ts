import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { createCalendars, createWorkingCalendar, type Nation } from '../../src/calendar/index.js';
import { parseLocalDate as d } from '../../src/time/localDate.js';

const calendars = createCalendars();

describe('N working days after X counts X as day 0 and skips each nation’s bank holidays', () => {
  const cases: Array<[string, string, number, Record<Nation, string>]> = [
    ['Christmas 2026 with the Boxing Day substitute on Mon 28 Dec', '2026-12-21', 5, { 'england-wales': '2026-12-30', scotland: '2026-12-30', 'northern-ireland': '2026-12-30' }],
    ['New Year 2027: Scotland also closes Mon 4 Jan for 2 January', '2026-12-30', 3, { 'england-wales': '2027-01-05', scotland: '2027-01-06', 'northern-ireland': '2027-01-05' }],
    ['Easter 2027: Scotland has Good Friday but no Easter Monday', '2027-03-25', 1, { 'england-wales': '2027-03-30', scotland: '2027-03-29', 'northern-ireland': '2027-03-30' }],
    ['St Patrick’s Day, Wed 17 Mar 2027, in Northern Ireland only', '2027-03-16', 1, { 'england-wales': '2027-03-17', scotland: '2027-03-17', 'northern-ireland': '2027-03-18' }],
    ['12 July 2027 in Northern Ireland only', '2027-07-09', 1, { 'england-wales': '2027-07-12', scotland: '2027-07-12', 'northern-ireland': '2027-07-13' }],
    ['Scotland’s summer holiday is the first Monday of August', '2027-07-30', 1, { 'england-wales': '2027-08-02', scotland: '2027-08-03', 'northern-ireland': '2027-08-02' }],
    ['the rest of the UK’s is the last Monday of August', '2027-08-27', 1, { 'england-wales': '2027-08-31', scotland: '2027-08-30', 'northern-ireland': '2027-08-31' }],
    ['St Andrew’s Day, Tue 30 Nov 2027, in Scotland only', '2027-11-29', 1, { 'england-wales': '2027-11-30', scotland: '2027-12-01', 'northern-ireland': '2027-11-30' }],
    ['Christmas 2027 on a weekend: substitutes Mon 27 and Tue 28 Dec', '2027-12-24', 1, { 'england-wales': '2027-12-29', scotland: '2027-12-29', 'northern-ireland': '2027-12-29' }],
    ['the state funeral, Mon 19 Sep 2022, everywhere', '2022-09-16', 1, { 'england-wales': '2022-09-20', scotland: '2022-09-20', 'northern-ireland': '2022-09-20' }],
    ['the coronation, Mon 8 May 2023, everywhere', '2023-05-05', 1, { 'england-wales': '2023-05-09', scotland: '2023-05-09', 'northern-ireland': '2023-05-09' }],
    ['the Platinum Jubilee, 2 and 3 June 2022', '2022-06-01', 1, { 'england-wales': '2022-06-06', scotland: '2022-06-06', 'northern-ireland': '2022-06-06' }],
    ['New Year 2028 falls on a Saturday: substitute Mon 3 Jan', '2027-12-31', 1, { 'england-wales': '2028-01-04', scotland: '2028-01-05', 'northern-ireland': '2028-01-04' }],
  ];
  for (const [story, from, count, expected] of cases) {
    for (const nation of Object.keys(expected) as Nation[]) {
      it(`${story} (${nation}): ${from} + ${count} = ${expected[nation]}`, () => {
        expect(calendars[nation].addWorkingDays(d(from), count)).toBe(expected[nation]);
      });
    }
  }

  it('day 0 is the date itself', () => {
    expect(calendars['england-wales'].addWorkingDays(d('2026-12-25'), 0)).toBe('2026-12-25');
  });

  it('refuses a negative or fractional count rather than guessing', () => {
    expect(() => calendars['england-wales'].addWorkingDays(d('2027-01-04'), -1)).toThrow(RangeError);
    expect(() => calendars['england-wales'].addWorkingDays(d('2027-01-04'), 1.5)).toThrow(RangeError);
  });
});

describe('counting back and moving back', () => {
  const england = calendars['england-wales'];

  it('N working days before X counts back over New Year', () => {
    expect(england.subtractWorkingDays(d('2027-01-05'), 3)).toBe('2026-12-30');
  });

  it('a closed day moves back to the last working day before it', () => {
    expect(england.onOrBeforeWorkingDay(d('2026-12-28'))).toBe('2026-12-24');
    expect(england.onOrBeforeWorkingDay(d('2027-03-29'))).toBe('2027-03-25');
    expect(calendars.scotland.onOrBeforeWorkingDay(d('2027-03-29'))).toBe('2027-03-29');
    expect(england.onOrBeforeWorkingDay(d('2027-01-06'))).toBe('2027-01-06');
  });

  it('says why a day is closed', () => {
    expect(england.closedBecause(d('2027-03-29'))).toBe('Easter Monday');
    expect(england.closedBecause(d('2027-01-09'))).toBe('Saturday');
    expect(england.closedBecause(d('2027-01-11'))).toBeUndefined();
    expect(calendars['northern-ireland'].closedBecause(d('2027-07-12'))).toMatch(/Boyne/);
  });
});

describe('organisation closure days from configuration', () => {
  it('a council’s Christmas closure pushes a count into January', () => {
    const council = createWorkingCalendar('england-wales', [d('2026-12-29'), d('2026-12-30'), d('2026-12-31')]);
    expect(council.addWorkingDays(d('2026-12-24'), 1)).toBe('2027-01-04');
    expect(council.closedBecause(d('2026-12-30'))).toBe('organisation closure day');
    // The national calendar is untouched.
    expect(calendars['england-wales'].addWorkingDays(d('2026-12-24'), 1)).toBe('2026-12-29');
  });
});

describe('England and Wales share one bank-holiday list', () => {
  it('date-holidays gives Wales the same days as England for 2020–2027', () => {
    for (let year = 2020; year <= 2027; year += 1) {
      const days = (sub: string) =>
        new Holidays('GB', sub)
          .getHolidays(year)
          .filter((h) => h.type === 'public' || h.type === 'bank')
          .map((h) => h.date.slice(0, 10));
      expect(days('WLS')).toEqual(days('ENG'));
    }
  });
});
