import { describe, expect, it } from 'vitest';
import { isLocalDate } from '../../src/time/localDate.js';

describe('isLocalDate', () => {
  it('accepts real dates only, leap days by the Gregorian rule', () => {
    expect(['2027-01-31', '2027-04-30', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31'].filter((date) => !isLocalDate(date))).toEqual([]);
    expect(['2027-02-29', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '0000-01-01'].filter(isLocalDate)).toEqual([]);
  });

  it('accepts only the YYYY-MM-DD shape', () => {
    expect(['2027-2-03', ' 2027-02-03', '2027-02-03T00:00', '2027/02/03', '+02027-02-03', '２０２７-02-03', '', 20270203, null].filter(isLocalDate)).toEqual([]);
  });
});
